// Keeps an import job's row current while its transaction runs, so a poller (the upload page)
// sees counts and rejects grow; and the rejects a job keeps for the UI (line, field, reason).
import type { TRejectRecord } from "../types";
import type { TByteCounter } from "./counted-input";
import { writeJobProgress, type TImportJobError } from "./import-jobs";

/** Enough to fix a file by; a file with more rejects than this is better fixed at its source. */
export const MAX_KEPT_REJECTS = 1_000;

export function rejectToJobError(reject: TRejectRecord): TImportJobError {
  return {
    file: reject.ref.file,
    line: reject.ref.line ?? null,
    record: reject.ref.record ?? null,
    field: reject.field,
    message: reject.reason,
  };
}

type TCounts = { read: number; imported: number; updated: number; skipped: number; rejected: number };

/**
 * Writes the counts (and the rejects so far) every `every` records read. The write goes through
 * its own connection, OUTSIDE the import's transaction, and is never awaited by it: on the
 * embedded database other connections wait while a transaction holds the session, so awaiting
 * would deadlock; there the writes simply land after the commit. At most one write is in flight
 * (a slow database skips a beat instead of queueing writes), and only a job still "running" is
 * touched, so a late write can never undo the final status.
 */
export function jobProgressWriter(jobId: string, every: number, rejects: readonly TImportJobError[]) {
  let writtenAt = 0;
  let inFlight = false;
  return (counts: TCounts, bytes?: TByteCounter): void => {
    if (inFlight || counts.read - writtenAt < every) return;
    writtenAt = counts.read;
    inFlight = true;
    writeJobProgress(jobId, counts, rejects, bytes && { read: bytes.read(), total: bytes.total })
      // Progress is a courtesy: a failed write must not fail the import (the final write decides).
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
      });
  };
}
