// Read replicas (docs/deployment.md, "Read replicas"). With DATABASE_READ_URL set, the read-only
// services (aggregates, signals, the line listing and the exports) run inside `onReadServer`,
// which picks a server for the whole operation: a streaming replica that is up, no further behind
// the primary than NMS_REPLICA_MAX_LAG_SECONDS, and past the caller's last write — else the
// primary. Inside it, `readPrisma()` / `readPool()` are that server's clients; outside it (every
// command, auth, imports) they are the primary's, so code that writes never reaches a replica.
//
// Read-your-writes: after a request that may have written, the HTTP layer reads the primary's WAL
// position (`primaryWalLsn`) and hands it to the client (cookie `nms_read_after`, header
// X-NMS-Read-After); a request that brings it back reads from a replica only once that replica
// has replayed past it (pg_last_wal_replay_lsn() >= it), from the primary until then.
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, linkedErrors } from "@/lib/errors";
import { getPrisma } from "./client";
import { readEnv } from "./config";
import { getPgPool } from "./pg-pool";

export type TReplicaStatus = "ok" | "lagging" | "down" | "unknown";

export type TReadServer = {
  kind: "primary" | "replica";
  /** "primary", or "replica 1", "replica 2" … in DATABASE_READ_URL's order (no host names: health is public). */
  name: string;
  /** Distinguishes servers in the answer cache's keys (lib/queries/aggregates/answer-cache.ts). */
  url: string;
  prisma: PrismaClient;
  pool: pg.Pool;
};

type TReplica = TReadServer & {
  status: TReplicaStatus;
  /** Last replay position seen (only ever grows while the replica stays up). */
  replayLsn: bigint | null;
  lagSeconds: number | null;
  error: string | null;
  checkedAt: number;
};

/** How often the replicas' state is refreshed (on demand, by the next read after it expires). */
const PROBE_MS = 1_000;
/** A replica that does not answer a probe within this is taken as down. */
const PROBE_TIMEOUT_MS = 2_000;
const REPLICA_POOL_SIZE = 6;

type TReplicaSet = {
  key: string;
  replicas: TReplica[];
  /** The primary's WAL position at each probe: how far back a replica's replay position lies, in seconds. */
  samples: { at: number; lsn: bigint }[];
  probing: Promise<void> | null;
  probedAt: number;
  next: number;
  counts: { primary: number; replica: number; fallbacks: number };
};

// On globalThis: every route bundle of the app shares one set of pools and one health state.
const shared = globalThis as unknown as { nmsReplicas?: TReplicaSet; nmsReadFence?: () => Promise<string | null> };
const scope = new AsyncLocalStorage<TReadServer>();

/** "16/B374D848" → a number that orders like the position; null for anything else. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text?.trim() ?? "");
  return match ? (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`) : null;
}

function replicaSet(): TReplicaSet | null {
  const env = readEnv();
  if (env.readUrls.length === 0) return null;
  const key = env.readUrls.join(",");
  const cached = shared.nmsReplicas;
  if (cached?.key === key) return cached;
  const replicas = env.readUrls.map((url, i): TReplica => {
    const pool = new pg.Pool({ connectionString: url, max: REPLICA_POOL_SIZE, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    pool.on("error", () => undefined); // an idle client dropped by a stopping replica: the next use fails over
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      kind: "replica",
      name: `replica ${i + 1}`,
      url,
      prisma,
      pool,
      status: "unknown",
      replayLsn: null,
      lagSeconds: null,
      error: null,
      checkedAt: 0,
    };
  });
  const created: TReplicaSet = {
    key,
    replicas,
    samples: [],
    probing: null,
    probedAt: 0,
    next: 0,
    counts: { primary: 0, replica: 0, fallbacks: 0 },
  };
  shared.nmsReplicas = created;
  return created;
}

/** The primary's clients, made only when used (a CLI import never loads Prisma). */
const PRIMARY: TReadServer = {
  kind: "primary",
  name: "primary",
  get url() {
    return readEnv().databaseUrl ?? "";
  },
  get prisma() {
    return getPrisma();
  },
  get pool() {
    return getPgPool();
  },
};
const primaryServer = (): TReadServer => PRIMARY;

async function queryWithin<T extends pg.QueryResultRow>(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<T[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([pool.query<T>(sql, values), timeout])).rows;
  } finally {
    clearTimeout(timer);
  }
}

/** The primary's WAL insert position now: past the commit of every transaction that has returned. */
export async function primaryWalLsn(): Promise<string> {
  const { rows } = await getPgPool().query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn()::text AS lsn");
  return rows[0]!.lsn;
}

/** Refreshes every replica's state: up, in recovery, replay position, and lag behind the primary. */
async function probe(set: TReplicaSet): Promise<void> {
  const now = Date.now();
  const primary = parseLsn(await primaryWalLsn().catch(() => null));
  const keepMs = (readEnv().replicaMaxLagSeconds + 60) * 1000;
  if (primary !== null) set.samples.push({ at: now, lsn: primary });
  while (set.samples.length > 1 && set.samples[0]!.at < now - keepMs) set.samples.shift();
  await Promise.all(
    set.replicas.map(async (replica) => {
      try {
        const [row] = await queryWithin<{ recovery: boolean; lsn: string | null }>(
          replica.pool,
          "SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS lsn",
        );
        if (!row?.recovery) throw new Error("not a standby (pg_is_in_recovery() is false): it no longer follows the primary");
        const lsn = parseLsn(row.lsn);
        replica.replayLsn = lsn;
        replica.lagSeconds = lagSeconds(set.samples, lsn, now);
        replica.status = replica.lagSeconds <= readEnv().replicaMaxLagSeconds ? "ok" : "lagging";
        replica.error = null;
      } catch (error) {
        markDown(replica, error);
      }
      replica.checkedAt = now;
    }),
  );
  set.probedAt = Date.now();
}

/**
 * Seconds since the primary had written WAL the replica has not replayed: 0 when it has replayed
 * everything the last probe saw; measured against the oldest probe it is still behind.
 */
export function lagSeconds(samples: readonly { at: number; lsn: bigint }[], replay: bigint | null, now: number): number {
  if (replay === null) return Number.POSITIVE_INFINITY;
  const behind = samples.find((s) => s.lsn > replay);
  return behind ? Math.max(0, (now - behind.at) / 1000) : 0;
}

function markDown(replica: TReplica, error: unknown): void {
  replica.status = "down";
  replica.lagSeconds = null;
  replica.replayLsn = null; // after a restart the position is read afresh
  replica.error = error instanceof Error ? error.message : String(error);
}

async function fresh(set: TReplicaSet): Promise<void> {
  if (Date.now() - set.probedAt < PROBE_MS) return;
  set.probing ??= probe(set).finally(() => (set.probing = null));
  await set.probing;
}

/** Whether `replica` has replayed past `fence`; asks it when the last known position is short of it. */
async function hasReplayed(replica: TReplica, fence: bigint): Promise<boolean> {
  if (replica.replayLsn !== null && replica.replayLsn >= fence) return true;
  const [row] = await queryWithin<{ lsn: string | null }>(replica.pool, "SELECT pg_last_wal_replay_lsn()::text AS lsn");
  const lsn = parseLsn(row?.lsn);
  if (lsn !== null && (replica.replayLsn === null || lsn > replica.replayLsn)) replica.replayLsn = lsn;
  return lsn !== null && lsn >= fence;
}

async function chooseServer(set: TReplicaSet): Promise<TReadServer> {
  await fresh(set).catch(() => undefined);
  const fence = parseLsn(await (shared.nmsReadFence?.() ?? Promise.resolve(null)).catch(() => null));
  const usable = set.replicas.filter((r) => r.status === "ok");
  // Round robin over the usable replicas, starting after the last one used.
  for (let i = 0; i < usable.length; i++) {
    const replica = usable[(set.next + i) % usable.length]!;
    try {
      if (fence === null || (await hasReplayed(replica, fence))) {
        set.next = (set.next + i + 1) % Math.max(1, usable.length);
        return replica;
      }
    } catch (error) {
      markDown(replica, error);
    }
  }
  return primaryServer();
}

/**
 * Runs a read-only operation on one server: a replica when one is usable (above), else the primary.
 * A replica that fails mid-operation is not the caller's problem: the whole operation runs again on
 * the primary — marking the replica down when it cannot be reached (stopped, restarted, dropped
 * connection), and as it is when the query was cancelled there (a hot-standby conflict with
 * replay). Nested calls stay on the outer call's server. An AppError (the caller's input) is not
 * retried: the primary would refuse it alike.
 */
export async function onReadServer<T>(work: () => Promise<T>): Promise<T> {
  if (scope.getStore()) return work();
  const set = replicaSet();
  if (!set) return work();
  const server = await chooseServer(set);
  if (server.kind === "primary") {
    set.counts.primary++;
    return scope.run(server, work);
  }
  try {
    const result = await scope.run(server, work);
    set.counts.replica++;
    return result;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isServerFailure(error)) markDown(server as TReplica, error);
    set.counts.fallbacks++;
    set.counts.primary++;
    return scope.run(primaryServer(), work);
  }
}

const UNREACHABLE_CODES =
  /^(57P0[1-3]|08[0-9A-Z]{3}|53300|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|P1001|P1002|P1017|P2024)$/;
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNREACHABLE_MESSAGE =
  /connect|Connection terminated|terminating connection|database system is (starting|shutting|in recovery mode)|timeout exceeded when trying to connect|Can't reach database server|no answer within/i;

/** A failure of the server or the connection (as lib/api/errors.ts's isDatabaseUnavailable tells it). */
function isServerFailure(error: unknown): boolean {
  return linkedErrors(error).some((record) => {
    const original = (record.cause as { originalCode?: unknown } | undefined)?.originalCode;
    return (
      (typeof record.code === "string" && UNREACHABLE_CODES.test(record.code)) ||
      (typeof original === "string" && UNREACHABLE_CODES.test(original)) ||
      (typeof record.kind === "string" && UNREACHABLE_KINDS.has(record.kind)) ||
      (typeof record.message === "string" && UNREACHABLE_MESSAGE.test(record.message))
    );
  });
}

/** The server the current read operation runs on (the primary outside `onReadServer`). */
export function currentReadServer(): TReadServer {
  return scope.getStore() ?? primaryServer();
}

/** The Prisma client for reads: the chosen replica's inside `onReadServer`, else the primary's. */
export const readPrisma = (): PrismaClient => currentReadServer().prisma;
/** The pg pool for reads: the chosen replica's inside `onReadServer`, else the primary's. */
export const readPool = (): pg.Pool => currentReadServer().pool;

/** Where the HTTP layer says which write position the current request must read past (or null). */
export function registerReadFence(source: () => Promise<string | null>): void {
  shared.nmsReadFence = source;
}

export const replicasConfigured = (): boolean => readEnv().readUrls.length > 0;

type TReplicaHealth = {
  name: string;
  status: TReplicaStatus;
  lagSeconds: number | null;
  error: string | null;
};

/** Each replica's state as of a fresh probe, and how this process's reads were served; null without replicas. */
export async function replicaHealth(): Promise<{
  maxLagSeconds: number;
  replicas: TReplicaHealth[];
  reads: TReplicaSet["counts"];
} | null> {
  const set = replicaSet();
  if (!set) return null;
  await fresh(set).catch(() => undefined);
  return {
    maxLagSeconds: readEnv().replicaMaxLagSeconds,
    replicas: set.replicas.map((r) => ({
      name: r.name,
      status: r.status,
      lagSeconds: r.lagSeconds === null || !Number.isFinite(r.lagSeconds) ? null : Math.round(r.lagSeconds * 10) / 10,
      error: r.error,
    })),
    reads: { ...set.counts },
  };
}
