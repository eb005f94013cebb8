// Aggregate answers cached per process, exact rather than time-based. Each answer is stamped
// with the database snapshot (pg_current_snapshot(): xmin, xmax and the transactions in
// progress) read before it was computed; it is kept only if the snapshot read afterwards is the
// same (no transaction began writing or committed meanwhile), and served only while the current
// snapshot is still that one. Two equal snapshots see exactly the same committed data, so a
// served answer is the one a fresh computation would give. Any write anywhere ends the hits.
import { readEnv } from "@/lib/db/config";
import { getPgPool } from "@/lib/db/pg-pool";

const MAX_ENTRIES = 500;
const entries = new Map<string, { snapshot: string; answer: unknown }>();
const stats = { hits: 0, misses: 0 };

async function currentSnapshot(): Promise<string> {
  const { rows } = await getPgPool().query<{ snapshot: string }>("SELECT pg_current_snapshot()::text AS snapshot");
  return rows[0]!.snapshot;
}

/** Callers get their own copy, so nothing they change reaches the cache. */
export async function cachedAnswer<T>(query: string, compute: () => Promise<T>): Promise<T> {
  // Snapshots of two databases can read alike (fresh ones start at the same transaction ids).
  const key = `${readEnv().databaseUrl ?? ""}\n${query}`;
  const snapshot = await currentSnapshot();
  const hit = entries.get(key);
  if (hit && hit.snapshot === snapshot) {
    stats.hits++;
    // Most recently used last: the Map's insertion order is the eviction order.
    entries.delete(key);
    entries.set(key, hit);
    return structuredClone(hit.answer) as T;
  }
  stats.misses++;
  const answer = await compute();
  if ((await currentSnapshot()) === snapshot) {
    entries.delete(key);
    entries.set(key, { snapshot, answer: structuredClone(answer) });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return answer;
}

/** Hits and misses since the process started (tests; operators reading logs). */
export const answerCacheStats = (): Readonly<typeof stats> => ({ ...stats });
