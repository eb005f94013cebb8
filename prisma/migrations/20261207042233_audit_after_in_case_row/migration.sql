-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "after_in_case_row" BOOLEAN NOT NULL DEFAULT false;
