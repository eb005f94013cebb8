// A second process must never open an embedded data directory that another process owns
// (PGlite would corrupt it); a lock left by a dead process is taken over.
import { execFile, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/db/embedded/owner";
import { lockHolderAlive, lockText } from "@/lib/db/embedded/lock";
import { findRunningOwner } from "@/lib/db/embedded/owner-file";
import { tempDir } from "../../helpers/temp-dir";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

/** Tries to own `dataDir` from a separate process; resolves with its exit code and stderr. */
async function tryOwnInChild(dataDir: string): Promise<{ code: number; stderr: string }> {
  const script = `import { startEmbeddedDatabase } from "./lib/db/embedded/owner"; import { fail } from "./lib/cli/fail";
    startEmbeddedDatabase(${JSON.stringify(dataDir)}).then(async (db) => { await db.close(); }, fail);`;
  try {
    const { stderr } = await run(tsx, ["--eval", script], { cwd: path.resolve("."), timeout: 60_000 });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("embedded data directory ownership", () => {
  it("refuses a second owner with a clear message, and publishes the owner for clients", async () => {
    const dataDir = tempDir("nms-lock-");
    const owner = await startEmbeddedDatabase(dataDir);
    try {
      expect(await findRunningOwner(dataDir)).toBe(owner.url);
      const second = await tryOwnInChild(dataDir);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`already open in process ${process.pid}`);
      expect(second.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      await owner.close();
    }
    expect(await findRunningOwner(dataDir)).toBeNull();
    const third = await tryOwnInChild(dataDir); // released: a new owner may open it
    expect(third.code).toBe(0);
  });

  it("takes over a lock left by a process that died", async () => {
    const dataDir = tempDir("nms-lock-");
    writeFileSync(path.join(dataDir, "owner.lock"), "999999"); // no such process
    const owner = await startEmbeddedDatabase(dataDir);
    expect(owner.url).toMatch(/^postgresql:\/\/.*127\.0\.0\.1:\d+\//);
    await owner.close();
  });

  it("takes over a lock whose PID now names another process (PID reuse), and keeps one whose owner still runs", async () => {
    const dataDir = tempDir("nms-lock-");
    const child = spawn("sleep", ["30"]);
    try {
      const pid = child.pid!;
      // The PID runs, but the lock was written by an earlier process with that PID.
      expect(lockHolderAlive({ pid, start: "1" })).toBe(false);
      writeFileSync(path.join(dataDir, "owner.lock"), `${pid} 1`);
      const owner = await startEmbeddedDatabase(dataDir);
      await owner.close();
      // The same PID with its real start time is a live owner.
      writeFileSync(path.join(dataDir, "owner.lock"), lockText(pid));
      expect(lockHolderAlive({ pid, start: lockText(pid).split(" ")[1]! })).toBe(true);
      await expect(startEmbeddedDatabase(dataDir)).rejects.toThrow(`already open in process ${pid}`);
    } finally {
      child.kill();
    }
  });
});
