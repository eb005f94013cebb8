// Aggregate answers cached per process, exact rather than time-based. Each answer is stamped
// with the database snapshot (pg_current_snapshot(): xmin, xmax and the transactions in
// progress) read before it was computed; it is kept only if the snapshot read afterwards is the
// same (no transaction began writing or committed meanwhile), and served only while the current
// snapshot is still that one. Two equal snapshots see exactly the same committed data, so a
// served answer is the one a fresh computation would give. Any write anywhere ends the hits.
//
// On a read replica (lib/db/replicas.ts) the stamp is the replay position instead,
// pg_last_wal_replay_lsn(): a standby's pg_current_snapshot() lists no transactions in progress
// (it keeps them elsewhere), so two different states can print the same snapshot there. A standby
// changes only by replaying WAL, and the replay position moves with every record, so an equal
// position means the same data. Entries are keyed by server too: a replica's answer is never
// served for the primary's state, nor the other way round (docs/deployment.md).
//
// Concurrent misses for one query at one stamp share one computation: the first computes, the
// others wait for it (a request that read the same stamp would compute the same answer). Without
// this, 32 clients asking at once after a write each ran the whole query — the 10M-case load test
// queued them into seconds (docs/scaling.md).
import { currentReadServer, onReadServer, type TReadServer } from "@/lib/db/replicas";

const MAX_ENTRIES = 500;
const entries = new Map<string, { snapshot: string; answer: unknown }>();
/** Computations under way, by key: their stamp and a private copy of the answer to come. */
const inFlight = new Map<string, { snapshot: string; answer: Promise<unknown> }>();
/** joined: misses that waited for another request's computation instead of running their own. */
const stats = { hits: 0, misses: 0, joined: 0 };

const STAMP_SQL = {
  primary: "SELECT pg_current_snapshot()::text AS stamp",
  replica: "SELECT 'replay ' || pg_last_wal_replay_lsn()::text AS stamp",
} as const;

async function currentStamp(server: TReadServer): Promise<string> {
  const { rows } = await server.pool.query<{ stamp: string }>(STAMP_SQL[server.kind]);
  return rows[0]!.stamp;
}

/** Callers get their own copy, so nothing they change reaches the cache. */
export function cachedAnswer<T>(query: string, compute: () => Promise<T>): Promise<T> {
  // The stamp, the computation and the check after it all run on one server.
  return onReadServer(() => cachedOn(currentReadServer(), query, compute));
}

async function cachedOn<T>(server: TReadServer, query: string, compute: () => Promise<T>): Promise<T> {
  // Snapshots of two databases can read alike (fresh ones start at the same transaction ids).
  const key = `${server.url}\n${query}`;
  const snapshot = await currentStamp(server);
  const hit = entries.get(key);
  if (hit && hit.snapshot === snapshot) {
    stats.hits++;
    // Most recently used last: the Map's insertion order is the eviction order.
    entries.delete(key);
    entries.set(key, hit);
    return structuredClone(hit.answer) as T;
  }
  const pending = inFlight.get(key);
  if (pending && pending.snapshot === snapshot) {
    stats.joined++;
    return structuredClone(await pending.answer) as T;
  }
  stats.misses++;
  const computing = compute();
  const shared = computing.then((answer) => structuredClone(answer));
  shared.catch(() => undefined); // a failure reaches the callers through `computing` and their own await
  inFlight.set(key, { snapshot, answer: shared });
  try {
    const answer = await computing;
    if ((await currentStamp(server)) === snapshot) {
      entries.delete(key);
      entries.set(key, { snapshot, answer: await shared });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    }
    return answer;
  } finally {
    if (inFlight.get(key)?.answer === shared) inFlight.delete(key);
  }
}

/** Hits and misses since the process started (tests; operators reading logs). */
export const answerCacheStats = (): Readonly<typeof stats> => ({ ...stats });
