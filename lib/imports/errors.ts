// How a parsed record ends: a validated case, a reject (skip-invalid mode) or a thrown
// ImportError naming file, line and field. Shared by every format so they fail alike.
import { normaliseDrugName } from "@/lib/domain/drug-name-normaliser";
import { ZCaseInput, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { toStorableText } from "@/lib/domain/storable-text";
import { ATTRIBUTING_ROLES } from "@/lib/domain/vocabulary";
import { missingCriteria } from "@/lib/domain/case-validity";
import type { TCaseRecord, TNormalise, TParseOptions, TRecordRef, TRejectRecord } from "./types";

/**
 * "file" problems (missing column, wrong delimiter, truncation, bad encoding) always abort the
 * import; "record" problems (one report's bad date or unknown code) may be skipped.
 */
export type TProblemLevel = "file" | "record";

export class ImportError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly record: number | undefined;
  readonly field: string;
  /** The problem alone, without the location prefix that `message` carries. */
  readonly reason: string;
  readonly level: TProblemLevel;

  constructor(where: TRecordRef & { field: string; level?: TProblemLevel }, reason: string) {
    const at = where.line !== undefined ? ` line ${where.line}` : where.record !== undefined ? ` record ${where.record}` : "";
    // Reasons quote the offending input, and the import job stores them (jsonb): a NUL or a lone
    // surrogate there would fail that write and leave the job "running" for ever.
    const [file, field, why] = [where.file, where.field, reason].map(toStorableText) as [string, string, string];
    super(`${file}${at}, ${field}: ${why}`);
    this.name = "ImportError";
    this.file = file;
    this.line = where.line;
    this.record = where.record;
    this.field = field;
    this.reason = why;
    this.level = where.level ?? "file";
  }
}

/** A problem confined to one record: skippable in skip-invalid mode. */
export function recordError(ref: TRecordRef, field: string, reason: string): ImportError {
  return new ImportError({ ...ref, field, level: "record" }, reason);
}

/** A problem with the file itself: always fatal. */
export function fileError(ref: TRecordRef, field: string, reason: string): ImportError {
  return new ImportError({ ...ref, field, level: "file" }, reason);
}

/** Turns a record-level ImportError into a reject when skipping; rethrows everything else. */
export function rejectOrThrow(error: unknown, options: TParseOptions): TRejectRecord {
  if (options.skipInvalid && error instanceof ImportError && error.level === "record") {
    const ref: TRecordRef = { file: error.file };
    if (error.line !== undefined) ref.line = error.line;
    if (error.record !== undefined) ref.record = error.record;
    return { kind: "reject", ref, field: error.field, reason: error.reason };
  }
  throw error;
}

export function normaliserOf(options: TParseOptions): TNormalise {
  return options.normalise ?? normaliseDrugName;
}

/** Default naming of a zod issue path: `drugs[1].startDate`. Formats pass their own (CSV columns). */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}

/**
 * Validates a mapped case with the one case schema (so an impossible date fails here, with its
 * line, not later in the writer), fills each drug's formulation from its name (a named depot form
 * wins; otherwise the source's own), flags the depot risk factor, and lists the names the
 * catalogue does not know. A case that misses one of the minimum criteria (lib/domain/case-validity.ts)
 * is a record error naming the field, or a draft, as `policy` says (docs/case-processing.md); an
 * empty onset date in a source file states the onset unknown. Takes ownership of `raw` and fills it in place: spreading it into a
 * new object doubles zod's validation time, which dominates a large CSV import.
 */
export function finishCase(
  raw: TCaseInputRaw,
  ref: TRecordRef,
  normalise: TNormalise,
  fieldName: (path: readonly PropertyKey[]) => string = dottedPath,
  policy: Pick<TParseOptions, "minimumCriteria"> & {
    /** The canonical CSV states drug forms (its JSON drug form) and depot_formulation as the API does: kept as stated. */
    formulationAsStated?: boolean;
  } = {},
): TCaseRecord {
  const matches = new Map<string, ReturnType<TNormalise>>();
  const match = (name: string) => {
    if (!matches.has(name)) matches.set(name, normalise(name));
    return matches.get(name) ?? null;
  };
  const drugs = raw.drugs ?? [];
  let depot = false;
  for (const drug of drugs) {
    // A depot form named by the catalogue (haloperidol decanoate) beats a generic route or form.
    const named = match(drug.name)?.formulation ?? null;
    const stated = policy.formulationAsStated ? (drug.formulation ?? null) : null;
    drug.formulation = stated ?? (named === "depot" ? named : (drug.formulation ?? named));
    depot ||= drug.formulation === "depot" && ATTRIBUTING_ROLES.includes(drug.role);
  }
  // Only a positive finding: an oral suspect does not prove no depot agent was given. A canonical
  // CSV with a depot_formulation column states it (empty: unknown), as the form does.
  if (!policy.formulationAsStated || raw.depotFormulation === undefined) raw.depotFormulation ??= depot ? true : null;
  raw.onsetUnknown ??= !raw.onsetDate;
  const parsed = ZCaseInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw recordError(ref, issue ? fieldName(issue.path) : "case", issue?.message ?? "is invalid");
  }
  const missing = policy.minimumCriteria ? missingCriteria(parsed.data) : [];
  if (missing.length > 0) {
    if (policy.minimumCriteria === "reject")
      throw recordError(
        ref,
        fieldName([missing[0]!.field]),
        `${missing.map((m) => m.message).join("; ")} (or import with --allow-drafts, on the upload page "import as a draft")`,
      );
    parsed.data.status = "draft";
  }
  const unmapped = [...new Set(drugs.map((d) => d.name.trim()))].filter((name) => match(name) === null);
  return { kind: "case", ref, case: parsed.data, unmappedDrugNames: unmapped };
}
