// The one declarative aggregates query: dimension, optional cross-tab,
// filters and interval method, parsed once from the URL; every bad parameter is named.
import { z } from "zod";
import { validationError } from "@/lib/errors";
import { ISO_DATE_PATTERN, isCalendarDate } from "@/lib/domain/calendar-date";
import { paramsObject } from "@/lib/domain/search-params";
import {
  DESCRIPTORS,
  DIMENSIONS,
  FILTER_KEYS,
  type TDimension,
  type TFilterCodec,
  type TFilterKey,
  type TFilterValue,
} from "./descriptors";

/** How duplicate reports are counted (docs/duplicates.md). */
export const DUPLICATE_COUNTING = ["confirmed", "suspected"] as const;

export { DIMENSIONS, FILTER_KEYS, type TDimension, type TFilterKey };

/** Query dates may lie in the future (a range "to the end of this year"), unlike case dates. */
export const QUERY_DATE_MIN = "1900-01-01";
export const QUERY_DATE_MAX = "2100-12-31";

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

/** A query's date bound (the line listing takes the same). */
export const ZQueryDate = z
  .string()
  .regex(ISO_DATE_PATTERN, "must be a date as YYYY-MM-DD")
  // Each check stands alone (zod runs them all): a malformed date is reported once, by the regex.
  .refine((value) => !ISO_DATE_PATTERN.test(value) || isCalendarDate(value), "is not a real calendar date")
  .refine(
    (value) => !ISO_DATE_PATTERN.test(value) || (value >= QUERY_DATE_MIN && value <= QUERY_DATE_MAX),
    `must lie between ${QUERY_DATE_MIN} and ${QUERY_DATE_MAX}`,
  );

/** A repeatable parameter's values: absent → [], once → [value], repeated → every value. */
export const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]);

/**
 * A repeatable filter (`sex=male&sex=unknown` → IN list) read by its descriptor's codec: each value
 * normalised, checked against the allowed set with the offending value in the message, then
 * de-duplicated and sorted so the same filter always reads the same (reproducible URLs and caches).
 */
function repeatable<V extends string>(codec: TFilterCodec<V>) {
  return z.preprocess(asList, z.array(z.string())).transform((values, ctx) => {
    const allowed = new Set<V>();
    for (const value of values.map(codec.normalise)) {
      if (codec.allows(value)) allowed.add(value);
      else ctx.addIssue({ code: "custom", message: `has unknown value "${value}": ${codec.expected}` });
    }
    return [...allowed].sort();
  });
}

/** Every repeatable filter's schema, one per descriptor with a filter (the line listing uses them too). */
export const FILTER_SHAPE = Object.fromEntries(
  FILTER_KEYS.map((key) => [key, repeatable(DESCRIPTORS[key].filter as TFilterCodec<string>)]),
) as unknown as { [K in TFilterKey]: z.ZodType<TFilterValue<K>[], unknown> };

/** The filters' values out of a parsed object that holds them (and maybe more). */
export const pickFilters = <T extends { [K in TFilterKey]: TFilterValue<K>[] }>(values: T): { [K in TFilterKey]: TFilterValue<K>[] } =>
  Object.fromEntries(FILTER_KEYS.map((key) => [key, values[key]])) as { [K in TFilterKey]: TFilterValue<K>[] };

export const ZAggregateQuery = z
  .object({
    by: single(choice(DIMENSIONS)),
    then: single(choice(DIMENSIONS).optional()),
    from: single(ZQueryDate.optional()),
    to: single(ZQueryDate.optional()),
    ...FILTER_SHAPE,
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
    ...pickFilters(q),
    meetsConsensus: q.meetsConsensus === undefined ? null : q.meetsConsensus === "true",
    ci: q.ci,
    // Only when asked for, so the default query reads (and is cached) as before.
    ...(q.duplicates === "suspected" ? { duplicates: "suspected" as const } : {}),
  }));

/** The normalised query: every key present, absent options null, filters as sorted arrays. */
export type TAggregateQuery = z.output<typeof ZAggregateQuery>;

/** The filter parameters (everything but `by`, `then`, `ci` and `duplicates`) the line listing shares. */
export const LISTING_FILTER_PARAMS = ["from", "to", ...FILTER_KEYS, "meetsConsensus"] as const;
/** Every parameter of the query but the dimensions: what the dashboard's URL carries. */
export const QUERY_FILTER_PARAMS = [...LISTING_FILTER_PARAMS, "ci", "duplicates"] as const;

/** URL search parameters → the normalised query, or a 400 AppError naming each bad parameter. */
export function parseAggregateQuery(params: URLSearchParams): TAggregateQuery {
  const parsed = ZAggregateQuery.safeParse(paramsObject(params));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return parsed.data;
}
