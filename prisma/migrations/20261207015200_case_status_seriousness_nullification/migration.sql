-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('draft', 'complete', 'follow_up_requested');

-- AlterTable
ALTER TABLE "case_report" ADD COLUMN     "follow_up_due" DATE,
ADD COLUMN     "nullification_reason" TEXT,
ADD COLUMN     "nullified_by" TEXT,
ADD COLUMN     "onset_unknown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "patient_initials" TEXT,
ADD COLUMN     "serious_congenital_anomaly" BOOLEAN,
ADD COLUMN     "serious_death" BOOLEAN,
ADD COLUMN     "serious_disability" BOOLEAN,
ADD COLUMN     "serious_hospitalisation" BOOLEAN,
ADD COLUMN     "serious_life_threatening" BOOLEAN,
ADD COLUMN     "serious_other" BOOLEAN,
ADD COLUMN     "status" "CaseStatus" NOT NULL DEFAULT 'complete';

-- CreateIndex
CREATE INDEX "case_report_status_idx" ON "case_report"("status");

-- The rollup counts a case while it is live: not nullified/deleted, not a confirmed secondary of
-- another case, and not a draft (docs/case-processing.md). Completing a draft is an UPDATE, so the
-- statement trigger moves its counts in within the completing transaction. Every existing case
-- defaults to 'complete', so no stored count changes here.
CREATE OR REPLACE FUNCTION "case_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE "case_rollup_sql"('SELECT 1 AS delta, n.* FROM new_rows n WHERE n."deleted_at" IS NULL AND n."duplicate_of" IS NULL AND n."status" <> ''draft''');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE "case_rollup_sql"('SELECT -1 AS delta, o.* FROM old_rows o WHERE o."deleted_at" IS NULL AND o."duplicate_of" IS NULL AND o."status" <> ''draft''');
  ELSE
    EXECUTE "case_rollup_sql"('SELECT 1 AS delta, n.* FROM new_rows n WHERE n."deleted_at" IS NULL AND n."duplicate_of" IS NULL AND n."status" <> ''draft''
      UNION ALL SELECT -1 AS delta, o.* FROM old_rows o WHERE o."deleted_at" IS NULL AND o."duplicate_of" IS NULL AND o."status" <> ''draft''');
  END IF;
  RETURN NULL;
END
$fn$;
