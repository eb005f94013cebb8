-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'access';
