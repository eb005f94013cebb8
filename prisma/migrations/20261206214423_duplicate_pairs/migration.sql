-- Duplicate reports (docs/duplicates.md): scored pairs with decisions, and each confirmed
-- secondary's master on the case itself.

-- CreateEnum
CREATE TYPE "DuplicateStatus" AS ENUM ('candidate', 'duplicate', 'distinct');

-- AlterTable
ALTER TABLE "case_report" ADD COLUMN     "duplicate_of" UUID;

-- CreateTable
CREATE TABLE "duplicate_pair" (
    "id" UUID NOT NULL,
    "case_a_id" UUID NOT NULL,
    "case_b_id" UUID NOT NULL,
    "revision_a" INTEGER NOT NULL,
    "revision_b" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "status" "DuplicateStatus" NOT NULL DEFAULT 'candidate',
    "master_id" UUID,
    "later_id" UUID NOT NULL,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "scored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "duplicate_pair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "duplicate_pair_status_score_idx" ON "duplicate_pair"("status", "score");

-- CreateIndex
CREATE INDEX "duplicate_pair_case_b_id_idx" ON "duplicate_pair"("case_b_id");

-- CreateIndex
CREATE INDEX "duplicate_pair_later_id_idx" ON "duplicate_pair"("later_id");

-- CreateIndex
CREATE UNIQUE INDEX "duplicate_pair_case_a_id_case_b_id_key" ON "duplicate_pair"("case_a_id", "case_b_id");

-- CreateIndex
CREATE INDEX "case_report_duplicate_of_idx" ON "case_report"("duplicate_of");

-- AddForeignKey
ALTER TABLE "duplicate_pair" ADD CONSTRAINT "duplicate_pair_case_a_id_fkey" FOREIGN KEY ("case_a_id") REFERENCES "case_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_pair" ADD CONSTRAINT "duplicate_pair_case_b_id_fkey" FOREIGN KEY ("case_b_id") REFERENCES "case_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rollup counts a case while it is live: not deleted and not a confirmed secondary of another
-- case. Setting or clearing duplicate_of is an UPDATE, so the statement trigger moves the case's
-- counts out of (or back into) the rollup in the deciding transaction; no stored count changes
-- here, as no case has a master yet.
CREATE OR REPLACE FUNCTION "case_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE "case_rollup_sql"('SELECT 1 AS delta, n.* FROM new_rows n WHERE n."deleted_at" IS NULL AND n."duplicate_of" IS NULL');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE "case_rollup_sql"('SELECT -1 AS delta, o.* FROM old_rows o WHERE o."deleted_at" IS NULL AND o."duplicate_of" IS NULL');
  ELSE
    EXECUTE "case_rollup_sql"('SELECT 1 AS delta, n.* FROM new_rows n WHERE n."deleted_at" IS NULL AND n."duplicate_of" IS NULL
      UNION ALL SELECT -1 AS delta, o.* FROM old_rows o WHERE o."deleted_at" IS NULL AND o."duplicate_of" IS NULL');
  END IF;
  RETURN NULL;
END
$fn$;
