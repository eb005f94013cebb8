// The local PostgreSQL binaries as the reliability tests use them: run as the postgres user, a free
// port, and a throw-away cluster of their own (initdb into a temporary directory, started with
// pg_ctl) for a test that must stop and start a server — the machine's shared server is never
// stopped, since every other session on it would be cut off. Clean-up is synchronous so the same
// code runs from afterAll, on SIGINT/SIGTERM and at process exit: nothing is left behind even
// when the test fails.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const PG_BIN = process.env.NMS_PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Runs a command as the postgres user (runuser when this process is root). */
export function asPostgres(file: string, args: string[], options: { timeoutMs?: number } = {}): { status: number | null; output: string } {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", file, ...args], { encoding: "utf8", timeout: options.timeoutMs ?? 300_000 })
    : spawnSync(file, args, { encoding: "utf8", timeout: options.timeoutMs ?? 300_000 });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}` };
}

/** asPostgres, throwing with the command's output when it fails. */
export function mustAsPostgres(file: string, args: string[], what: string): string {
  const { status, output } = asPostgres(file, args);
  if (status !== 0) throw new Error(`${what} failed (${path.basename(file)} exit ${status}):\n${output}`);
  return output;
}

/** pg_ctl as the postgres user without blocking the event loop (the tests keep sending requests meanwhile). */
export function pgCtlAsync(args: string[]): Promise<void> {
  const pgCtl = path.join(PG_BIN, "pg_ctl");
  const [file, all] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", pgCtl, ...args]] : [pgCtl, args];
  return new Promise<void>((resolve, reject) =>
    execFile(file, all, (error, stdout, stderr) =>
      error ? reject(new Error(`pg_ctl ${args.at(-1)} failed: ${stderr}${stdout}`)) : resolve(),
    ),
  );
}

export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A temporary directory the postgres user owns (mode 700, as initdb and pg_ctl want). */
function postgresOwnedTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Runs `cleanUp` once: when the returned function is called (afterAll), at process exit, or on
 * SIGINT/SIGTERM (then the signal is re-raised). Synchronous, as exit handlers must be.
 */
export function cleanUpAtExit(cleanUp: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    process.removeListener("exit", run);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    cleanUp();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    run();
    process.kill(process.pid, signal);
  };
  process.on("exit", run);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return run;
}

export type TTemporaryCluster = {
  /** The cluster's URL for a database name (user postgres, trust on 127.0.0.1). */
  url(database: string): string;
  /** pg_ctl stop -m fast, as a maintenance restart stops a server (its sessions are ended). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it if running and removes its directory. Idempotent. */
  destroy(): void;
};

/** initdb into a temporary directory and start it on a free port. */
export async function startTemporaryCluster(): Promise<TTemporaryCluster> {
  const dir = postgresOwnedTempDir("nms-cluster-");
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  const destroy = cleanUpAtExit(() => {
    if (existsSync(path.join(data, "postmaster.pid")))
      asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], { timeoutMs: 60_000 });
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    mustAsPostgres(path.join(PG_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], "initdb");
    mustAsPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-l", log, "-o", options, "-w", "-t", "120", "start"], "pg_ctl start");
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    destroy();
    throw new Error(`${(error as Error).message}${tail ? `\nserver log:\n${tail}` : ""}`);
  }
  return {
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop: () => pgCtlAsync(["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]),
    start: () => pgCtlAsync(["-D", data, "-l", log, "-o", options, "-w", "-t", "120", "start"]),
    destroy,
  };
}
