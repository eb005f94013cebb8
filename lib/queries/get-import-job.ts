// One import job with its counts and kept errors — what the upload page polls.
import { getPrisma } from "@/lib/db/client";
import { IMPORT_JOB_SELECT, toImportJobView, type TImportJobView } from "./import-job-view";

export async function getImportJob(id: string): Promise<TImportJobView | null> {
  const job = await getPrisma().importJob.findUnique({ where: { id }, select: IMPORT_JOB_SELECT });
  return job ? toImportJobView(job) : null;
}
