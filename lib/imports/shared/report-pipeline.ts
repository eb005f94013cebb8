// The common tail of every report-at-a-time format (openFDA JSON, E2B R2 and R3 XML): count
// what was read, tally background counts per drug, turn NMS reports into validated cases,
// refuse a report id seen twice, and end with the summary. Formats only say how to read one.
import type { TCaseInputRaw } from "@/lib/domain/case-schema";
import { finishCase, normaliserOf, recordError, rejectOrThrow } from "../errors";
import type { TParseOptions, TParsedRecord, TRecordRef } from "../types";
import type { DrugRole } from "@/lib/domain/vocabulary";
import { BackgroundTally } from "./background-tally";
import { attributesInBackground } from "./withdrawal-role";
import { detach } from "./text-stream";

/** What a format extracts from one report; `toCase` runs only for case reports. */
export type TReadReport = {
  id: string;
  /** Where the id comes from, for the duplicate-id error (default "safetyreportid"). */
  idField?: string;
  /** Per drug, the names it is given, most specific first (for the background tally). */
  drugNames: string[][];
  /**
   * Per drug (same order), its reported role and whether the report says it was stopped or
   * reduced — for the background's role set (docs/signals.md). Without it every drug counts.
   */
  drugFacts?: { role: DrugRole | null; withdrawnOrReduced: boolean }[];
  /** The patient's sex and age-band stratum code (background-stratum.ts); without it the file has no stratified counts. */
  stratum?: number;
  reactions: number;
  outcomes: number;
  isCase: boolean;
  toCase(): TCaseInputRaw;
};
export type TSourceReport = { ref: TRecordRef; read(): TReadReport };

export async function* reportsToRecords(reports: AsyncIterable<TSourceReport>, options: TParseOptions): AsyncGenerator<TParsedRecord> {
  const normalise = normaliserOf(options);
  const tally = new BackgroundTally(normalise);
  const counts = { reportsRead: 0, drugsRead: 0, reactionsRead: 0, outcomesRead: 0, nmsCases: 0 };
  // Only case reports are remembered: a duplicate among them would double-count a case.
  const caseIds = new Map<string, TRecordRef>();
  // A format that cannot say each drug's role counts every drug: not the case-level role set.
  let everyRole = false;
  // Stratified counts only when every report says its stratum (else they would not add up).
  let everyStratum = true;
  for await (const source of reports) {
    counts.reportsRead++;
    try {
      const report = source.read();
      counts.drugsRead += report.drugNames.length;
      counts.reactionsRead += report.reactions;
      counts.outcomesRead += report.outcomes;
      // Each report arrives whole, so its drug rows are grouped: the run-based tally is exact.
      const facts = report.drugFacts;
      if (!facts) everyRole = true;
      if (report.stratum === undefined) everyStratum = false;
      else tally.addToStratumTotal(report.stratum, 1, report.isCase ? 1 : 0);
      report.drugNames.forEach((names, i) => {
        const fact = facts?.[i];
        tally.add(
          report.id,
          names,
          report.isCase,
          fact ? (drug) => attributesInBackground(fact.role, fact.withdrawnOrReduced, drug) : undefined,
          report.stratum,
        );
      });
      if (!report.isCase) continue;
      const first = caseIds.get(report.id);
      if (first) {
        const where = first.line !== undefined ? `line ${first.line}` : `record ${first.record ?? "?"}`;
        throw recordError(source.ref, report.idField ?? "safetyreportid", `"${report.id}" already appears at ${where}`);
      }
      caseIds.set(detach(report.id), source.ref);
      yield finishCase(report.toCase(), source.ref, normalise, undefined, options);
      counts.nmsCases++;
    } catch (error) {
      yield rejectOrThrow(error, options);
    }
  }
  yield* tally.records();
  yield {
    kind: "summary",
    ...counts,
    totalReports: counts.reportsRead,
    ...(everyRole ? {} : { tally: "cases" as const }),
    backgroundClasses: tally.classCounts(),
    backgroundStrata: everyStratum && !everyRole ? tally.stratumCounts() : [],
    deletedIds: [],
  };
}
