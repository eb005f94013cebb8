// Runs one import end to end: picks the parser, stages its records in batches (each its own short
// transaction, so reads keep answering on the one-session embedded database), then in ONE
// transaction moves the staged cases into the case tables, applies the source's deletion list,
// stores the background counts and finishes the job — all or nothing per file by default.
import path from "node:path";
import { toCaseRows } from "@/lib/cases/to-case-rows";
import { MOVED_CASE_EVENTS, moveStagedCases, softDeleteBySourceIds } from "@/lib/db/bulk/upsert-cases";
import { analyzeCaseTables } from "@/lib/db/analyze";
import { scanImportedCases } from "@/lib/duplicates/scan-queue";
import { checkAlertsAfterImport } from "@/lib/signals/alerts/check-alerts";
import { withTransaction } from "@/lib/db/transaction";
import { periodOf } from "@/lib/domain/report-period";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { parseCanonicalCsv } from "../csv/parse-csv";
import { detectFormat } from "../detect-format";
import { parseE2b } from "../e2b/parse-e2b";
import { ImportError, rejectOrThrow } from "../errors";
import { parseFaers } from "../faers/parse-faers";
import { parseOpenFda } from "../openfda/parse-openfda";
import type { TBackgroundRecord, TImportFormat, TImportInput, TParseOptions, TParsedRecord, TRejectRecord, TSummaryRecord } from "../types";
import { runExposureImport } from "../exposure/run-exposure-import";
import { replaceBackgroundCounts } from "./background-writer";
import { writeAuditEvent, writeAuditEvents, writeAuditEventsSelected, type TAuditEvent } from "@/lib/audit/write-audit-event";
import { countedInput } from "./counted-input";
import { ImportStage, clearStagedCases, type TStagedCase } from "./import-stage";
import { CopyImportStage } from "./copy-stage";
import { readEnv } from "@/lib/db/config";
import type pg from "pg";
import {
  claimImportJob,
  createImportJob,
  failImportJob,
  finishImportJob,
  holdJob,
  type TImportJobError,
  type TUnmappedCount,
} from "./import-jobs";
import { MAX_KEPT_REJECTS, jobProgressWriter, rejectToJobError } from "./job-progress";

const PARSERS: Record<
  Exclude<TImportFormat, "exposure">,
  (input: TImportInput, options: TParseOptions) => AsyncGenerator<TParsedRecord>
> = {
  csv: parseCanonicalCsv,
  faers: parseFaers,
  openfda: parseOpenFda,
  e2b: parseE2b,
};
const BATCH_SIZE = 1_000;
const MAX_LISTED_UNMAPPED = 500;
/** Distinct unmatched names counted per import (a FAERS quarter names thousands of concomitant drugs). */
const MAX_COUNTED_UNMAPPED = 50_000;

/** The most frequent unmatched names with their case counts, most cases first, then A–Z. */
function topUnmapped(counts: ReadonlyMap<string, number>): TUnmappedCount[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_LISTED_UNMAPPED)
    .map(([name, cases]) => ({ name, cases }));
}

export type TImportCounts = { read: number; imported: number; updated: number; skipped: number; rejected: number; deleted: number };
export type TImportResult = TImportCounts & {
  jobId: string;
  format: TImportFormat;
  /** Unmatched drug names, most cases first (at most MAX_LISTED_UNMAPPED). */
  unmappedDrugs: string[];
  /** The same names with the number of this file's cases naming each. */
  unmappedCounts: TUnmappedCount[];
  summary: TSummaryRecord | null;
  /** Reports of any event the file held (null for canonical CSV, where every row is a case). */
  reportsRead: number | null;
  /** Reports counted into the background counts, when the file brought them. */
  backgroundReports: number | null;
  /** Wall-clock seconds from the job's start to its return (after ANALYZE, the duplicate scan and alert rules). */
  seconds: number;
  /** Wall-clock seconds from the job's start to its commit: the part a COPY of the same rows compares with. */
  committedSeconds: number;
};
export type TImportOptions = {
  format?: TImportFormat;
  skipInvalid?: boolean;
  /** Cases missing a minimum criterion are imported as drafts instead of rejected (docs/case-processing.md). */
  allowDrafts?: boolean;
  actor?: string | null;
  /** Background-count period; default: the FAERS quarter in the file name, else "all". */
  period?: string;
  onProgress?: (counts: TImportCounts, bytes: { read: number; total: number | null }) => void;
  onReject?: (reject: TRejectRecord) => void;
  /**
   * A job row created beforehand (status queued) to run this import under: an HTTP upload
   * answers with the job id before the import starts. Without it, runImport creates the job.
   */
  jobId?: string;
  /** Also write the counts to the job row every this many records read, for pollers. */
  progressEvery?: number;
  /**
   * How batches reach the case tables. "staged" (the default): a staging table, moved in one
   * transaction at the end. "copy" (Postgres server only; the bench's --write-path copy): sent
   * with COPY and moved batch by batch in one transaction open for the whole file
   * (copy-stage.ts) — not the default until measured faster (docs/scaling.md).
   */
  writePath?: "copy" | "staged";
  /** Cases per write (default 1,000); tests use small batches to cross batch boundaries. */
  batchSize?: number;
  /** Exposure imports only: the case source is a complete ascertainment of the exposed population. */
  completeAscertainment?: boolean;
  /**
   * false: the input is a selection of reports (the openFDA feed asks for NMS reports only), so
   * its per-drug tallies are no background for disproportionality and none are stored.
   */
  backgroundCounts?: boolean;
};

const inputName = (input: TImportInput) => (typeof input === "string" ? path.basename(input) : input.name);

export async function runImport(input: TImportInput, options: TImportOptions = {}): Promise<TImportResult> {
  const fileName = inputName(input);
  const job = await startJob(input, fileName, options);
  if (job.format === "exposure") {
    const counts = await runExposureImport(input, job.id, fileName, options);
    return {
      jobId: job.id,
      format: job.format,
      ...counts,
      unmappedDrugs: [],
      unmappedCounts: [],
      summary: null,
      reportsRead: null,
      backgroundReports: null,
      seconds: 0,
      committedSeconds: 0,
    };
  }
  const format = job.format;
  // Heartbeats while this process runs the job: if it dies, others can tell (import-jobs.ts).
  const release = holdJob(job.id);
  const counts: TImportCounts = { read: 0, imported: 0, updated: 0, skipped: 0, rejected: 0, deleted: 0 };
  const unmapped = new Map<string, number>();
  const startedAt = Date.now();
  const rejects: TImportJobError[] = [];
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const persistProgress = options.progressEvery ? jobProgressWriter(job.id, options.progressEvery, rejects) : undefined;
  const counted = countedInput(input, format);
  let copyStage: CopyImportStage<TStagedCase> | undefined;
  try {
    const catalogue = await getCatalogueIndex();
    let summary: TSummaryRecord | null = null;
    let backgroundReports: number | null = null;
    const background: TBackgroundRecord[] = [];
    let batch: TStagedCase[] = [];
    const actor = options.actor ?? "system";
    const requestId = `import:${job.id}`;
    // Cases wait in import_staged_case, not in memory, until the file is read (see ImportStage);
    // or, asked for on a server, go into the case tables batch by batch inside one transaction
    // for the file (copy-stage.ts).
    if (options.writePath === "copy") {
      if (readEnv().databaseKind !== "postgres") throw new Error("the COPY write path needs a Postgres server (DATABASE_URL)");
      copyStage = await CopyImportStage.open<TStagedCase>(job.id, { actor, requestId });
    }
    const stage = copyStage ?? new ImportStage<TStagedCase>(job.id);
    const reject = (error: ImportError) => {
      const record = rejectOrThrow(error, { skipInvalid: options.skipInvalid });
      counts.rejected++;
      if (rejects.length < MAX_KEPT_REJECTS) rejects.push(rejectToJobError(record));
      options.onReject?.(record);
    };
    // Stages one taken batch: the duplicate check and the write, one short statement. A repeated
    // source id is not staged (and fails the import unless skipping).
    const write = async (taken: TStagedCase[]) => {
      const duplicates = await stage.stage(taken);
      for (const duplicate of duplicates) reject(duplicate.error); // throws unless skipping
      options.onProgress?.({ ...counts }, { read: counted.bytes.read(), total: counted.bytes.total });
      persistProgress?.(counts, counted.bytes);
    };
    // Pipelined: while the database writes one batch, the next is read, validated and scored
    // (the two share 2 cores instead of taking turns). One batch in flight at most, staged in
    // file order; its failure surfaces at the next flush.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const taken = stage.take();
      batch = [];
      const previous = writing;
      await previous;
      writing = write(taken);
      writing.catch(() => undefined); // awaited at the next flush or the end; never unobserved
    };
    try {
      for await (const record of PARSERS[format](counted.input, {
        skipInvalid: options.skipInvalid,
        minimumCriteria: options.allowDrafts ? "draft" : "reject",
      })) {
        if (record.kind === "case") {
          counts.read++;
          const parsed = record.case; // validated by the parser (ZCaseInput)
          const pending: TStagedCase = {
            sourceId: parsed.sourceId,
            ref: record.ref,
            input: parsed,
            rows: toCaseRows(parsed, catalogue, { importJobId: job.id }),
          };
          const repeated = stage.add(pending);
          if (repeated) {
            reject(repeated);
            continue;
          }
          batch.push(pending);
          for (const name of new Set(pending.rows.unmappedDrugNames)) {
            const seen = unmapped.get(name);
            if (seen !== undefined || unmapped.size < MAX_COUNTED_UNMAPPED) unmapped.set(name, (seen ?? 0) + 1);
          }
          if (batch.length >= batchSize) await flush();
        } else if (record.kind === "reject") {
          counts.read++;
          counts.rejected++;
          if (rejects.length < MAX_KEPT_REJECTS) rejects.push(rejectToJobError(record));
          options.onReject?.(record);
        } else if (record.kind === "background") {
          background.push(record);
        } else {
          summary = record;
        }
      }
    } catch (error) {
      // A bad row must not hide an earlier duplicate still waiting in the batch: report
      // whichever comes first in the file, as a reader fixing it top-down expects.
      await writing; // an earlier batch's error comes first in the file
      if (error instanceof ImportError && batch.length) {
        const first = (await stage.flush())[0];
        if (first && (first.item.ref.line ?? Infinity) < (error.line ?? Infinity)) throw first.error;
      }
      throw error;
    }
    await flush();
    await writing;
    const done: TSummaryRecord | null = summary;
    // The whole file moves in one transaction: its cases, their audit events, the deletions,
    // the background counts and the finished job commit together or not at all.
    const finish = async (client: pg.ClientBase) => {
      const moved = copyStage ? copyStage.moved : await moveStagedCases(client, job.id);
      if (!copyStage && moved.inserted + moved.updated)
        await writeAuditEventsSelected(client, MOVED_CASE_EVENTS, [job.id, actor, requestId]);
      counts.imported = moved.inserted;
      counts.updated = moved.updated;
      counts.skipped = moved.unchanged;
      if (done && format !== "csv") {
        const deleted = await softDeleteBySourceIds(client, format, done.deletedIds);
        counts.deleted = deleted.length;
        await writeAuditEvents(
          client,
          deleted.map((d): TAuditEvent => ({
            actor,
            action: "delete",
            entity: "case",
            entityId: d.id,
            before: d.before,
            after: null,
            requestId,
          })),
        );
        if (options.backgroundCounts !== false && (background.length || done.totalReports)) {
          backgroundReports = done.totalReports;
          await replaceBackgroundCounts(
            client,
            { source: format, period: options.period ?? periodOf(fileName) },
            background,
            {
              totalReports: done.totalReports,
              nmsReports: done.nmsReports ?? done.nmsCases,
              tally: done.tally,
              classes: done.backgroundClasses,
              strata: done.backgroundStrata,
            },
            catalogue,
          );
        }
      }
      // And one for the import itself, in its transaction: it exists exactly when the data does.
      const report = {
        reportsRead: format === "csv" ? null : (done?.reportsRead ?? null),
        backgroundReports,
        deleted: counts.deleted,
        unmappedCounts: topUnmapped(unmapped),
      };
      await writeAuditEvent(client, {
        actor,
        action: "create",
        entity: "import",
        entityId: job.id,
        before: null,
        after: {
          format,
          fileName,
          ...counts,
          reportsRead: report.reportsRead,
          backgroundReports: report.backgroundReports,
          unmappedDrugs: unmapped.size,
        },
        requestId,
      });
      await finishImportJob(
        client,
        job.id,
        counts,
        report.unmappedCounts.map((u) => u.name),
        rejects,
        report,
      );
    };
    await (copyStage ? copyStage.commit(finish) : withTransaction(({ sql }) => finish(sql)));
    const committedSeconds = (Date.now() - startedAt) / 1000;
    await copyStage?.close(); // its connection back to the pool before the work that follows
    await clearStagedCases(job.id).catch(() => undefined); // else the next start's sweep drops them
    if (counts.imported + counts.updated + counts.deleted > 0) await analyzeCaseTables();
    // Inside the job: the import returns once its cases are matched against the stored ones.
    if (counts.imported + counts.updated > 0) await scanImportedCases(job.id);
    // New data: the signal alert rules run on them (lib/signals/alerts, docs/signals.md).
    if (backgroundReports !== null || counts.imported + counts.updated + counts.deleted > 0)
      await checkAlertsAfterImport(job.id, options.actor ?? null);
    const unmappedCounts = topUnmapped(unmapped);
    return {
      jobId: job.id,
      format,
      ...counts,
      unmappedDrugs: unmappedCounts.map((u) => u.name),
      unmappedCounts,
      summary,
      reportsRead: format === "csv" ? null : (done?.reportsRead ?? null),
      backgroundReports,
      seconds: (Date.now() - startedAt) / 1000,
      committedSeconds,
    };
  } catch (error) {
    const detail: TImportJobError =
      error instanceof ImportError
        ? { file: error.file, line: error.line ?? null, record: error.record ?? null, field: error.field, message: error.reason }
        : { file: fileName, line: null, record: null, field: null, message: error instanceof Error ? error.message : String(error) };
    // Nothing of the file was kept (it never left the staging table or its transaction): the job says so.
    await copyStage?.close();
    await failImportJob(job.id, counts, detail);
    await clearStagedCases(job.id).catch(() => undefined); // else the next start's sweep drops them
    throw error;
  } finally {
    await copyStage?.close();
    release();
  }
}

/** The job this import runs under: the caller's queued one (now running), or a new one. */
async function startJob(input: TImportInput, fileName: string, options: TImportOptions): Promise<{ id: string; format: TImportFormat }> {
  const settings = { fileName, skipInvalid: options.skipInvalid ?? false, actor: options.actor ?? null };
  if (!options.jobId) {
    // An input that is no known format fails here, before a job exists for it.
    const format = options.format ?? (await detectFormat(input));
    return { id: await createImportJob({ format, status: "running", ...settings }), format };
  }
  const jobId = options.jobId;
  try {
    const format = options.format ?? (await detectFormat(input));
    if (!(await claimImportJob(jobId, { format, ...settings })))
      throw new Error(`import job ${jobId} is not queued for this process (it does not exist, or was marked interrupted)`);
    return { id: jobId, format };
  } catch (error) {
    // The caller's job exists already: it must not stay queued forever.
    const message = error instanceof Error ? error.message : String(error);
    await failImportJob(jobId, { read: 0, rejected: 0 }, { file: fileName, line: null, record: null, field: "format", message });
    throw error;
  }
}
