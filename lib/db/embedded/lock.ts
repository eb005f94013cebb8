// PGlite does not lock its data directory, and two processes opening it corrupt it, so the
// owning process holds an exclusive lock file. A lock left by a dead process is taken over —
// and so is one whose PID now names another process (PIDs are reused) or a zombie: the file
// records the owner's start time (/proc/<pid>/stat), which a reused PID does not share.
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

/** The process's state and start time (clock ticks since boot) on Linux; null elsewhere or when gone. */
export function processIdentity(pid: number): { state: string; start: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces and parentheses): state is the 3rd, starttime the 22nd.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] && fields[19] ? { state: fields[0], start: fields[19] } : null;
  } catch {
    return null;
  }
}

/** "<pid> <start time>" of this process, as the lock file holds it. */
export const lockText = (pid = process.pid) => `${pid} ${processIdentity(pid)?.start ?? ""}`.trim();

function readLock(lockPath: string): { pid: number; start: string | null } | null {
  try {
    const [pidText, start] = readFileSync(lockPath, "utf8").trim().split(/\s+/);
    const pid = Number.parseInt(pidText ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? { pid, start: start ?? null } : null;
  } catch {
    return null;
  }
}

/** Does the lock's owner still run: alive, not a zombie, and (where known) the same process that wrote it? */
export function lockHolderAlive(lock: { pid: number; start: string | null }): boolean {
  if (!isProcessAlive(lock.pid)) return false;
  const identity = processIdentity(lock.pid);
  if (!identity) return true; // no /proc: trust the PID
  if (identity.state === "Z") return false;
  return lock.start === null || lock.start === identity.start;
}

/** Takes the lock or throws DataDirLockedError naming the owner; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "owner.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, lockText());
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const lock = readLock(lockPath);
      if (lock !== null && lock.pid !== process.pid && lockHolderAlive(lock)) {
        throw new DataDirLockedError(
          `the embedded database in ${dataDir} is already open in process ${lock.pid}; ` +
            "stop that process, or use another NMS_DATA_DIR or a DATABASE_URL",
        );
      }
      rmSync(lockPath, { force: true }); // stale: its owner died (or its PID was reused) without releasing it
    }
  }
  throw new DataDirLockedError(`could not lock ${dataDir}: another process keeps taking the lock`);
}
