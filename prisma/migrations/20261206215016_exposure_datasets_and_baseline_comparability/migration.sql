-- Exposure datasets (docs/epidemiology.md): country and setting on every stratum, sex "all" for
-- strata not split by sex, one dataset row per source (who loaded it, complete ascertainment or
-- not); baselines carry what makes them comparable (setting, class, period, design, statement).

-- AlterEnum
ALTER TYPE "ImportFormat" ADD VALUE 'exposure';

-- DropIndex
DROP INDEX "exposure_denominator_year_drug_class_drug_id_sex_age_band_s_key";

-- AlterTable
ALTER TABLE "baseline" ADD COLUMN     "checked" TEXT,
ADD COLUMN     "design" TEXT NOT NULL DEFAULT 'review',
ADD COLUMN     "drug_class" TEXT,
ADD COLUMN     "period_end" INTEGER,
ADD COLUMN     "period_start" INTEGER,
ADD COLUMN     "setting" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "statement" TEXT NOT NULL DEFAULT 'point',
ADD COLUMN     "via" TEXT;

-- AlterTable (sex keeps its values: male | female, now also all)
ALTER TABLE "exposure_denominator" ADD COLUMN     "country" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "setting" TEXT NOT NULL DEFAULT 'unknown',
ALTER COLUMN "sex" SET DATA TYPE TEXT USING "sex"::text;

-- CreateTable
CREATE TABLE "exposure_dataset" (
    "source" TEXT NOT NULL,
    "complete_ascertainment" BOOLEAN NOT NULL DEFAULT false,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "loaded_by" TEXT,
    "loaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "import_job_id" UUID,

    CONSTRAINT "exposure_dataset_pkey" PRIMARY KEY ("source")
);

-- CreateIndex
CREATE UNIQUE INDEX "exposure_denominator_year_drug_class_drug_id_sex_age_band_s_key" ON "exposure_denominator"("year", "drug_class", "drug_id", "sex", "age_band", "source", "country", "setting");

-- Existing denominators become datasets; the seeded demo rows are labelled synthetic by name and flag.
UPDATE "exposure_denominator" SET "source" = 'Synthetic demo exposure' WHERE "source" = 'Synthetic demo denominators (NMS Watch seed)';
INSERT INTO "exposure_dataset" ("source", "synthetic", "loaded_by")
  SELECT DISTINCT "source", "source" = 'Synthetic demo exposure', 'system:seed' FROM "exposure_denominator";

-- AddForeignKey
ALTER TABLE "exposure_denominator" ADD CONSTRAINT "exposure_denominator_source_fkey" FOREIGN KEY ("source") REFERENCES "exposure_dataset"("source") ON DELETE CASCADE ON UPDATE CASCADE;
