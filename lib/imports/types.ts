// The contract between the import parsers (pure, streaming, no database) and the transactional
// writer: every parser is an async generator of TParsedRecord, ending with one summary record.
import type { TCaseInput } from "@/lib/domain/case-schema";
import type { AgeBand, DrugClass, Sex } from "@/lib/domain/vocabulary";

export const IMPORT_FORMATS = ["csv", "faers", "openfda", "e2b", "exposure"] as const;
export type TImportFormat = (typeof IMPORT_FORMATS)[number];

/** Where a record came from: the file inside the import, its first line, and/or its ordinal. */
export type TRecordRef = { file: string; line?: number; record?: number };

/** One NMS report, mapped to the case schema. */
export type TCaseRecord = {
  kind: "case";
  ref: TRecordRef;
  /**
   * ZCaseInput's OUTPUT (validated, defaults applied; a TCaseInputRaw too): the writer need not
   * parse it again. source is csv|faers|openfda|e2b; drug names are verbatim (the writer maps
   * them to the catalogue again).
   */
  case: TCaseInput;
  /** Drug names on the case that the normaliser could not map to the catalogue. */
  unmappedDrugNames: string[];
};

/** A record skipped in skip-invalid mode; `field` names the column / element at fault. */
export type TRejectRecord = { kind: "reject"; ref: TRecordRef; field: string; reason: string };

/**
 * Report cases per drug over ALL events in the file (a report listing a drug twice counts once;
 * attributing roles only), and how many of those are NMS reports — the disproportionality margins.
 */
export type TBackgroundRecord = {
  kind: "background";
  /** The catalogue name when the normaliser maps the drug, else the raw name upper-cased. */
  drugName: string;
  catalogueName: string | null;
  reports: number;
  nmsReports: number;
};

/**
 * Report cases of one sex and age-band stratum: the stratum's total (drugName and drugClass null),
 * or those naming a catalogue drug or a class — the stratified margins (docs/signals.md, "Strata").
 */
export type TBackgroundStratumCount = {
  sex: Sex;
  ageBand: AgeBand;
  drugName: string | null;
  drugClass: DrugClass | null;
  reports: number;
  nmsReports: number;
};

/** Report cases naming at least one drug of a class (once per class), and how many are NMS reports. */
export type TBackgroundClassCount = { drugClass: DrugClass; reports: number; nmsReports: number };

/**
 * Always the last record. Counts are rows/elements read (not deduplicated) except nmsCases
 * (case records yielded) and totalReports (reports in the background denominator: not
 * deleted, of any event). deletedIds are the source ids the source says to delete (FAERS DELETE list).
 */
export type TSummaryRecord = {
  kind: "summary";
  reportsRead: number;
  drugsRead: number;
  reactionsRead: number;
  outcomesRead: number;
  nmsCases: number;
  totalReports: number;
  /** NMS reports in the background denominator (totalReports' NMS reports); nmsCases when absent. */
  nmsReports?: number;
  /** "cases" when the background counts are per case (latest version) with attributing roles only. */
  tally?: "cases";
  /** Report cases per drug class (a case once per class), when the parser tallied them. */
  backgroundClasses?: TBackgroundClassCount[];
  /** Per sex and age-band stratum, when the parser knew each report's stratum. */
  backgroundStrata?: TBackgroundStratumCount[];
  deletedIds: string[];
  /** Rows read per table file (FAERS only), e.g. { THER: 142 } — for conformance checks. */
  tableRows?: Record<string, number>;
};

export type TParsedRecord = TCaseRecord | TRejectRecord | TBackgroundRecord | TSummaryRecord;

/** The shape of lib/domain/drug-name-normaliser's answer that the parsers rely on. */
export type TNormalisedDrug = {
  drug: { name: string; drugClass: DrugClass };
  formulation: "depot" | "oral" | null;
  matchedBy: string;
} | null;
export type TNormalise = (raw: string) => TNormalisedDrug;

/**
 * What a parser reads. A path (file, or for FAERS a folder or .zip), bytes already in memory,
 * or a byte stream (e.g. an HTTP upload). FAERS ZIPs need random access: path or bytes only.
 */
export type TImportInput = string | { name: string; bytes: Uint8Array } | { name: string; stream: AsyncIterable<Uint8Array> };

export type TParseOptions = {
  /** Record-level problems become reject records instead of throwing. File-level ones always throw. */
  skipInvalid?: boolean;
  /**
   * How a case missing one of the minimum criteria (lib/domain/case-validity.ts) ends: a record
   * error naming the field ("reject") or a draft ("draft"). The import writer always says; a parser
   * run alone (its tests) maps without the check.
   */
  minimumCriteria?: "reject" | "draft";
  /** Drug-name normaliser; defaults to lib/domain/drug-name-normaliser. Tests inject a stub. */
  normalise?: TNormalise;
  /**
   * Which reactions make a report a case (MedDRA PT text and, for E2B R3, the MedDRA code).
   * Defaults to NMS; conformance tests point it at a PT that real sample data contains.
   */
  isCaseReaction?: (pt: string, meddraCode?: string) => boolean;
};
