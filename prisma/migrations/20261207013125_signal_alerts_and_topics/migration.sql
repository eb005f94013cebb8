-- CreateTable
CREATE TABLE "signal_alert" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "methods" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'open',
    "before" JSONB,
    "after" JSONB NOT NULL,
    "message" TEXT NOT NULL,
    "import_job_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,

    CONSTRAINT "signal_alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_state" (
    "source" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "ever_flagged" BOOLEAN NOT NULL DEFAULT false,
    "reference_lower" DOUBLE PRECISION,
    "verdict" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signal_state_pkey" PRIMARY KEY ("source","subject_kind","subject_key","method")
);

-- CreateTable
CREATE TABLE "signal_topic" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "assignee" TEXT,
    "due_date" DATE,
    "alert_id" UUID,
    "query" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signal_topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_topic_event" (
    "id" BIGSERIAL NOT NULL,
    "topic_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" JSONB NOT NULL,

    CONSTRAINT "signal_topic_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_topic_case" (
    "topic_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "added_by" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signal_topic_case_pkey" PRIMARY KEY ("topic_id","case_id")
);

-- CreateIndex
CREATE INDEX "signal_alert_status_created_at_idx" ON "signal_alert"("status", "created_at");

-- CreateIndex
CREATE INDEX "signal_alert_source_subject_kind_subject_key_rule_idx" ON "signal_alert"("source", "subject_kind", "subject_key", "rule");

-- CreateIndex
CREATE INDEX "signal_topic_assignee_status_idx" ON "signal_topic"("assignee", "status");

-- CreateIndex
CREATE INDEX "signal_topic_due_date_idx" ON "signal_topic"("due_date");

-- CreateIndex
CREATE INDEX "signal_topic_event_topic_id_at_idx" ON "signal_topic_event"("topic_id", "at");
