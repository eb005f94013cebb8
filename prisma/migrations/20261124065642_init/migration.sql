-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CaseSource" AS ENUM ('manual', 'csv', 'faers', 'openfda', 'e2b');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('male', 'female', 'unknown');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('recovered', 'recovered_with_sequelae', 'recovering', 'not_recovered', 'fatal', 'unknown');

-- CreateEnum
CREATE TYPE "ReporterType" AS ENUM ('physician', 'pharmacist', 'other_health_professional', 'lawyer', 'consumer', 'unknown');

-- CreateEnum
CREATE TYPE "DrugRole" AS ENUM ('suspect', 'concomitant', 'interacting', 'withdrawn');

-- CreateEnum
CREATE TYPE "DrugClass" AS ENUM ('first_generation', 'second_generation', 'antiemetic', 'dopaminergic_withdrawal', 'other_antidopaminergic');

-- CreateEnum
CREATE TYPE "PotencyGrade" AS ENUM ('high', 'medium', 'low');

-- CreateEnum
CREATE TYPE "Formulation" AS ENUM ('oral', 'depot', 'parenteral', 'other');

-- CreateEnum
CREATE TYPE "DoseChange" AS ENUM ('started', 'increased', 'decreased', 'stopped', 'unchanged');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'safety_officer', 'researcher');

-- CreateEnum
CREATE TYPE "ImportFormat" AS ENUM ('csv', 'faers', 'openfda', 'e2b');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('create', 'update', 'delete');

-- CreateTable
CREATE TABLE "case_report" (
    "id" UUID NOT NULL,
    "source" "CaseSource" NOT NULL,
    "source_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "received_date" DATE,
    "onset_date" DATE,
    "country" VARCHAR(2),
    "reporter_type" "ReporterType" NOT NULL DEFAULT 'unknown',
    "sex" "Sex" NOT NULL DEFAULT 'unknown',
    "age_years" DOUBLE PRECISION,
    "weight_kg" DOUBLE PRECISION,
    "dehydration" BOOLEAN,
    "agitation" BOOLEAN,
    "catatonia" BOOLEAN,
    "lewy_body_dementia" BOOLEAN,
    "postpartum" BOOLEAN,
    "lithium_co_medication" BOOLEAN,
    "depot_formulation" BOOLEAN,
    "rapid_dose_escalation" BOOLEAN,
    "high_potency_agent" BOOLEAN,
    "max_temp_c" DOUBLE PRECISION,
    "rigidity" BOOLEAN,
    "mental_status_change" BOOLEAN,
    "ck_max" DOUBLE PRECISION,
    "ck_uln" DOUBLE PRECISION,
    "wbc" DOUBLE PRECISION,
    "bp_lability" BOOLEAN,
    "tachycardia" BOOLEAN,
    "tachypnoea" BOOLEAN,
    "diaphoresis" BOOLEAN,
    "incontinence" BOOLEAN,
    "tremor" BOOLEAN,
    "eeg_slowing" BOOLEAN,
    "negative_workup" BOOLEAN,
    "rhabdomyolysis" BOOLEAN,
    "hyperkalaemia" BOOLEAN,
    "acute_kidney_injury" BOOLEAN,
    "seizures" BOOLEAN,
    "drug_stopped" BOOLEAN,
    "cooling" BOOLEAN,
    "dantrolene" BOOLEAN,
    "bromocriptine" BOOLEAN,
    "amantadine" BOOLEAN,
    "benzodiazepine" BOOLEAN,
    "ect" BOOLEAN,
    "icu" BOOLEAN,
    "outcome" "Outcome" NOT NULL DEFAULT 'unknown',
    "duration_days" DOUBLE PRECISION,
    "rechallenge" BOOLEAN,
    "rechallenge_recurred" BOOLEAN,
    "narrative" TEXT,
    "consensus_score" INTEGER,
    "consensus_max_score" INTEGER,
    "meets_consensus" BOOLEAN,
    "naranjo_score" INTEGER,
    "import_job_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_drug" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "catalogue_drug_id" INTEGER,
    "reported_name" TEXT NOT NULL,
    "role" "DrugRole" NOT NULL,
    "dose" TEXT,
    "route" TEXT,
    "formulation" "Formulation",
    "start_date" DATE,
    "stop_date" DATE,
    "dose_change" "DoseChange",
    "dose_change_date" DATE,

    CONSTRAINT "case_drug_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalogue_drug" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "drug_class" "DrugClass" NOT NULL,
    "potency" "PotencyGrade",
    "atc_code" TEXT,
    "synonyms" TEXT[],
    "brands" TEXT[],
    "salts" TEXT[],
    "depot_forms" TEXT[],

    CONSTRAINT "catalogue_drug_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exposure_denominator" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "drug_class" "DrugClass" NOT NULL,
    "drug_id" INTEGER,
    "sex" "Sex" NOT NULL,
    "age_band" TEXT NOT NULL,
    "person_years" DOUBLE PRECISION NOT NULL,
    "persons" INTEGER,
    "source" TEXT NOT NULL,

    CONSTRAINT "exposure_denominator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "background_count" (
    "id" SERIAL NOT NULL,
    "source" "CaseSource" NOT NULL,
    "period" TEXT NOT NULL,
    "drug_id" INTEGER,
    "drug_reports" INTEGER NOT NULL,
    "nms_reports" INTEGER NOT NULL,
    "total_reports" INTEGER,

    CONSTRAINT "background_count_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "baseline" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "low" DOUBLE PRECISION,
    "high" DOUBLE PRECISION,
    "unit" TEXT NOT NULL,
    "population" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "citation" TEXT NOT NULL,
    "quote" TEXT,

    CONSTRAINT "baseline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" "AuditAction" NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_job" (
    "id" UUID NOT NULL,
    "format" "ImportFormat" NOT NULL,
    "file_name" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'queued',
    "skip_invalid" BOOLEAN NOT NULL DEFAULT false,
    "read" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "unmapped_drugs" TEXT[],
    "actor" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_report_onset_date_idx" ON "case_report"("onset_date");

-- CreateIndex
CREATE INDEX "case_report_received_date_idx" ON "case_report"("received_date");

-- CreateIndex
CREATE INDEX "case_report_sex_outcome_idx" ON "case_report"("sex", "outcome");

-- CreateIndex
CREATE INDEX "case_report_country_idx" ON "case_report"("country");

-- CreateIndex
CREATE UNIQUE INDEX "case_report_source_source_id_key" ON "case_report"("source", "source_id");

-- CreateIndex
CREATE INDEX "case_drug_case_id_idx" ON "case_drug"("case_id");

-- CreateIndex
CREATE INDEX "case_drug_catalogue_drug_id_role_idx" ON "case_drug"("catalogue_drug_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "catalogue_drug_name_key" ON "catalogue_drug"("name");

-- CreateIndex
CREATE INDEX "catalogue_drug_drug_class_idx" ON "catalogue_drug"("drug_class");

-- CreateIndex
CREATE UNIQUE INDEX "exposure_denominator_year_drug_class_drug_id_sex_age_band_s_key" ON "exposure_denominator"("year", "drug_class", "drug_id", "sex", "age_band", "source");

-- CreateIndex
CREATE UNIQUE INDEX "background_count_source_period_drug_id_key" ON "background_count"("source", "period", "drug_id");

-- CreateIndex
CREATE UNIQUE INDEX "baseline_key_key" ON "baseline"("key");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "audit_event_entity_entity_id_idx" ON "audit_event"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- AddForeignKey
ALTER TABLE "case_report" ADD CONSTRAINT "case_report_import_job_id_fkey" FOREIGN KEY ("import_job_id") REFERENCES "import_job"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_drug" ADD CONSTRAINT "case_drug_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_drug" ADD CONSTRAINT "case_drug_catalogue_drug_id_fkey" FOREIGN KEY ("catalogue_drug_id") REFERENCES "catalogue_drug"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exposure_denominator" ADD CONSTRAINT "exposure_denominator_drug_id_fkey" FOREIGN KEY ("drug_id") REFERENCES "catalogue_drug"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "background_count" ADD CONSTRAINT "background_count_drug_id_fkey" FOREIGN KEY ("drug_id") REFERENCES "catalogue_drug"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
