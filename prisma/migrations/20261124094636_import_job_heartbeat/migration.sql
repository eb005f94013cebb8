-- AlterTable
ALTER TABLE "import_job" ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "owner" TEXT;
