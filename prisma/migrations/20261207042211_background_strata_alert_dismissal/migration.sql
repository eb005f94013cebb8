-- AlterTable
ALTER TABLE "signal_alert" ADD COLUMN     "dismiss_reason" TEXT;

-- CreateTable
CREATE TABLE "background_stratum" (
    "id" SERIAL NOT NULL,
    "source" "CaseSource" NOT NULL,
    "period" TEXT NOT NULL,
    "sex" "Sex" NOT NULL,
    "age_band" TEXT NOT NULL,
    "drug_id" INTEGER,
    "drug_class" "DrugClass",
    "drug_reports" INTEGER NOT NULL,
    "nms_reports" INTEGER NOT NULL,

    CONSTRAINT "background_stratum_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "background_stratum_source_period_idx" ON "background_stratum"("source", "period");
