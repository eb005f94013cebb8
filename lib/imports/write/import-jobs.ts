// The import_job rows an import writes, and how a job whose process died stops being "running".
// Plain SQL on the pg pool rather than Prisma: a CLI import then never loads Prisma's query
// compiler (~80 MB of its 300 MB memory budget) — nothing else in the import needs Prisma.
//
// Liveness: the owning process refreshes heartbeat_at (database clock: no skew between hosts)
// every HEARTBEAT_MS while it holds a queued or running job. On a Postgres server, a job whose
// heartbeat is older than STALE_AFTER_MS is interrupted; so, at once, is a job whose owner ran on
// this machine (same boot, same pid namespace) under a pid that no longer exists. An advisory
// lock held by the import's session would free itself the moment a process dies, but it cannot
// cover a job still queued (no transaction yet), and on the embedded database every connection
// shares ONE session, so every lock would look held by everyone.
// The embedded database is the exception to the heartbeat: it has one session, so a beat waits
// behind whatever transaction holds it (an import's final move, a long rebuild). It needs no
// heartbeat either: all its processes share one machine (the pid test applies), and a process
// that opens it fresh knows every unfinished job is dead.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { readEnv } from "@/lib/db/config";
import { getPgPool } from "@/lib/db/pg-pool";
import type { TImportFormat } from "../types";
import { clearAbandonedStaging } from "./import-stage";
import { currentJobOwner, ownerIsGoneHere } from "./job-owner";
import { toStorableText } from "@/lib/domain/storable-text";

export const HEARTBEAT_MS = 15_000;
/** Eight missed beats: long enough for a slow database or a long GC pause, short enough to notice. */
export const STALE_AFTER_MS = 2 * 60_000;
export const INTERRUPTED_MESSAGE =
  "interrupted: the process running this import stopped before it finished; nothing of the file was kept — run it again";

/** An entry of import_job.errors: a reject (skip-invalid mode) or the error that failed the import. */
export type TImportJobError = { file: string; line: number | null; record: number | null; field: string | null; message: string };

export type TJobCounts = { read: number; imported: number; updated: number; skipped: number; rejected: number };
export type TNewJob = { format: TImportFormat; fileName: string; status: "queued" | "running"; skipInvalid: boolean; actor: string | null };

const UNFINISHED = `"status" IN ('queued', 'running')`;

// ── The jobs this process holds, kept alive by one timer ────────────────────────────────────
type TKeeper = { held: Map<string, number>; timer: NodeJS.Timeout | null; beating: boolean };
// On globalThis so every route bundle of the app (and dev reloads) shares one keeper.
const shared = globalThis as unknown as { nmsHeldJobs?: TKeeper };
const keeper: TKeeper = (shared.nmsHeldJobs ??= { held: new Map<string, number>(), timer: null, beating: false });

function beat(): void {
  // At most one beat in flight: on the embedded database it waits while an import's transaction
  // holds the session, and queued beats would only pile up behind it.
  if (keeper.beating || keeper.held.size === 0) return;
  keeper.beating = true;
  getPgPool()
    .query(`UPDATE "import_job" SET "heartbeat_at" = now() WHERE "id" = ANY($1::uuid[]) AND ${UNFINISHED}`, [[...keeper.held.keys()]])
    // A missed beat is not an error: the next one comes in HEARTBEAT_MS, and only eight in a row count.
    .catch(() => undefined)
    .finally(() => {
      keeper.beating = false;
    });
}

/** Keeps `jobId` alive until the returned release is called (holds nest: each needs its release). */
export function holdJob(jobId: string): () => void {
  keeper.held.set(jobId, (keeper.held.get(jobId) ?? 0) + 1);
  // unref: a held job never keeps a finished CLI process alive.
  keeper.timer ??= setInterval(beat, HEARTBEAT_MS).unref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (keeper.held.get(jobId) ?? 1) - 1;
    if (left > 0) keeper.held.set(jobId, left);
    else keeper.held.delete(jobId);
    if (keeper.held.size === 0 && keeper.timer) {
      clearInterval(keeper.timer);
      keeper.timer = null;
    }
  };
}

// ── Rows ────────────────────────────────────────────────────────────────────────────────────
export async function createImportJob(job: TNewJob): Promise<string> {
  const id = randomUUID();
  await getPgPool().query(
    `INSERT INTO "import_job" ("id", "format", "file_name", "status", "skip_invalid", "actor", "owner", "heartbeat_at", "started_at")
     VALUES ($1, $2::"ImportFormat", $3, $4::"ImportStatus", $5, $6, $7, now(), now())`,
    [id, job.format, job.fileName, job.status, job.skipInvalid, job.actor, currentJobOwner()],
  );
  return id;
}

/**
 * This process's queued job starts running; false if there is no such job still queued for it —
 * another app process on the same database may have marked it interrupted meanwhile (its
 * heartbeat stopped), and an interrupted job never runs after all (docs/deployment.md).
 */
export async function claimImportJob(jobId: string, job: Omit<TNewJob, "status">): Promise<boolean> {
  const { rowCount } = await getPgPool().query(
    `UPDATE "import_job" SET "format" = $2::"ImportFormat", "file_name" = $3, "status" = 'running', "skip_invalid" = $4, "actor" = $5,
       "owner" = $6, "heartbeat_at" = now(), "started_at" = now()
     WHERE "id" = $1 AND "status" = 'queued' AND "owner" = $6`,
    [jobId, job.format, job.fileName, job.skipInvalid, job.actor, currentJobOwner()],
  );
  return rowCount === 1;
}

/**
 * The job succeeded — written in the import's own transaction, so the job says "succeeded"
 * exactly when the data is there: no crash between commit and this write can leave a job
 * "running" (and later "interrupted, nothing kept") over data that was in fact kept.
 */
export type TUnmappedCount = { name: string; cases: number };

/** What a finished import says beyond its counts (lib/queries/import-job-view.ts shows it). */
export type TImportReport = {
  /** Reports the source held (every event); null where the format has no such notion. */
  reportsRead: number | null;
  /** Reports counted into the background (disproportionality) counts; null when none were. */
  backgroundReports: number | null;
  deleted: number;
  unmappedCounts: readonly TUnmappedCount[];
};

export async function finishImportJob(
  client: pg.ClientBase,
  jobId: string,
  counts: TJobCounts,
  unmapped: readonly string[],
  errors: readonly TImportJobError[],
  report: TImportReport = { reportsRead: null, backgroundReports: null, deleted: 0, unmappedCounts: [] },
): Promise<void> {
  // clock_timestamp(), not now(): now() is the transaction's start, and the import ran inside it.
  // Only a job still running: one another process has marked interrupted (its heartbeat stopped)
  // said "nothing was kept", so the import's transaction must not commit after all.
  const { rowCount } = await client.query(
    `UPDATE "import_job" SET "status" = 'succeeded', "finished_at" = clock_timestamp(), "read" = $2, "imported" = $3, "updated" = $4, "skipped" = $5,
       "rejected" = $6, "unmapped_drugs" = $7::text[], "errors" = $8::jsonb, "reports_read" = $9, "background_reports" = $10, "deleted" = $11,
       "unmapped_counts" = $12::jsonb, "bytes_read" = "bytes_total"
     WHERE "id" = $1 AND "status" = 'running'`,
    [
      jobId,
      counts.read,
      counts.imported,
      counts.updated,
      counts.skipped,
      counts.rejected,
      unmapped,
      errors.length ? JSON.stringify(errors.map(storableError)) : null,
      report.reportsRead,
      report.backgroundReports,
      report.deleted,
      report.unmappedCounts.length ? JSON.stringify(report.unmappedCounts) : null,
    ],
  );
  if (rowCount !== 1)
    throw new Error(`import job ${jobId} is no longer running (marked interrupted meanwhile): nothing of the file was kept`);
}

/** The job failed (its transaction rolled back). Unconditional: a real error beats "interrupted". */
export async function failImportJob(jobId: string, counts: Pick<TJobCounts, "read" | "rejected">, error: TImportJobError): Promise<void> {
  await getPgPool().query(
    `UPDATE "import_job" SET "status" = 'failed', "finished_at" = clock_timestamp(), "read" = $2, "rejected" = $3, "errors" = $4::jsonb WHERE "id" = $1`,
    [jobId, counts.read, counts.rejected, JSON.stringify([storableError(error)])],
  );
}

/** Counts (and rejects so far) of a running job, for pollers; a finished job is never touched. */
export async function writeJobProgress(
  jobId: string,
  counts: TJobCounts,
  errors: readonly TImportJobError[],
  bytes?: { read: number; total: number | null },
): Promise<void> {
  await getPgPool().query(
    `UPDATE "import_job" SET "read" = $2, "imported" = $3, "updated" = $4, "skipped" = $5, "rejected" = $6,
       "errors" = COALESCE($7::jsonb, "errors"), "heartbeat_at" = now(),
       "bytes_read" = COALESCE($8::bigint, "bytes_read"), "bytes_total" = COALESCE($9::bigint, "bytes_total")
     WHERE "id" = $1 AND "status" = 'running'`,
    [
      jobId,
      counts.read,
      counts.imported,
      counts.updated,
      counts.skipped,
      counts.rejected,
      errors.length ? JSON.stringify(errors.map(storableError)) : null,
      bytes?.read ?? null,
      bytes?.total ?? null,
    ],
  );
}

// ── Interrupted jobs ────────────────────────────────────────────────────────────────────────
export type TInterruptedJob = { id: string; fileName: string };

/**
 * Marks as failed every queued or running job whose owner is gone: its heartbeat is older than
 * `staleAfterMs` (server databases only), or it ran on this machine under a pid that is gone, or it names this very
 * process yet this process does not hold it (a previous process with the same pid). With
 * `everyUnfinished`, all of them: for the process that has just opened the embedded database,
 * which no other process can have been importing into. Then drops the cases staged by jobs that
 * are no longer unfinished (lib/imports/write/import-stage.ts). Returns the jobs it marked.
 */
export async function failInterruptedJobs(options: { staleAfterMs?: number; everyUnfinished?: boolean } = {}): Promise<TInterruptedJob[]> {
  const pool = getPgPool();
  const { rows } = await pool.query<{ id: string; owner: string | null }>(`SELECT "id", "owner" FROM "import_job" WHERE ${UNFINISHED}`);
  const me = currentJobOwner();
  // Heartbeats decide only on a server (see the top of this file).
  const staleAfterMs = readEnv().databaseKind === "postgres" ? (options.staleAfterMs ?? STALE_AFTER_MS) : null;
  const gone = rows
    .filter((r) => options.everyUnfinished || ownerIsGoneHere(r.owner) || (r.owner === me && !keeper.held.has(r.id)))
    .map((r) => r.id);
  // The heartbeat test runs inside the UPDATE, so a job that beats between the read above and
  // this write is left alone.
  const marked = await pool.query<{ id: string; file_name: string }>(
    `UPDATE "import_job" SET "status" = 'failed', "finished_at" = now(),
       "errors" = jsonb_build_array(jsonb_build_object('file', "file_name", 'line', NULL, 'record', NULL, 'field', NULL, 'message', $3::text))
     WHERE ${UNFINISHED}
       AND ("id" = ANY($1::uuid[]) OR COALESCE("heartbeat_at", "started_at") < now() - make_interval(secs => $2::float8 / 1000))
     RETURNING "id", "file_name"`,
    [gone, staleAfterMs, INTERRUPTED_MESSAGE], // a NULL age compares as unknown: no job is stale
  );
  // What the dead (and any finished) jobs left staged never reached the case tables: it goes.
  await clearAbandonedStaging();
  return marked.rows.map((r) => ({ id: r.id, fileName: r.file_name }));
}

/** Longest text kept per error field: a message quoting an uploaded cell must not store the upload. */
export const MAX_ERROR_TEXT = 500;

const bounded = (value: string) => {
  const storable = toStorableText(value);
  return storable.length > MAX_ERROR_TEXT ? `${storable.slice(0, MAX_ERROR_TEXT - 1)}…` : storable;
};

/**
 * jsonb refuses NUL and unpaired surrogates; an error quoting such input (a database or parser
 * message, not only an ImportError) must still be stored, or the job would stay "running". Each
 * text is also cut to MAX_ERROR_TEXT characters (docs/security.md: job errors held attacker text).
 */
function storableError(error: TImportJobError): TImportJobError {
  return {
    ...error,
    file: bounded(error.file),
    field: error.field === null ? null : bounded(error.field),
    message: bounded(error.message),
  };
}
