// A streaming replica of the local Postgres server for the replica test: `pg_basebackup -R` into a
// temporary data directory, started with `pg_ctl` on a free port. The shared server is changed
// only as replication needs — one pg_hba.conf line when replication connections are not already
// allowed, marked with this process's id, removed and reloaded afterwards — and never restarted;
// one replication slot named after this process keeps the WAL the replica still needs (without
// it a busy shared server recycles segments a replica on a loaded machine has not fetched yet,
// and the replica stops following), dropped afterwards. Clean-up is synchronous so the same code runs from afterAll, on SIGINT/SIGTERM
// and at process exit: the machine is left as found even when the test fails.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PG_BIN, asPostgres, cleanUpAtExit, freePort, mustAsPostgres, pgCtlAsync } from "../local-postgres";

const MARKER = "# nms-replica-test pid=";
const SLOT_PREFIX = "nms_replica_test_";

export type TReplica = {
  port: number;
  /** The temporary directory holding the data directory and the log. */
  dir: string;
  /** The primary's pg_hba.conf (a line is added there only when replication was not allowed). */
  hbaFile: string;
  /** The replica's URL for a database name. */
  url(database: string): string;
  /** pg_ctl stop -m fast: the replica goes away as a maintenance stop would (its sessions are ended). */
  stop(): Promise<void>;
  running(): boolean;
  /** Stops it (if running), removes the directory and undoes the pg_hba change. Idempotent. */
  destroy(): void;
};

const primaryAddress = (url: string) => {
  const u = new URL(url);
  return { host: u.hostname, port: u.port || "5432", user: decodeURIComponent(u.username || "postgres") };
};

async function queryOne<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows[0]!;
  } finally {
    await client.end();
  }
}

function psqlSync(address: { host: string; port: string; user: string }, sql: string): string {
  return spawnSync("psql", ["-h", address.host, "-p", address.port, "-U", address.user, "-Atqc", sql, "postgres"], {
    encoding: "utf8",
    timeout: 30_000,
  }).stdout;
}

function reloadPrimary(address: { host: string; port: string; user: string }): void {
  psqlSync(address, "SELECT pg_reload_conf()");
}

/** Drops the slot once its WAL sender has gone (it lingers a moment after the replica stops). */
function dropSlot(address: { host: string; port: string; user: string }, slot: string): void {
  for (let i = 0; i < 50; i++) {
    const left = psqlSync(
      address,
      `SELECT CASE WHEN active THEN 'active' ELSE (pg_drop_replication_slot(slot_name) IS NULL)::text END FROM pg_replication_slots WHERE slot_name = '${slot}'`,
    ).trim();
    if (left !== "active") return;
    spawnSync("sleep", ["0.2"]);
  }
}

/** Slots of earlier runs whose process is gone (killed outright): they would hold WAL for ever. */
function dropAbandonedSlots(address: { host: string; port: string; user: string }): void {
  const names = psqlSync(address, `SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE '${SLOT_PREFIX}%' AND NOT active`)
    .split("\n")
    .filter(Boolean);
  for (const name of names) if (!pidAlive(Number(name.slice(SLOT_PREFIX.length)))) dropSlot(address, name);
}

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Lines this test added to pg_hba.conf: its own, or any whose process is gone (a run killed with SIGKILL). */
function removeMarkedLines(hbaFile: string, onlyPid: number | null): boolean {
  if (!existsSync(hbaFile)) return false;
  const lines = readFileSync(hbaFile, "utf8").split("\n");
  const kept = lines.filter((line) => {
    const at = line.indexOf(MARKER);
    if (at < 0) return true;
    const pid = Number(line.slice(at + MARKER.length));
    return onlyPid === null ? pidAlive(pid) && pid !== process.pid : pid !== onlyPid;
  });
  if (kept.length === lines.length) return false;
  writeFileSync(hbaFile, kept.join("\n")); // overwriting keeps the file's owner and mode
  return true;
}

/** Whether a replication connection from this host is accepted now. */
function replicationAllowed(address: { host: string; port: string; user: string }): boolean {
  const r = spawnSync(
    "psql",
    [`host=${address.host} port=${address.port} user=${address.user} dbname=postgres replication=true`, "-Atqc", "IDENTIFY_SYSTEM"],
    { encoding: "utf8", timeout: 30_000 },
  );
  return r.status === 0;
}

/** Creates and starts the replica of `primaryUrl`'s server; throws (after cleaning up) when it cannot. */
export async function startStreamingReplica(primaryUrl: string): Promise<TReplica> {
  const address = primaryAddress(primaryUrl);
  const settings = await queryOne<Record<string, string>>(
    primaryUrl,
    `SELECT current_setting('wal_level') AS wal_level, current_setting('max_wal_senders') AS max_wal_senders,
       current_setting('hba_file') AS hba_file, current_setting('max_connections') AS max_connections,
       current_setting('max_worker_processes') AS max_worker_processes, current_setting('max_prepared_transactions') AS max_prepared_transactions,
       current_setting('max_locks_per_transaction') AS max_locks_per_transaction,
       (SELECT count(*) FROM pg_stat_replication)::text AS senders`,
  );
  if (!["replica", "logical"].includes(settings.wal_level!)) {
    throw new Error(
      `the server has wal_level=${settings.wal_level}: a streaming replica needs replica or logical (not changed by this test)`,
    );
  }
  if (Number(settings.max_wal_senders) - Number(settings.senders) < 2) {
    throw new Error(`the server has no free WAL sender (max_wal_senders=${settings.max_wal_senders}, in use ${settings.senders})`);
  }
  const hbaFile = settings.hba_file!;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  const dir = mkdtempSync(path.join(os.tmpdir(), "nms-replica-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  const slot = `${SLOT_PREFIX}${process.pid}`;
  let addedHba = false;
  let madeSlot = false;
  const running = () => existsSync(path.join(data, "postmaster.pid"));

  const destroy = cleanUpAtExit(() => {
    if (running()) {
      const fast = asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"], { timeoutMs: 90_000 });
      if (fast.status !== 0) asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], { timeoutMs: 60_000 });
    }
    rmSync(dir, { recursive: true, force: true });
    if (madeSlot) dropSlot(address, slot);
    if (addedHba && removeMarkedLines(hbaFile, process.pid)) reloadPrimary(address);
  });

  try {
    // A previous run killed outright may have left its line: remove it first.
    if (removeMarkedLines(hbaFile, null)) reloadPrimary(address);
    dropAbandonedSlots(address);
    if (!replicationAllowed(address)) {
      const line = `host replication ${address.user} 127.0.0.1/32 trust ${MARKER}${process.pid}`;
      writeFileSync(hbaFile, `${readFileSync(hbaFile, "utf8").replace(/\n?$/, "\n")}${line}\n`);
      addedHba = true;
      reloadPrimary(address);
      for (let i = 0; i < 50 && !replicationAllowed(address); i++) await new Promise((r) => setTimeout(r, 100));
      if (!replicationAllowed(address)) throw new Error(`replication connections are still refused after adding to ${hbaFile}: ${line}`);
    }
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
    madeSlot = true; // pg_basebackup -C creates it first thing: dropped whatever happens next
    mustAsPostgres(
      path.join(PG_BIN, "pg_basebackup"),
      ["-h", address.host, "-p", address.port, "-U", address.user, "-D", data, "-R", "-X", "stream", "-c", "fast", "-C", "-S", slot],
      "pg_basebackup",
    );
    // Debian keeps the configuration outside the data directory: the replica gets its own. Hot
    // standby refuses to start with a lower value of these than the primary's.
    const conf = [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      "hot_standby = on",
      // The walreceiver's application_name: the test finds its row in pg_stat_replication by it.
      `cluster_name = 'nms_replica_${process.pid}'`,
      ...["max_connections", "max_worker_processes", "max_prepared_transactions", "max_locks_per_transaction"].map(
        (name) => `${name} = ${settings[name]}`,
      ),
      "shared_buffers = 32MB",
    ];
    const files: [string, string][] = [
      ["postgresql.conf", `${conf.join("\n")}\n`],
      ["pg_hba.conf", "local all all trust\nhost all all 127.0.0.1/32 trust\n"],
      ["pg_ident.conf", ""],
    ];
    for (const [name, text] of files) {
      writeFileSync(path.join(data, name), text);
      chownSync(path.join(data, name), uid, gid);
    }
    mustAsPostgres(
      path.join(PG_BIN, "pg_ctl"),
      ["-D", data, "-l", path.join(dir, "replica.log"), "-w", "-t", "120", "start"],
      "pg_ctl start",
    );
    const url = (database: string) => `postgresql://${address.user}@127.0.0.1:${port}/${database}`;
    const state = await queryOne<{ recovery: boolean }>(url("postgres"), "SELECT pg_is_in_recovery() AS recovery");
    if (!state.recovery) throw new Error("the new server is not in recovery: it is not a replica");
    return {
      port,
      dir,
      hbaFile,
      url,
      running,
      // Asynchronous: the test keeps sending requests while the replica stops.
      stop: () => pgCtlAsync(["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]),
      destroy,
    };
  } catch (error) {
    const log = existsSync(path.join(dir, "replica.log")) ? readFileSync(path.join(dir, "replica.log"), "utf8").slice(-2000) : "";
    destroy();
    throw new Error(`${(error as Error).message}${log ? `\nreplica log:\n${log}` : ""}`);
  }
}

/** Replication slots this process made and has not dropped. */
export const ownSlots = async (primaryUrl: string): Promise<string[]> => {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ slot_name: string }>("SELECT slot_name FROM pg_replication_slots WHERE slot_name = $1", [
      `${SLOT_PREFIX}${process.pid}`,
    ]);
    return rows.map((r) => r.slot_name);
  } finally {
    await client.end();
  }
};

/** Lines of pg_hba.conf this process added and has not removed. */
export const markedHbaLines = (hbaFile: string): string[] =>
  readFileSync(hbaFile, "utf8")
    .split("\n")
    .filter((line) => line.includes(`${MARKER}${process.pid}`));
