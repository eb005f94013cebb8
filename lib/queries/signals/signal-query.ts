// The signals query (`GET /api/v1/signals`), parsed once from the URL for the route and
// the page alike: source, quarter range, an optional drug or class in focus, the thresholds and
// the strata of the adjusted (Mantel–Haenszel) estimates.
import { z } from "zod";
import { validationError } from "@/lib/errors";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import { CASE_SOURCES, DRUG_CLASSES } from "@/lib/domain/vocabulary";
import { paramsObject } from "@/lib/domain/search-params";
import { DEFAULT_SIGNAL_THRESHOLDS, type SignalThresholds } from "@/lib/stats/disproportionality";

/** What the adjusted estimates may be stratified by (docs/signals.md, "Strata"). */
export const STRATUM_DIMENSIONS = ["period", "sex", "ageBand"] as const;
export type TStratumDimension = (typeof STRATUM_DIMENSIONS)[number];

/** Sources whose imports write background counts; manual and CSV entry never do. */
export const BACKGROUND_SOURCES = ["faers", "openfda", "e2b"] as const satisfies readonly (typeof CASE_SOURCES)[number][];
export type TBackgroundSource = (typeof BACKGROUND_SOURCES)[number];
export const DEFAULT_SIGNAL_SOURCE: TBackgroundSource = "faers";

const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;

/** A parameter that may appear once; a repeated one is named rather than half-used. */
const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    if (!Array.isArray(value)) return value;
    ctx.addIssue({ code: "custom", message: "must be given once" });
    return z.NEVER;
  }, schema);

/** "2017q2" reads as 2017Q2, so quarter keys compare as text in SQL and in code. */
const ZQuarter = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .pipe(z.string().regex(/^\d{4}Q[1-4]$/, "must be a quarter such as 2017Q1"));

const number = (check: (n: number) => boolean, rule: string) =>
  single(
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, `must be a number (${rule})`)
      .transform(Number)
      .refine(check, rule)
      .optional(),
  );

export const ZSignalQuery = z
  .object({
    source: single(z.enum(BACKGROUND_SOURCES, { error: oneOf(BACKGROUND_SOURCES) }).default(DEFAULT_SIGNAL_SOURCE)),
    from: single(ZQuarter.optional()),
    to: single(ZQuarter.optional()),
    drug: single(
      z
        .string()
        .transform((value) => value.trim().toLowerCase())
        .refine((value) => catalogueDrugByName(value) !== undefined, "must be a catalogue drug name (INN, e.g. haloperidol)")
        .optional(),
    ),
    drugClass: single(z.enum(DRUG_CLASSES, { error: oneOf(DRUG_CLASSES) }).optional()),
    prr: number((n) => n > 0, "PRR threshold > 0"),
    chi2: number((n) => n >= 0, "χ² threshold ≥ 0"),
    minCases: number((n) => Number.isInteger(n) && n >= 0, "a whole number of cases ≥ 0"),
    ror: number((n) => n > 0, "ROR lower-limit threshold > 0"),
    ic025: number(Number.isFinite, "any IC025 threshold"),
    eb05: number((n) => n > 0, "EB05 threshold > 0"),
    strata: single(
      z
        .string()
        .transform((value) => [...new Set(value.split(",").map((v) => v.trim()))])
        .refine((list) => list.every((v) => (STRATUM_DIMENSIONS as readonly string[]).includes(v)), {
          message: `must be a comma-separated list of ${STRATUM_DIMENSIONS.join(", ")}`,
        })
        .transform((list) => STRATUM_DIMENSIONS.filter((d) => list.includes(d)))
        .optional(),
    ),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] })
  .refine((q) => !q.drug || !q.drugClass, { message: "give drug or drugClass, not both", path: ["drugClass"] })
  .transform((q) => ({
    source: q.source,
    from: q.from ?? null,
    to: q.to ?? null,
    focus: focusOf(q.drug, q.drugClass),
    thresholds: thresholdsOf(q),
    strata: q.strata ?? [...DEFAULT_STRATA],
  }));

/** Period strata unless asked otherwise (every period has them; sex and age band need stratified tallies). */
export const DEFAULT_STRATA: readonly TStratumDimension[] = ["period"];

export type TSignalQuery = z.output<typeof ZSignalQuery>;
export type TSignalFocus = { kind: "drug" | "class"; key: string };

function focusOf(drug: string | undefined, drugClass: string | undefined): TSignalFocus | null {
  if (drug) return { kind: "drug", key: drug };
  return drugClass ? { kind: "class", key: drugClass } : null;
}

/**
 * The published defaults, overridden parameter by parameter. `minCases` applies to every rule
 * when given: a user asking for "at least 5 cases" means it for each statistic, not PRR alone.
 */
function thresholdsOf(q: {
  prr?: number;
  chi2?: number;
  minCases?: number;
  ror?: number;
  ic025?: number;
  eb05?: number;
}): SignalThresholds {
  const d = DEFAULT_SIGNAL_THRESHOLDS;
  const cases = <T extends { casesAtLeast: number }>(rule: T): T =>
    q.minCases === undefined ? { ...rule } : { ...rule, casesAtLeast: q.minCases };
  return {
    prr: cases({ ...d.prr, estimateAtLeast: q.prr ?? d.prr.estimateAtLeast, chiSquareAtLeast: q.chi2 ?? d.prr.chiSquareAtLeast }),
    ror: cases({ ...d.ror, lowerAbove: q.ror ?? d.ror.lowerAbove }),
    ic: cases({ ...d.ic, lowerAbove: q.ic025 ?? d.ic.lowerAbove }),
    ebgm: cases({ ...d.ebgm, eb05AtLeast: q.eb05 ?? d.ebgm.eb05AtLeast }),
  };
}

/** URL search parameters → the normalised query, or a 400 AppError naming each bad parameter. */
export function parseSignalQuery(params: URLSearchParams | Record<string, string | string[]>): TSignalQuery {
  const parsed = ZSignalQuery.safeParse(params instanceof URLSearchParams ? paramsObject(params) : params);
  if (!parsed.success) throw validationError(parsed.error, "query");
  return parsed.data;
}
