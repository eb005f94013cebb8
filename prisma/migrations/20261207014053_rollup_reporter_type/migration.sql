-- The reporterType dimension (lib/queries/aggregates/descriptors.ts) gets its rollup column,
-- appended to the GROUPING() order (lib/queries/aggregates/rollup.ts derives the same order),
-- and its cuboid (year, classes, reporter_type). Every cuboid id gains a bit, so the rollup
-- is rebuilt from the live cases.
DELETE FROM "case_rollup";

-- AlterTable
ALTER TABLE "case_rollup" ADD COLUMN     "reporter_type" TEXT NOT NULL;

-- As in migration 20261124093639_case_rollup, plus reporter_type; the key expressions mirror
-- the descriptors' SQL (tests/integration/aggregates/rollup.test.ts compares every dimension).
CREATE OR REPLACE FUNCTION "case_rollup_sql"(rows_sql text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN format($sql$
    INSERT INTO "case_rollup" ("cuboid", "year", "month", "classes", "drugs", "sex", "age_band", "outcome", "consensus", "source", "country", "reporter_type", "cases", "fatal", "known")
    SELECT GROUPING(year, month, classes, drugs, sex, age_band, outcome, consensus, source, country, reporter_type),
      COALESCE(year, '*'), COALESCE(month, '*'), classes, drugs, COALESCE(sex, '*'), COALESCE(age_band, '*'),
      COALESCE(outcome, '*'), COALESCE(consensus, '*'), COALESCE(source, '*'), COALESCE(country, '*'), COALESCE(reporter_type, '*'),
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
        COALESCE(c."country", 'unknown') AS country,
        c."reporter_type"::text AS reporter_type
      FROM (%s) c
    ) k
    GROUP BY GROUPING SETS (
      (year, classes), (year, classes, sex), (year, classes, age_band), (year, classes, outcome),
      (year, classes, consensus, source), (year, classes, country), (year, classes, country, outcome),
      (year, classes, drugs), (month, classes),
      (year, classes, sex, outcome), (year, classes, age_band, outcome), (year, classes, sex, age_band),
      (year, classes, sex, age_band, outcome, consensus, source),
      (year, classes, reporter_type)
    )
    HAVING sum(delta) <> 0 OR coalesce(sum(delta) FILTER (WHERE outcome = 'fatal'), 0) <> 0
      OR coalesce(sum(delta) FILTER (WHERE outcome <> 'unknown'), 0) <> 0
  $sql$, rows_sql);
END
$fn$;

-- The live cases, as case_rollup_apply counts them (drafts, where the case status exists, left out).
DO $do$ BEGIN
  EXECUTE "case_rollup_sql"('SELECT 1 AS delta, c.* FROM "case_report" c WHERE c."deleted_at" IS NULL AND c."duplicate_of" IS NULL'
    || CASE WHEN EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'case_report' AND column_name = 'status' AND table_schema = current_schema())
         THEN ' AND c."status" <> ''draft''' ELSE '' END);
END $do$;
