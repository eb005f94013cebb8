-- Every aggregate answer says how many of its cases name an attributing drug that matches no
-- catalogue drug (lib/queries/aggregates/count-unmatched-suspects.ts). That count was a join over
-- the unmatched drug rows: 2.6-2.8 s at 10,000,000 cases, the whole of an uncached answer
-- (docs/scaling.md). The case now stores the fact (derived on every write with its classes,
-- lib/cases/to-case-rows.ts, and by re-derivation) and the rollup keeps the count and its
-- record-key sum beside the others, so the answer is a rollup read like the counts.

-- AlterTable
ALTER TABLE "case_report" ADD COLUMN     "unmatched_suspect" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "case_rollup" ADD COLUMN     "k_unmatched" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "unmatched" INTEGER NOT NULL DEFAULT 0;

-- The stored cases, as toCaseRows derives the flag (ATTRIBUTING_ROLES in lib/domain/vocabulary.ts).
-- The rollup is rebuilt below, so its update trigger need not count this statement's moves.
ALTER TABLE "case_report" DISABLE TRIGGER "case_rollup_on_update";
UPDATE "case_report" c SET "unmatched_suspect" = TRUE
WHERE c."id" IN (
  SELECT d."case_id" FROM "case_drug" d
  WHERE d."catalogue_drug_id" IS NULL AND d."role" IN ('suspect', 'interacting', 'withdrawn') AND NOT d."name_ignored");
ALTER TABLE "case_report" ENABLE TRIGGER "case_rollup_on_update";

-- As in migration 20261207072718_rollup_record_keys, plus the unmatched-suspect count and its key sum.
CREATE OR REPLACE FUNCTION "case_rollup_sql"(rows_sql text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN format($sql$
    INSERT INTO "case_rollup" ("cuboid", "year", "month", "classes", "drugs", "sex", "age_band", "outcome", "consensus", "source", "country", "reporter_type", "cases", "fatal", "known", "k_cases", "k_fatal", "k_known", "unmatched", "k_unmatched")
    SELECT GROUPING(year, month, classes, drugs, sex, age_band, outcome, consensus, source, country, reporter_type),
      COALESCE(year, '*'), COALESCE(month, '*'), classes, drugs, COALESCE(sex, '*'), COALESCE(age_band, '*'),
      COALESCE(outcome, '*'), COALESCE(consensus, '*'), COALESCE(source, '*'), COALESCE(country, '*'), COALESCE(reporter_type, '*'),
      sum(delta), coalesce(sum(delta) FILTER (WHERE outcome = 'fatal'), 0), coalesce(sum(delta) FILTER (WHERE outcome <> 'unknown'), 0),
      sum(delta * record_key), coalesce(sum(delta * record_key) FILTER (WHERE outcome = 'fatal'), 0),
      coalesce(sum(delta * record_key) FILTER (WHERE outcome <> 'unknown'), 0),
      coalesce(sum(delta) FILTER (WHERE unmatched), 0), coalesce(sum(delta * record_key) FILTER (WHERE unmatched), 0)
    FROM (
      SELECT c.delta,
        ('x' || left(md5(c."id"::text), 8))::bit(32)::bigint AS record_key,
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
        c."reporter_type"::text AS reporter_type,
        c."unmatched_suspect" AS unmatched
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
      OR sum(delta * record_key) <> 0 OR coalesce(sum(delta * record_key) FILTER (WHERE outcome = 'fatal'), 0) <> 0
      OR coalesce(sum(delta * record_key) FILTER (WHERE outcome <> 'unknown'), 0) <> 0
      OR coalesce(sum(delta) FILTER (WHERE unmatched), 0) <> 0 OR coalesce(sum(delta * record_key) FILTER (WHERE unmatched), 0) <> 0
  $sql$, rows_sql);
END
$fn$;

-- The live cases, as case_rollup_apply (migration 20261207015200) counts them.
DELETE FROM "case_rollup";
DO $do$ BEGIN
  EXECUTE "case_rollup_sql"('SELECT 1 AS delta, c.* FROM "case_report" c WHERE c."deleted_at" IS NULL AND c."duplicate_of" IS NULL AND c."status" <> ''draft''');
END $do$;
