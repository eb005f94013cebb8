-- AlterTable
ALTER TABLE "case_drug" ADD COLUMN     "name_ignored" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "catalogue_drug" ADD COLUMN     "treats_nms" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "import_job" ADD COLUMN     "background_reports" INTEGER,
ADD COLUMN     "bytes_read" BIGINT,
ADD COLUMN     "bytes_total" BIGINT,
ADD COLUMN     "deleted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reports_read" INTEGER,
ADD COLUMN     "unmapped_counts" JSONB;

-- CreateTable
CREATE TABLE "drug_name_mapping" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "catalogue_drug_id" INTEGER,
    "ignore" BOOLEAN NOT NULL DEFAULT false,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drug_name_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_data_state" (
    "id" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reference_data_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "drug_name_mapping_key_key" ON "drug_name_mapping"("key");

-- AddForeignKey
ALTER TABLE "drug_name_mapping" ADD CONSTRAINT "drug_name_mapping_catalogue_drug_id_fkey" FOREIGN KEY ("catalogue_drug_id") REFERENCES "catalogue_drug"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A mapping either names a catalogue drug or marks the name "not an antidopaminergic agent".
-- A trigger rather than a CHECK constraint: Prisma's schema describer cannot read a CHECK's
-- "char" constraint type through adapter-pg on Postgres 15, and drift checks would panic.
CREATE FUNCTION "drug_name_mapping_one_target"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (NEW."catalogue_drug_id" IS NULL) <> NEW."ignore" THEN
    RAISE EXCEPTION 'a drug-name mapping names a catalogue drug or is marked ignore: one of the two' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER "drug_name_mapping_one_target" BEFORE INSERT OR UPDATE ON "drug_name_mapping"
  FOR EACH ROW EXECUTE FUNCTION "drug_name_mapping_one_target"();
