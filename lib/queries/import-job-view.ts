// What the API and the upload page show of an import job: the row's counts and timestamps as
// JSON-ready values, and its stored errors (rejects or the failure) in one checked shape.
import { z } from "zod";
import type { ImportJob } from "@/lib/generated/prisma/client";

export const IMPORT_JOB_SELECT = {
  id: true,
  status: true,
  format: true,
  fileName: true,
  skipInvalid: true,
  actor: true,
  read: true,
  imported: true,
  updated: true,
  skipped: true,
  rejected: true,
  errors: true,
  unmappedDrugs: true,
  startedAt: true,
  finishedAt: true,
  reportsRead: true,
  backgroundReports: true,
  deleted: true,
  unmappedCounts: true,
  bytesTotal: true,
  bytesRead: true,
} as const;

const ZStoredError = z.object({
  file: z.string().catch(""),
  line: z.number().nullable().catch(null),
  // Jobs written before rejects were kept have no record ordinal.
  record: z
    .number()
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  field: z.string().nullable().catch(null),
  message: z.string().catch(""),
});
export type TImportJobErrorView = z.infer<typeof ZStoredError>;
const ZUnmappedCounts = z.array(z.object({ name: z.string(), cases: z.number() })).catch([]);

type TSelectedJob = Pick<ImportJob, keyof typeof IMPORT_JOB_SELECT>;

export function toImportJobView(job: TSelectedJob) {
  const errors = z
    .array(ZStoredError)
    .catch([])
    .parse(job.errors ?? []);
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    fileName: job.fileName,
    skipInvalid: job.skipInvalid,
    actor: job.actor,
    read: job.read,
    imported: job.imported,
    updated: job.updated,
    skipped: job.skipped,
    rejected: job.rejected,
    errors,
    unmappedDrugs: job.unmappedDrugs,
    /** Unmatched names with the number of this file's cases naming each (jobs before these were kept: counts 0). */
    unmappedCounts: job.unmappedCounts ? ZUnmappedCounts.parse(job.unmappedCounts) : job.unmappedDrugs.map((name) => ({ name, cases: 0 })),
    /** Reports the source file held (any event), when the format has them. */
    reportsRead: job.reportsRead,
    /** Reports counted into the background counts for disproportionality, when the file brings them. */
    backgroundReports: job.backgroundReports,
    deleted: job.deleted,
    bytesTotal: job.bytesTotal === null ? null : Number(job.bytesTotal),
    bytesRead: job.bytesRead === null ? null : Number(job.bytesRead),
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
export type TImportJobView = ReturnType<typeof toImportJobView>;
