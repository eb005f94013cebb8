// Runs one import end to end: picks the parser, streams its records into the database in
// batches inside ONE transaction (all or nothing per file by default), applies the source's
// deletion list, stores the background counts, and keeps an import job with the counts.
import path from "node:path";
import { toCaseRows } from "@/lib/cases/to-case-rows";
import type { TCaseRow, TDrugRow } from "@/lib/cases/case-row";
import { softDeleteBySourceIds, upsertCaseRows } from "@/lib/db/bulk/upsert-cases";
import { analyzeCaseTables } from "@/lib/db/analyze";
import { getPrisma } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/pg-pool";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { parseCanonicalCsv } from "../csv/parse-csv";
import { detectFormat } from "../detect-format";
import { parseE2b } from "../e2b/parse-e2b";
import { ImportError } from "../errors";
import { parseFaers } from "../faers/parse-faers";
import { parseOpenFda } from "../openfda/parse-openfda";
import type { TBackgroundRecord, TImportFormat, TImportInput, TParseOptions, TParsedRecord, TRejectRecord, TSummaryRecord } from "../types";
import { replaceBackgroundCounts } from "./background-writer";
import { writeAuditEvent, writeAuditEvents, type TAuditEvent } from "@/lib/audit/write-audit-event";
import type { TCaseInput } from "@/lib/domain/case-schema";
import { MAX_KEPT_REJECTS, jobProgressWriter, rejectToJobError, type TImportJobError } from "./job-progress";

const PARSERS: Record<TImportFormat, (input: TImportInput, options: TParseOptions) => AsyncGenerator<TParsedRecord>> = {
  csv: parseCanonicalCsv,
  faers: parseFaers,
  openfda: parseOpenFda,
  e2b: parseE2b,
};
const BATCH_SIZE = 1_000;
const MAX_LISTED_UNMAPPED = 500;

export type TImportCounts = { read: number; imported: number; updated: number; skipped: number; rejected: number; deleted: number };
export type TImportResult = TImportCounts & { jobId: string; format: TImportFormat; unmappedDrugs: string[]; summary: TSummaryRecord | null };
export type TImportOptions = {
  format?: TImportFormat;
  skipInvalid?: boolean;
  actor?: string | null;
  /** Background-count period; default: the FAERS quarter in the file name, else "all". */
  period?: string;
  onProgress?: (counts: TImportCounts) => void;
  onReject?: (reject: TRejectRecord) => void;
  /**
   * A job row created beforehand (status queued) to run this import under: an HTTP upload
   * answers with the job id before the import starts. Without it, runImport creates the job.
   */
  jobId?: string;
  /** Also write the counts to the job row every this many records read, for pollers. */
  progressEvery?: number;
};

const inputName = (input: TImportInput) => (typeof input === "string" ? path.basename(input) : input.name);

/** "2017Q2" from names like DEMO17Q2.txt, faers_ascii_2017q2.zip or a folder 17Q2. */
export function periodOf(name: string): string {
  const long = /(\d{4})q([1-4])/i.exec(name);
  if (long) return `${long[1]}Q${long[2]}`;
  const short = /(\d{2})q([1-4])/i.exec(name);
  return short ? `20${short[1]}Q${short[2]}` : "all";
}

export async function runImport(input: TImportInput, options: TImportOptions = {}): Promise<TImportResult> {
  const fileName = inputName(input);
  const prisma = getPrisma();
  const job = await startJob(input, fileName, options);
  const format = job.format;
  const counts: TImportCounts = { read: 0, imported: 0, updated: 0, skipped: 0, rejected: 0, deleted: 0 };
  const unmapped = new Set<string>();
  const rejects: TImportJobError[] = [];
  const persistProgress = options.progressEvery ? jobProgressWriter(job.id, options.progressEvery, rejects) : undefined;
  try {
    const catalogue = await getCatalogueIndex();
    let summary: TSummaryRecord | null = null;
    await inTransaction(async (client) => {
      const seen = new Map<string, string>(); // sourceId → where it first appeared
      const background: TBackgroundRecord[] = [];
      let cases: TCaseRow[] = [];
      let drugs: TDrugRow[] = [];
      let inputs = new Map<string, TCaseInput>(); // sourceId → the record as read, the audit's "after"
      const actor = options.actor ?? "system";
      const requestId = `import:${job.id}`;
      const flush = async () => {
        const result = await upsertCaseRows(client, cases, drugs);
        counts.imported += result.inserted;
        counts.updated += result.updated;
        counts.skipped += result.unchanged;
        // One audit event per case the import created or replaced, in the same transaction.
        await writeAuditEvents(
          client,
          result.written.map((w): TAuditEvent => ({ actor, action: w.inserted ? "create" : "update", entity: "case", entityId: w.id, before: w.before, after: inputs.get(w.sourceId), requestId })),
        );
        cases = [];
        drugs = [];
        inputs = new Map();
        options.onProgress?.({ ...counts });
        persistProgress?.(counts);
      };
      for await (const record of PARSERS[format](input, { skipInvalid: options.skipInvalid })) {
        if (record.kind === "case") {
          counts.read++;
          const parsed = record.case; // validated by the parser (ZCaseInput)
          const where = `${record.ref.file}${record.ref.line ? ` line ${record.ref.line}` : ""}`;
          const first = seen.get(parsed.sourceId);
          if (first) throw new ImportError({ ...record.ref, field: "source_id" }, `duplicate id ${parsed.sourceId} (first seen at ${first})`);
          seen.set(parsed.sourceId, where);
          const rows = toCaseRows(parsed, catalogue, { importJobId: job.id });
          cases.push(rows.caseRow);
          inputs.set(parsed.sourceId, parsed);
          drugs.push(...rows.drugRows);
          for (const name of rows.unmappedDrugNames) if (unmapped.size < MAX_LISTED_UNMAPPED) unmapped.add(name);
          if (cases.length >= BATCH_SIZE) await flush();
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
      await flush();
      const done: TSummaryRecord | null = summary;
      if (done && format !== "csv") {
        const deleted = await softDeleteBySourceIds(client, format, done.deletedIds);
        counts.deleted = deleted.length;
        await writeAuditEvents(client, deleted.map((d): TAuditEvent => ({ actor, action: "delete", entity: "case", entityId: d.id, before: d.before, after: null, requestId })));
        if (background.length || done.totalReports) {
          await replaceBackgroundCounts(client, { source: format, period: options.period ?? periodOf(fileName) }, background, { totalReports: done.totalReports, nmsReports: done.nmsCases }, catalogue);
        }
      }
      // And one for the import itself, in its transaction: it exists exactly when the data does.
      await writeAuditEvent(client, { actor, action: "create", entity: "import", entityId: job.id, before: null, after: { format, fileName, ...counts, unmappedDrugs: unmapped.size }, requestId });
    });
    if (counts.imported + counts.updated + counts.deleted > 0) await analyzeCaseTables();
    await prisma.importJob.update({
      where: { id: job.id },
      data: { status: "succeeded", finishedAt: new Date(), ...jobCounts(counts), unmappedDrugs: [...unmapped], ...(rejects.length ? { errors: rejects } : {}) },
    });
    return { jobId: job.id, format, ...counts, unmappedDrugs: [...unmapped], summary };
  } catch (error) {
    const detail: TImportJobError =
      error instanceof ImportError
        ? { file: error.file, line: error.line ?? null, record: error.record ?? null, field: error.field, message: error.reason }
        : { file: fileName, line: null, record: null, field: null, message: error instanceof Error ? error.message : String(error) };
    // Nothing of the file was kept (the transaction rolled back): the job says so.
    await prisma.importJob.update({
      where: { id: job.id },
      data: { status: "failed", finishedAt: new Date(), read: counts.read, rejected: counts.rejected, errors: [detail] },
    });
    throw error;
  }
}

/** The job this import runs under: the caller's queued one (now running), or a new one. */
async function startJob(input: TImportInput, fileName: string, options: TImportOptions): Promise<{ id: string; format: TImportFormat }> {
  const prisma = getPrisma();
  const settings = { fileName, status: "running" as const, skipInvalid: options.skipInvalid ?? false, actor: options.actor ?? null };
  if (!options.jobId) {
    // An input that is no known format fails here, before a job exists for it.
    const format = options.format ?? (await detectFormat(input));
    return prisma.importJob.create({ data: { format, ...settings }, select: { id: true, format: true } });
  }
  const jobId = options.jobId;
  try {
    const format = options.format ?? (await detectFormat(input));
    // startedAt moves from the time it was queued to the time it starts running.
    return await prisma.importJob.update({ where: { id: jobId }, data: { format, ...settings, startedAt: new Date() }, select: { id: true, format: true } });
  } catch (error) {
    // The caller's job exists already: it must not stay queued forever.
    const message = error instanceof Error ? error.message : String(error);
    await prisma.importJob.updateMany({ where: { id: jobId }, data: { status: "failed", finishedAt: new Date(), errors: [{ file: fileName, line: null, record: null, field: "format", message }] } });
    throw error;
  }
}

function jobCounts(c: TImportCounts) {
  return { read: c.read, imported: c.imported, updated: c.updated, skipped: c.skipped, rejected: c.rejected };
}
