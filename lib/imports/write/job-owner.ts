// Who runs an import job, written on the job row, and the one certain answer to "is that
// process gone?" that needs no waiting: the owner ran on this very machine (same host, same boot,
// same pid namespace) and its pid no longer exists. Anything else is left to the heartbeat.
import { readFileSync, readlinkSync } from "node:fs";
import os from "node:os";

/** "host/boot-id/pid-namespace/pid"; the boot id and namespace are "-" off Linux. */
export type TJobOwner = string;

function readOr(read: () => string, fallback: string): string {
  try {
    return read().trim();
  } catch {
    return fallback;
  }
}

// A reboot gives a new boot id; a container gets its own pid namespace (and reuses small pids),
// so a pid means "this process" only within the same boot and namespace.
const BOOT_ID = readOr(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8"), "-");
const PID_NAMESPACE = readOr(() => readlinkSync("/proc/self/ns/pid").replace(/^pid:\[(\d+)\]$/, "$1"), "-");
const MACHINE = `${os.hostname()}/${BOOT_ID}/${PID_NAMESPACE}`;

export function currentJobOwner(): TJobOwner {
  return `${MACHINE}/${process.pid}`;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True only when the owner is certainly gone: same machine, boot and pid namespace, and no such
 * pid (or the pid is this process, which cannot own a job it does not know of — see the caller).
 * An owner on another host, an unknown owner or an existing pid (possibly reused) → false.
 */
export function ownerIsGoneHere(owner: TJobOwner | null): boolean {
  if (!owner || BOOT_ID === "-" || PID_NAMESPACE === "-") return false;
  const cut = owner.lastIndexOf("/");
  if (owner.slice(0, cut) !== MACHINE) return false;
  const pid = Number(owner.slice(cut + 1));
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !pidExists(pid);
}
