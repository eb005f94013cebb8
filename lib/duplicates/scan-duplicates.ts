// The duplicate scan: read the cases in scope and their block-mates (one consistent snapshot),
// score blocked pairs in memory (lib/stats/record-linkage), and store the candidates in one
// transaction — a scan killed at any point has written nothing. docs/duplicates.md.
import type pg from "pg";
import { withTransaction } from "@/lib/db/transaction";
import {
  MatchStore,
  findCandidatePairs,
  matchConfig,
  type TBlockingStats,
  type TFrequencyCounts,
  type TMatchConfig,
} from "@/lib/stats/record-linkage";
import { loadFrequencies } from "./load-frequencies";
import { streamMatchRecords } from "./load-match-records";
import { writeScoredPairs, type TPairScope, type TScoredPair } from "./write-pairs";

export type TScanPhase = "reading" | "scoring" | "writing";
export type TScanOptions = {
  scope?: TPairScope;
  config?: TMatchConfig;
  onProgress?: (phase: TScanPhase, done: number, total: number) => void;
};
export type TScanResult = {
  cases: number;
  threshold: number;
  candidates: number;
  stored: number;
  removed: number;
  blocking: TBlockingStats;
  seconds: { read: number; score: number; write: number };
};

/** Above this many touched cases, reading every case is cheaper than a neighbourhood per case. */
const NEIGHBOURHOOD_LIMIT = 200;

/**
 * The cases a scope's pairs can involve: the touched cases and every case that could share a
 * block with one (a superset of blocking.ts's keys: onset within 70 days, or a shared drug with
 * the same sex and country and age within 2 years).
 */
function neighbourhood(ids: readonly string[]): { sql: string; params: unknown[] } {
  return {
    sql: `c."id" = ANY($1::uuid[]) OR c."id" IN (
      SELECT n."id" FROM "case_report" t JOIN "case_report" n ON n."onset_date" BETWEEN t."onset_date" - 70 AND t."onset_date" + 70 WHERE t."id" = ANY($1::uuid[])
      UNION
      SELECT n."id" FROM "case_report" t JOIN "case_report" n ON n."attributing_drugs" && t."attributing_drugs" AND n."sex" = t."sex"
        AND n."country" IS NOT DISTINCT FROM t."country" AND n."age_years" BETWEEN t."age_years" - 2 AND t."age_years" + 2
      WHERE t."id" = ANY($1::uuid[]))`,
    params: [ids],
  };
}

function uuidBytes(id: string, into: Uint8Array, at: number): void {
  const hex = id.replace(/-/g, "");
  for (let k = 0; k < 16; k++) into[at + k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
}
function uuidText(from: Uint8Array, at: number): string {
  let hex = "";
  for (let k = 0; k < 16; k++) hex += (from[at + k] ?? 0).toString(16).padStart(2, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function grown<T extends Uint8Array | Int32Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, 2 * array.length));
  next.set(array);
  return next;
}

/** What a read returns: reports in a store, ids and revisions kept compactly beside it. */
type TLoaded = { store: MatchStore; ids: Uint8Array; revisions: Int32Array; touched: Uint8Array | undefined; counts: TFrequencyCounts };

async function readCases(client: pg.ClientBase, scope: TPairScope, onProgress: TScanOptions["onProgress"]): Promise<TLoaded> {
  const counts = await loadFrequencies(client);
  const wide = scope.kind !== "cases" || scope.ids.length > NEIGHBOURHOOD_LIMIT;
  const where = wide ? { sql: "TRUE", params: [] } : neighbourhood(scope.ids);
  const total = wide ? counts.total : scope.ids.length;
  const store = new MatchStore(false);
  let ids = new Uint8Array(16 * 1024);
  let revisions = new Int32Array(1024);
  let touched = scope.kind === "all" ? undefined : new Uint8Array(1024);
  const touchedIds = scope.kind === "all" ? new Set<string>() : new Set(scope.ids);
  const job = scope.kind === "import" ? scope.jobId : null;
  await streamMatchRecords(client, where, (records) => {
    for (const record of records) {
      const i = store.add(record);
      ids = grown(ids, 16 * store.size);
      revisions = grown(revisions, store.size);
      uuidBytes(record.id, ids, 16 * i);
      revisions[i] = record.revision;
      if (touched) {
        touched = grown(touched, store.size);
        touched[i] = touchedIds.has(record.id) || (job !== null && record.importJobId === job) ? 1 : 0;
      }
    }
    onProgress?.("reading", store.size, Math.max(total, store.size));
  });
  return { store, ids, revisions, touched, counts };
}

/** Scans `scope` (default: every case) and stores its candidate pairs. */
export async function scanDuplicates(options: TScanOptions = {}): Promise<TScanResult> {
  const scope = options.scope ?? { kind: "all" };
  const config = options.config ?? matchConfig();
  const t0 = performance.now();
  // One snapshot for the frequencies and every case: a consistent picture, however long it takes.
  const loaded = await readInSnapshot((client) => readCases(client, scope, options.onProgress));
  const t1 = performance.now();
  const { store, ids, revisions, touched, counts } = loaded;
  options.onProgress?.("scoring", 0, 1);
  const { pairs, stats, threshold } = findCandidatePairs(store, counts, config, { touched });
  options.onProgress?.("scoring", 1, 1);
  const scored: TScoredPair[] = pairs.map(({ i, j, score }) => {
    const [x, y] = [uuidText(ids, 16 * i), uuidText(ids, 16 * j)];
    const [a, b, ia, ib] = x < y ? [x, y, i, j] : [y, x, j, i];
    // The report received later is the suspected copy (unknown received dates: the second id).
    const ra = store.hasReceived(ia) ? (store.received[ia] ?? 0) : Infinity;
    const rb = store.hasReceived(ib) ? (store.received[ib] ?? 0) : Infinity;
    return { a, b, revA: revisions[ia] ?? 0, revB: revisions[ib] ?? 0, score: Math.round(score * 1000) / 1000, later: ra > rb ? a : b };
  });
  const t2 = performance.now();
  options.onProgress?.("writing", 0, scored.length);
  const written = await withTransaction(({ sql: client }) => writeScoredPairs(client, scored, scope));
  options.onProgress?.("writing", scored.length, scored.length);
  const t3 = performance.now();
  return {
    cases: store.size,
    threshold,
    candidates: scored.length,
    ...written,
    blocking: stats,
    seconds: { read: (t1 - t0) / 1000, score: (t2 - t1) / 1000, write: (t3 - t2) / 1000 },
  };
}

/** Reads in one read-only snapshot, so the frequencies and the records agree. */
function readInSnapshot<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(({ sql }) => work(sql), { snapshot: true });
}
