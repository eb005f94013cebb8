// FAERS quarterly ASCII import (current FAERS and legacy AERS layouts), from a folder or ZIP.
// The tables are joined on the report id in passes so that memory holds only NMS reports and
// one counter per drug, never a whole table:
//   1. REAC: which reports carry the NMS PT (a small set);
//   2. DELETE list (caseids FDA withdrew), then DEMO: the latest version of each NMS case;
//   3. DRUG: background counts over every case (its latest version; attributing roles only —
//      docs/signals.md), and the drug rows of the kept reports;
//   4. REAC again, OUTC, THER, INDI (and RPSR, counted only): rows of the kept reports.
import { dottedPath, fileError, finishCase, normaliserOf, recordError, rejectOrThrow } from "../errors";
import { isNmsReaction } from "../shared/nms-term";
import type { TImportInput, TParseOptions, TParsedRecord, TRejectRecord } from "../types";
import { detach, readLines } from "../shared/text-stream";
import { BackgroundTally, OrderWatch, type TDrugKey } from "../shared/background-tally";
import { AGE_UNITS, ROLES, SEX_CODES } from "./codes";
import { stratumOfCodes } from "../shared/background-stratum";
import { LatestVersions } from "./latest-versions";
import { attributesInBackground } from "../shared/withdrawal-role";
import { buildFaersCase, type TFaersReport } from "./case-builder";
import { LAYOUTS, layoutOf, type TFaersLayoutName } from "./layouts";
import { openFaersSource, readDeleteList, readTable, splitHeader, type FaersRow, type TFaersSource, type TFaersTable } from "./tables";

const quiet = () => undefined; // problems are reported by each table's first pass only

/** Case-schema problems named by the DEMO column they come from (the case's ref is its DEMO row). */
const DEMO_COLUMN: Readonly<Record<string, string>> = {
  onsetDate: "event_dt",
  receivedDate: "fda_dt",
  ageYears: "age",
  weightKg: "wt",
  country: "occr_country",
  reporterType: "occp_cod",
  sex: "sex",
  drugs: "DRUG",
};
const faersField = (path: readonly PropertyKey[]) => DEMO_COLUMN[String(path[0])] ?? dottedPath(path);

async function layoutOfSource(source: TFaersSource): Promise<TFaersLayoutName> {
  const file = source.fileOf("DEMO") ?? "DEMO";
  for await (const { text } of readLines(source.open("DEMO"), file)) {
    const layout = layoutOf(splitHeader(text, file));
    if (!layout) throw fileError({ file, line: 1 }, "primaryid", "DEMO has neither primaryid (FAERS) nor isr (legacy AERS)");
    return layout;
  }
  throw fileError({ file, line: 1 }, "header", "the table is empty");
}

/**
 * The report's version. FAERS: caseversion. Legacy AERS has no counter: an initial report
 * (i_f_cod I) is version 1, a follow-up is foll_seq + 1 (2 when foll_seq is blank).
 */
function versionOf(row: FaersRow, layout: TFaersLayoutName, file: string): number {
  const where = { file, line: row.line };
  if (layout === "faers") {
    const version = Number(row.get("version"));
    if (!/^\d+$/.test(row.get("version")) || version < 1) {
      throw recordError(where, row.columnOf("version"), `"${row.get("version")}" is not a version number`);
    }
    return version;
  }
  const code = row.get("initialOrFollowUp").toUpperCase();
  if (code === "I" || code === "") return 1;
  if (code !== "F") throw recordError(where, row.columnOf("initialOrFollowUp"), `unknown initial/follow-up code "${code}"`);
  const seq = Number(row.get("followUpSeq"));
  return row.get("followUpSeq") && Number.isInteger(seq) ? seq + 1 : 2;
}

/** A version for the background's latest-version choice; a bad one counts as 0 (NMS rows report it). */
function lenientVersion(row: FaersRow, layout: TFaersLayoutName): number {
  try {
    return versionOf(row, layout, "");
  } catch {
    return 0;
  }
}

/**
 * Whether a DRUG row is one of its report's causes (lib/cases/drug-attribution.ts): role PS/SS
 * (suspect) or I (interacting), or a dopaminergic agent the report says was withdrawn or reduced
 * (dechallenge Y/N, lib/imports/shared/withdrawal-role.ts); an NMS treatment only when withdrawn.
 * An unknown role code counts as no cause (the case import reports it on NMS rows).
 */
function attributes(row: FaersRow, drug: TDrugKey): boolean {
  const dechal = row.get("dechal").trim().toUpperCase();
  return attributesInBackground(ROLES[row.get("role").trim().toUpperCase()] ?? null, dechal === "Y" || dechal === "N", drug);
}

export async function* parseFaers(input: TImportInput, options: TParseOptions = {}): AsyncGenerator<TParsedRecord> {
  const source = await openFaersSource(input);
  try {
    yield* parseQuarter(source, options);
  } finally {
    source.close();
  }
}

async function* parseQuarter(source: TFaersSource, options: TParseOptions): AsyncGenerator<TParsedRecord> {
  const normalise = normaliserOf(options);
  const isCase = options.isCaseReaction ?? isNmsReaction;
  const layout = await layoutOfSource(source);
  const spec = LAYOUTS[layout];
  const fileOf = (table: TFaersTable) => source.fileOf(table) ?? table;
  const rejects: TRejectRecord[] = [];
  const onProblem = (error: unknown) => void rejects.push(rejectOrThrow(error, options));
  const rows = (table: Exclude<TFaersTable, "DELETE">, report = onProblem) => readTable(source, table, spec[table] ?? {}, report);
  const tableRows: Record<string, number> = {};
  const count = (table: string) => (tableRows[table] = (tableRows[table] ?? 0) + 1);

  // 1. Reports with the NMS PT.
  const nmsIds = new Set<string>();
  const nmsCaseIds = new Set<string>();
  let reacHasCaseId = false;
  for await (const row of rows("REAC")) {
    count("REAC");
    reacHasCaseId = row.has("caseId");
    if (!isCase(row.get("pt"))) continue;
    nmsIds.add(detach(row.get("id")));
    if (reacHasCaseId) nmsCaseIds.add(detach(row.get("caseId")));
  }
  yield* rejects.splice(0);

  // 2. Deleted cases; the latest DEMO version of each NMS case.
  const deleted = new Set<string>();
  for await (const id of readDeleteList(source)) {
    count("DELETE");
    deleted.add(detach(id));
  }
  if (!reacHasCaseId && nmsIds.size) {
    for await (const row of rows("DEMO", quiet)) if (nmsIds.has(row.get("id"))) nmsCaseIds.add(detach(row.get("caseId")));
  }
  const cases = new LatestVersions();
  const latest = new Map<string, { row: FaersRow; version: number }>();
  // Duplicate report ids are looked for among NMS cases' rows only: elsewhere they change no
  // case, and remembering every id of a quarter would make memory grow with the file.
  const nmsCaseRows = new Set<string>();
  for await (const row of rows("DEMO")) {
    count("DEMO");
    const caseId = row.get("caseId");
    if (!deleted.has(caseId)) {
      const stratum = stratumOfCodes(row.get("sex"), row.get("age"), row.get("ageUnit"), SEX_CODES, AGE_UNITS);
      cases.see(caseId, row.get("id"), lenientVersion(row, layout), stratum);
    }
    if (!nmsCaseIds.has(caseId)) continue;
    try {
      const id = row.get("id");
      if (nmsCaseRows.has(id))
        throw recordError({ file: fileOf("DEMO"), line: row.line }, row.columnOf("id"), `duplicate report id "${id}"`);
      nmsCaseRows.add(detach(id));
      const version = versionOf(row, layout, fileOf("DEMO"));
      const best = latest.get(caseId);
      // Latest = highest version; ties (and legacy AERS) → the higher report id, FDA's later one.
      const later = !best || version > best.version || (version === best.version && Number(id) > Number(best.row.get("id")));
      if (later) latest.set(caseId, { row: row.detach(), version });
    } catch (error) {
      onProblem(error);
    }
  }
  yield* rejects.splice(0);
  cases.seal();
  const totalReports = cases.size;
  let nmsReports = 0;
  for (const id of nmsIds) if (cases.isLatest(id)) nmsReports++;
  const kept = new Map<string, TFaersReport>();
  for (const [caseId, { row, version }] of latest) {
    // A follow-up that no longer codes NMS withdraws the case: the latest version decides.
    if (deleted.has(caseId) || !nmsIds.has(row.get("id"))) continue;
    kept.set(row.get("id"), { caseId, version, demo: row, drugs: [], therapies: [], outcomes: [], reactions: [], indications: [] });
  }

  // 3. Background counts over every report (crude and per sex/age-band stratum of the case's
  // latest version); drug rows of the kept reports.
  const stratumTotals = (into: BackgroundTally) => {
    const nmsByStratum = new Map<number, number>();
    for (const id of nmsIds) {
      const stratum = cases.stratumOf(id);
      if (stratum !== undefined) nmsByStratum.set(stratum, (nmsByStratum.get(stratum) ?? 0) + 1);
    }
    for (const [stratum, reports] of cases.countByStratum()) into.addToStratumTotal(stratum, reports, nmsByStratum.get(stratum) ?? 0);
  };
  let tally = new BackgroundTally(normalise);
  stratumTotals(tally);
  const order = new OrderWatch();
  // Deleted cases were never seen, so they are no case's latest version either.
  const addToTally = (row: FaersRow) => {
    const id = row.get("id");
    const stratum = cases.stratumOf(id);
    if (stratum !== undefined)
      tally.add(id, [row.get("name"), row.get("activeIngredient")], nmsIds.has(id), (drug) => attributes(row, drug), stratum);
  };
  for await (const row of rows("DRUG")) {
    count("DRUG");
    order.see(row.get("id"));
    addToTally(row);
    kept.get(row.get("id"))?.drugs.push(row.detach());
  }
  if (!order.grouped) {
    // Not sorted by report: the run-based count could count a report twice. Recount exactly.
    tally = new BackgroundTally(normalise, true);
    stratumTotals(tally);
    for await (const row of rows("DRUG", quiet)) addToTally(row);
  }
  yield* rejects.splice(0);

  // 4. The kept reports' other rows.
  for await (const row of rows("REAC", quiet)) kept.get(row.get("id"))?.reactions.push(detach(row.get("pt")));
  const optional = (["OUTC", "THER", "INDI", "RPSR"] as const).filter((t) => source.fileOf(t));
  for (const table of optional) {
    for await (const row of rows(table)) {
      count(table);
      const report = kept.get(row.get("id"));
      if (!report) continue;
      if (table === "OUTC") report.outcomes.push(row.detach());
      else if (table === "THER") report.therapies.push(row.detach());
      else if (table === "INDI") report.indications.push(detach(row.get("pt")));
    }
    yield* rejects.splice(0);
  }

  let nmsCases = 0;
  const files = { DEMO: fileOf("DEMO"), DRUG: fileOf("DRUG"), THER: fileOf("THER"), OUTC: fileOf("OUTC") };
  for (const report of kept.values()) {
    try {
      yield finishCase(
        buildFaersCase(report, files, normalise),
        { file: files.DEMO, line: report.demo.line },
        normalise,
        faersField,
        options,
      );
      nmsCases++;
    } catch (error) {
      yield rejectOrThrow(error, options);
    }
  }
  yield* tally.records();
  yield {
    kind: "summary",
    reportsRead: tableRows.DEMO ?? 0,
    drugsRead: tableRows.DRUG ?? 0,
    reactionsRead: tableRows.REAC ?? 0,
    outcomesRead: tableRows.OUTC ?? 0,
    nmsCases,
    totalReports,
    nmsReports,
    tally: "cases",
    backgroundClasses: tally.classCounts(),
    backgroundStrata: tally.stratumCounts(),
    deletedIds: [...deleted],
    tableRows,
  };
}
