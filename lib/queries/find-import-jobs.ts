// The most recent import jobs (web uploads and CLI runs alike), newest first, each with its
// counts and how many errors it kept — the detail, errors included, is getImportJob's.
import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { IMPORT_JOB_SELECT, toImportJobView, type TImportJobView } from "./import-job-view";

export const ZImportJobListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();
export type TImportJobListQuery = z.infer<typeof ZImportJobListQuery>;

export type TImportJobSummary = Omit<TImportJobView, "errors"> & { errorCount: number };

export async function findImportJobs(query: TImportJobListQuery): Promise<TImportJobSummary[]> {
  const jobs = await getPrisma().importJob.findMany({
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    take: query.limit,
    select: IMPORT_JOB_SELECT,
  });
  return jobs.map((job) => {
    const { errors, ...rest } = toImportJobView(job);
    return { ...rest, errorCount: errors.length };
  });
}
