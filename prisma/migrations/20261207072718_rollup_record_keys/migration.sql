-- Researchers' answers pass the cell-key rule (lib/stats/cell-key.ts), which needs each cell's sum
-- of record keys; until now only the case tables held them, so every researcher aggregate was a
-- GROUP BY over case_report. The rollup now keeps those sums beside its counts: k_cases, k_fatal
-- and k_known are the sums of the record keys of the cases counted in cases, fatal and known
-- (raw sums; readers reduce them modulo 2^32). A key expression change here must match
-- RECORD_KEY in lib/queries/aggregates/count-aggregate-cells.ts (tests/integration/aggregates/
-- rollup.test.ts compares the two). The rollup is rebuilt from the live cases.
DELETE FROM "case_rollup";

-- AlterTable
ALTER TABLE "case_rollup" ADD COLUMN     "k_cases" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "k_fatal" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "k_known" BIGINT NOT NULL DEFAULT 0;

-- As in migration 20261207014053_rollup_reporter_type, plus the key sums. A delta row is kept
-- when any of its sums is non-zero: two cases trading places between two key combinations in one
-- statement leave the counts unchanged but not the key sums.
CREATE OR REPLACE FUNCTION "case_rollup_sql"(rows_sql text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN format($sql$
    INSERT INTO "case_rollup" ("cuboid", "year", "month", "classes", "drugs", "sex", "age_band", "outcome", "consensus", "source", "country", "reporter_type", "cases", "fatal", "known", "k_cases", "k_fatal", "k_known")
    SELECT GROUPING(year, month, classes, drugs, sex, age_band, outcome, consensus, source, country, reporter_type),
      COALESCE(year, '*'), COALESCE(month, '*'), classes, drugs, COALESCE(sex, '*'), COALESCE(age_band, '*'),
      COALESCE(outcome, '*'), COALESCE(consensus, '*'), COALESCE(source, '*'), COALESCE(country, '*'), COALESCE(reporter_type, '*'),
      sum(delta), coalesce(sum(delta) FILTER (WHERE outcome = 'fatal'), 0), coalesce(sum(delta) FILTER (WHERE outcome <> 'unknown'), 0),
      sum(delta * record_key), coalesce(sum(delta * record_key) FILTER (WHERE outcome = 'fatal'), 0),
      coalesce(sum(delta * record_key) FILTER (WHERE outcome <> 'unknown'), 0)
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
      OR sum(delta * record_key) <> 0 OR coalesce(sum(delta * record_key) FILTER (WHERE outcome = 'fatal'), 0) <> 0
      OR coalesce(sum(delta * record_key) FILTER (WHERE outcome <> 'unknown'), 0) <> 0
  $sql$, rows_sql);
END
$fn$;

-- The live cases, as case_rollup_apply (migration 20261207015200) counts them.
DO $do$ BEGIN
  EXECUTE "case_rollup_sql"('SELECT 1 AS delta, c.* FROM "case_report" c WHERE c."deleted_at" IS NULL AND c."duplicate_of" IS NULL AND c."status" <> ''draft''');
END $do$;
