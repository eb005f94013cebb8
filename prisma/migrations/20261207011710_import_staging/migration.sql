-- CreateTable
CREATE TABLE "import_staged_case" (
    "job_id" UUID NOT NULL,
    "source_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "first_at" TEXT NOT NULL,
    "case_row" JSONB NOT NULL,
    "drug_rows" JSONB NOT NULL,
    "input" JSONB NOT NULL,

    CONSTRAINT "import_staged_case_pkey" PRIMARY KEY ("job_id","source_id")
);
