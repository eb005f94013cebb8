// Starts an uploaded file's import in the background: the job row first (its id is the answer
// to the upload), then runImport under it, one import at a time per server process; the temp
// copy is deleted when the import ends, whatever the outcome.
import { AppError } from "@/lib/errors";
import { detectFormat } from "../detect-format";
import { ImportError } from "../errors";
import type { TImportFormat } from "../types";
import { createImportJob, holdJob } from "../write/import-jobs";
import { runImport } from "../write/run-import";
import type { TReceivedUpload } from "./receive-upload";

/** How often a running import writes its counts to the job row for pollers. */
export const PROGRESS_EVERY_RECORDS = 5_000;

// Imports run one after another: each holds a transaction and a pooled connection for its whole
// file, and a burst of uploads must not take every connection from the rest of the app. On
// globalThis so that every route bundle (and dev reloads) share the one queue.
const shared = globalThis as unknown as { nmsImportQueue?: Promise<void> };

export type TStartedImport = { jobId: string; format: TImportFormat; fileName: string; bytes: number };

async function formatOf(upload: TReceivedUpload, requested: TImportFormat | undefined): Promise<TImportFormat> {
  if (requested) return requested;
  try {
    return await detectFormat(upload.path);
  } catch (error) {
    if (error instanceof ImportError) {
      const reason = error.reason.replace("--format", "format");
      throw new AppError("invalid_input", `Invalid upload: format ${reason}`, [{ path: "format", message: reason }]);
    }
    throw error;
  }
}

/** Takes ownership of the upload: on success the background import deletes it, on failure this does. */
export async function startUploadImport(
  upload: TReceivedUpload,
  options: { format?: TImportFormat; skipInvalid: boolean; allowDrafts?: boolean; completeAscertainment?: boolean; actor: string },
): Promise<TStartedImport> {
  let jobId: string;
  let format: TImportFormat;
  try {
    format = await formatOf(upload, options.format);
    jobId = await createImportJob({
      format,
      fileName: upload.fileName,
      status: "queued",
      skipInvalid: options.skipInvalid,
      actor: options.actor,
    });
  } catch (error) {
    await upload.discard();
    throw error;
  }
  // Heartbeats from now on: a job waiting in the queue belongs to this process too, and must be
  // seen as interrupted if the process dies before running it.
  const release = holdJob(jobId);
  const run = () =>
    runImport(upload.path, {
      jobId,
      format,
      skipInvalid: options.skipInvalid,
      allowDrafts: options.allowDrafts,
      completeAscertainment: options.completeAscertainment,
      actor: options.actor,
      progressEvery: PROGRESS_EVERY_RECORDS,
    })
      .then(() => undefined)
      .catch((error: unknown) => {
        // runImport has recorded the failure on the job; a bad file is the user's news, not the log's.
        if (!(error instanceof ImportError)) console.error(`Import job ${jobId} failed:`, error);
      })
      .finally(() => {
        release();
        return upload.discard().catch(() => undefined);
      });
  shared.nmsImportQueue = (shared.nmsImportQueue ?? Promise.resolve()).then(run);
  return { jobId, format, fileName: upload.fileName, bytes: upload.bytes };
}
