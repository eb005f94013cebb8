// PGlite does not lock its data directory, and two processes opening it corrupt it, so the
// owning process holds an exclusive lock file. A lock left by a dead process is taken over.
import { openSync, closeSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLockPid(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the lock or throws DataDirLockedError naming the owner; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "owner.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLockPid(lockPath);
      if (owner !== null && owner !== process.pid && isProcessAlive(owner)) {
        throw new DataDirLockedError(
          `the embedded database in ${dataDir} is already open in process ${owner}; ` +
            "stop that process, or use another NMS_DATA_DIR or a DATABASE_URL",
        );
      }
      rmSync(lockPath, { force: true }); // stale: its owner died without releasing it
    }
  }
  throw new DataDirLockedError(`could not lock ${dataDir}: another process keeps taking the lock`);
}
