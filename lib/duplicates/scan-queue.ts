// Duplicate scans after single-case writes (form saves, API edits): the write returns at once and
// the touched cases are scanned right after, one scan at a time, later writes batched into the
// next. A failed scan is logged; the cases are scanned again by the next scan that reaches them
// (or `npm run cli -- duplicates scan`).
import { scanDuplicates } from "./scan-duplicates";

const pending = new Set<string>();
let running: Promise<void> | null = null;

async function drain(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (pending.size) {
    const ids = [...pending];
    pending.clear();
    try {
      await scanDuplicates({ scope: { kind: "cases", ids } });
    } catch (error) {
      console.error("duplicate scan failed:", error instanceof Error ? error.message : error);
    }
  }
  running = null;
}

export function scheduleDuplicateScan(ids: readonly string[]): void {
  for (const id of ids) pending.add(id);
  running ??= drain();
}

/** Resolves when no scan is queued or running (tests, and processes about to close the database). */
export function duplicateScansIdle(): Promise<void> {
  return running ?? Promise.resolve();
}

/**
 * The scan an import runs for the cases it created or replaced, after its transaction: the import
 * stands either way; a failed scan is logged and left to the next one (its cases stay unscored).
 */
export async function scanImportedCases(jobId: string): Promise<void> {
  try {
    await scanDuplicates({ scope: { kind: "import", jobId, ids: [] } });
  } catch (error) {
    console.error("duplicate scan after import failed:", error instanceof Error ? error.message : error);
  }
}
