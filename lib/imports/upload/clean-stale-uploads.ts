// Upload temp folders outlive a crash (the process dies between receiving a file and its import
// finishing). Each folder is named after the process that received it, `nms-upload-<pid>-XXXX`,
// so a start removes the folders of processes that no longer run (docs/security.md).
import { readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "@/lib/db/embedded/lock";

export const UPLOAD_DIR_PREFIX = "nms-upload-";

/** The prefix of this process's upload folders (mkdtemp adds the random part). */
export const uploadDirPrefix = (pid = process.pid) => path.join(os.tmpdir(), `${UPLOAD_DIR_PREFIX}${pid}-`);

/** Removes upload folders whose process is gone; returns the names removed. */
export function cleanStaleUploads(dir = os.tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = /^nms-upload-(\d+)-/.exec(name)?.[1];
    // Folders of older builds carry no PID: nothing can still be reading them after a restart.
    const stale = pid === undefined ? name.startsWith(UPLOAD_DIR_PREFIX) : !isProcessAlive(Number(pid));
    if (!stale) continue;
    rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
