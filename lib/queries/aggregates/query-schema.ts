// The one declarative aggregates query: dimension, optional cross-tab,
// filters and interval method, parsed once from the URL; every bad parameter is named.
import { z } from "zod";
import { validationError } from "@/lib/api/errors";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { AGE_BANDS, CASE_SOURCES, DRUG_CLASSES, OUTCOMES, SEXES } from "@/lib/domain/vocabulary";
import { ISO_DATE_PATTERN, isCalendarDate } from "@/lib/domain/calendar-date";

/** How duplicate reports are counted (docs/duplicates.md). */
export const DUPLICATE_COUNTING = ["confirmed", "suspected"] as const;

export const DIMENSIONS = ["drugClass", "drug", "sex", "ageBand", "outcome", "year", "country", "source"] as const;
export type TDimension = (typeof DIMENSIONS)[number];

/** Query dates may lie in the future (a range "to the end of this year"), unlike case dates. */
export const QUERY_DATE_MIN = "1900-01-01";
export const QUERY_DATE_MAX = "2100-12-31";
const CATALOGUE_NAMES = new Set(DRUG_CATALOGUE.map((drug) => drug.name));

const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;

/** A parameter that may appear at most once; a repeated one is named rather than half-used. */
const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    if (!Array.isArray(value)) return value;
    ctx.addIssue({ code: "custom", message: "must be given once" });
    return z.NEVER;
  }, schema);

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? "is required" : oneOf(values)) });

const ZQueryDate = z
  .string()
  .regex(ISO_DATE_PATTERN, "must be a date as YYYY-MM-DD")
  // Each check stands alone (zod runs them all): a malformed date is reported once, by the regex.
  .refine((value) => !ISO_DATE_PATTERN.test(value) || isCalendarDate(value), "is not a real calendar date")
  .refine((value) => !ISO_DATE_PATTERN.test(value) || (value >= QUERY_DATE_MIN && value <= QUERY_DATE_MAX), `must lie between ${QUERY_DATE_MIN} and ${QUERY_DATE_MAX}`);

/** A repeatable parameter's values: absent → [], once → [value], repeated → every value. */
export const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];

/**
 * A repeatable filter (`sex=male&sex=unknown` → IN list): each value normalised, checked against
 * the allowed set with the offending value in the message, then de-duplicated and sorted so the
 * same filter always reads the same (reproducible URLs and caches).
 */
function repeatable<T extends string>(isAllowed: (value: string) => value is T, expected: string, normalise = (value: string) => value) {
  return z
    .preprocess(asList, z.array(z.string()))
    .transform((values, ctx) => {
      const allowed = new Set<T>();
      for (const value of values.map(normalise)) {
        if (isAllowed(value)) allowed.add(value);
        else ctx.addIssue({ code: "custom", message: `has unknown value "${value}": ${expected}` });
      }
      return [...allowed].sort();
    });
}
const member = <T extends string>(values: readonly T[], normalise?: (value: string) => string) =>
  repeatable((v): v is T => (values as readonly string[]).includes(v), oneOf(values), normalise);

/** "65+" arrives as "65 " when a client forgets to encode the plus sign; it can only mean 65+. */
const normaliseAgeBand = (value: string) => (/^65[ +]?$/.test(value) ? "65+" : value.trim());

export const ZAggregateQuery = z
  .object({
    by: single(choice(DIMENSIONS)),
    then: single(choice(DIMENSIONS).optional()),
    from: single(ZQueryDate.optional()),
    to: single(ZQueryDate.optional()),
    drugClass: member(DRUG_CLASSES),
    drug: repeatable((v): v is string => CATALOGUE_NAMES.has(v), "must be a catalogue drug name (INN)", (v) => v.trim().toLowerCase()),
    sex: member(SEXES),
    ageBand: member(AGE_BANDS, normaliseAgeBand),
    outcome: member(OUTCOMES),
    country: repeatable((v): v is string => /^[A-Z]{2}$/.test(v) || v === "unknown", 'must be a two-letter ISO 3166 code or "unknown"', (v) =>
      v.trim().toLowerCase() === "unknown" ? "unknown" : v.trim().toUpperCase(),
    ),
    source: member(CASE_SOURCES),
    meetsConsensus: single(z.enum(["true", "false"], { error: "must be true or false" }).optional()),
    ci: single(choice(["wilson", "exact"] as const).default("wilson")),
    /** confirmed (default): confirmed duplicates count once; suspected: undecided suspected duplicates left out too. */
    duplicates: single(choice(DUPLICATE_COUNTING).default("confirmed")),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] })
  .refine((q) => q.then !== q.by, { message: "must differ from by", path: ["then"] })
  .transform((q) => ({
    by: q.by,
    then: q.then ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    drugClass: q.drugClass,
    drug: q.drug,
    sex: q.sex,
    ageBand: q.ageBand,
    outcome: q.outcome,
    country: q.country,
    source: q.source,
    meetsConsensus: q.meetsConsensus === undefined ? null : q.meetsConsensus === "true",
    ci: q.ci,
    // Only when asked for, so the default query reads (and is cached) as before.
    ...(q.duplicates === "suspected" ? { duplicates: "suspected" as const } : {}),
  }));

/** The normalised query: every key present, absent options null, filters as sorted arrays. */
export type TAggregateQuery = z.output<typeof ZAggregateQuery>;

/** The repeatable filters that name categories of a dimension of the same name. */
export const CATEGORY_FILTERS = ["drugClass", "drug", "sex", "ageBand", "outcome", "country", "source"] as const satisfies readonly TDimension[];

/**
 * URLSearchParams → a plain object, a repeated key as an array of its values. Kept here, not
 * imported from the line listing (which builds on this module), so the two never form a cycle.
 */
export function paramsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
}

/** URL search parameters → the normalised query, or a 400 ApiError naming each bad parameter. */
export function parseAggregateQuery(params: URLSearchParams): TAggregateQuery {
  const parsed = ZAggregateQuery.safeParse(paramsObject(params));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return parsed.data;
}
