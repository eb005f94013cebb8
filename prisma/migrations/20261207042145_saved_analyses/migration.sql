-- CreateTable
CREATE TABLE "saved_analysis" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "query" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "shared_with" "Role",
    "frozen" TEXT,
    "frozen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_analysis_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saved_analysis_owner_idx" ON "saved_analysis"("owner");

-- CreateIndex
CREATE INDEX "saved_analysis_shared_with_idx" ON "saved_analysis"("shared_with");
