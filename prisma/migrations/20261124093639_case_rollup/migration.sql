-- AlterTable
ALTER TABLE "case_report" ADD COLUMN     "attributing_classes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "attributing_drugs" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "case_rollup" (
    "id" BIGSERIAL NOT NULL,
    "cuboid" INTEGER NOT NULL,
    "year" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "classes" TEXT[],
    "drugs" TEXT[],
    "sex" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "consensus" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,
    "fatal" INTEGER NOT NULL,
    "known" INTEGER NOT NULL,

    CONSTRAINT "case_rollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_rollup_cuboid_idx" ON "case_rollup"("cuboid");

-- Rollup maintenance (lib/queries/aggregates/rollup.ts reads it). The attributing classes and
-- drugs are derived on every write by the application (lib/cases/to-case-rows.ts); here they
-- are filled in once for the cases already stored.
UPDATE "case_report" c SET "attributing_classes" = x.classes, "attributing_drugs" = x.drugs
FROM (
  SELECT d."case_id", array_agg(DISTINCT cd."drug_class"::text ORDER BY cd."drug_class"::text) AS classes,
    array_agg(DISTINCT cd."name" ORDER BY cd."name") AS drugs
  FROM "case_drug" d JOIN "catalogue_drug" cd ON cd."id" = d."catalogue_drug_id"
  WHERE d."role" IN ('suspect', 'interacting', 'withdrawn')
  GROUP BY d."case_id"
) x
WHERE x."case_id" = c."id";

-- The statement adding the rollup deltas of a set of case rows: `rows_sql` selects (delta, case_report.*) with
-- delta +1 for a row that now counts and -1 for one that no longer does. One row per cuboid and
-- key; the cuboid id is the GROUPING() mask of the collapsed key columns, collapsed keys '*'.
-- The key expressions mirror lib/queries/aggregates/dimensions.ts (a property test compares).
-- Returned as text for the caller to EXECUTE: transition tables are visible only to the trigger
-- function itself, not to functions it calls.
CREATE FUNCTION "case_rollup_sql"(rows_sql text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN format($sql$
    INSERT INTO "case_rollup" ("cuboid", "year", "month", "classes", "drugs", "sex", "age_band", "outcome", "consensus", "source", "country", "cases", "fatal", "known")
    SELECT GROUPING(year, month, classes, drugs, sex, age_band, outcome, consensus, source, country),
      COALESCE(year, '*'), COALESCE(month, '*'), classes, drugs, COALESCE(sex, '*'), COALESCE(age_band, '*'),
      COALESCE(outcome, '*'), COALESCE(consensus, '*'), COALESCE(source, '*'), COALESCE(country, '*'),
      sum(delta), coalesce(sum(delta) FILTER (WHERE outcome = 'fatal'), 0), coalesce(sum(delta) FILTER (WHERE outcome <> 'unknown'), 0)
    FROM (
      SELECT c.delta,
        COALESCE(to_char(c."onset_date", 'YYYY'), 'unknown') AS year,
        COALESCE(to_char(c."onset_date", 'YYYY-MM'), 'unknown') AS month,
        COALESCE(c."attributing_classes", '{}') AS classes,
        COALESCE(c."attributing_drugs", '{}') AS drugs,
        c."sex"::text AS sex,
        CASE WHEN c."age_years" IS NULL OR c."age_years" = 'NaN'::float8 THEN 'unknown'
          WHEN c."age_years" < 18 THEN '0-17' WHEN c."age_years" < 40 THEN '18-39'
          WHEN c."age_years" < 65 THEN '40-64' ELSE '65+' END AS age_band,
        c."outcome"::text AS outcome,
        COALESCE(c."meets_consensus"::text, 'unknown') AS consensus,
        c."source"::text AS source,
        COALESCE(c."country", 'unknown') AS country
      FROM (%s) c
    ) k
    GROUP BY GROUPING SETS (
      (year, classes), (year, classes, sex), (year, classes, age_band), (year, classes, outcome),
      (year, classes, consensus, source), (year, classes, country), (year, classes, country, outcome),
      (year, classes, drugs), (month, classes),
      (year, classes, sex, outcome), (year, classes, age_band, outcome), (year, classes, sex, age_band),
      (year, classes, sex, age_band, outcome, consensus, source)
    )
    HAVING sum(delta) <> 0 OR coalesce(sum(delta) FILTER (WHERE outcome = 'fatal'), 0) <> 0
      OR coalesce(sum(delta) FILTER (WHERE outcome <> 'unknown'), 0) <> 0
  $sql$, rows_sql);
END
$fn$;

-- Statement triggers with transition tables: one rollup write per statement (a batch of a
-- thousand imported cases costs one INSERT … GROUP BY), in the writer's transaction.
CREATE FUNCTION "case_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE "case_rollup_sql"('SELECT 1 AS delta, n.* FROM new_rows n WHERE n."deleted_at" IS NULL');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE "case_rollup_sql"('SELECT -1 AS delta, o.* FROM old_rows o WHERE o."deleted_at" IS NULL');
  ELSE
    EXECUTE "case_rollup_sql"('SELECT 1 AS delta, n.* FROM new_rows n WHERE n."deleted_at" IS NULL
      UNION ALL SELECT -1 AS delta, o.* FROM old_rows o WHERE o."deleted_at" IS NULL');
  END IF;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION "case_rollup_clear"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "case_rollup";
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "case_rollup_on_insert" AFTER INSERT ON "case_report"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "case_rollup_apply"();
CREATE TRIGGER "case_rollup_on_update" AFTER UPDATE ON "case_report"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "case_rollup_apply"();
CREATE TRIGGER "case_rollup_on_delete" AFTER DELETE ON "case_report"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "case_rollup_apply"();
CREATE TRIGGER "case_rollup_on_truncate" AFTER TRUNCATE ON "case_report"
  FOR EACH STATEMENT EXECUTE FUNCTION "case_rollup_clear"();

-- The cases stored before this migration.
DO $do$ BEGIN EXECUTE "case_rollup_sql"('SELECT 1 AS delta, c.* FROM "case_report" c WHERE c."deleted_at" IS NULL'); END $do$;
