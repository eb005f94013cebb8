-- AlterTable
ALTER TABLE "background_count" ADD COLUMN     "drug_class" "DrugClass",
ADD COLUMN     "tally" TEXT;

-- CreateTable
CREATE TABLE "background_other_drug" (
    "id" SERIAL NOT NULL,
    "source" "CaseSource" NOT NULL,
    "period" TEXT NOT NULL,
    "drug_name" TEXT NOT NULL,
    "drug_reports" INTEGER NOT NULL,
    "nms_reports" INTEGER NOT NULL,

    CONSTRAINT "background_other_drug_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "background_other_drug_source_period_drug_name_key" ON "background_other_drug"("source", "period", "drug_name");
