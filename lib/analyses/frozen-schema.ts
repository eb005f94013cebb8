// The stored form of a frozen result, checked by zod every time it is read: a frozen answer that
// fails (a hand-edited row, a truncated write) is reported with the failing fields, never
// recomputed in its place. The stored JSON text itself is what exports re-serialise, so a frozen
// export is the original export byte for byte (apart from its timestamp).
import { z } from "zod";
import { AppError, zodIssues } from "@/lib/errors";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";

const count = z.number().int().nonnegative();
const nullableCount = count.nullable();
const finite = z.number();

const ZInterval = z.object({ estimate: finite, lower: finite, upper: finite, method: z.enum(["wilson", "exact"]) }).strict();

const ZComparison = z.looseObject({
  baseline: z.string(),
  metric: z.string(),
  value: finite.nullable(),
  pValue: finite.nullable(),
  verdict: z.enum(["above", "consistent", "below", "not_comparable"]),
  citation: z.string(),
});

const ZRate = z.looseObject({
  kind: z.enum(["reporting_rate", "incidence"]),
  per100kPersonYears: finite,
  lower: finite,
  upper: finite,
  method: z.literal("exact_poisson"),
  cases: count,
  undated: count,
  personYears: finite,
  exposureSources: z.array(z.looseObject({ source: z.string(), synthetic: z.boolean() })),
});

const ZFigures = z.object({
  cases: nullableCount,
  fatal: nullableCount,
  knownOutcome: nullableCount,
  caseFatality: ZInterval.nullable(),
  share: ZInterval.nullable(),
  comparisons: z.array(ZComparison),
  suppressed: z.boolean(),
  suppressedFields: z.array(z.enum(["cases", "fatal", "knownOutcome", "rate"])),
});

type TGroupShape = z.infer<typeof ZFigures> & { key: string; label: string; groups?: TGroupShape[] };
const ZGroup: z.ZodType<TGroupShape> = z.lazy(() =>
  ZFigures.extend({
    key: z.string(),
    label: z.string(),
    rate: ZRate.nullable(),
    rateReason: z.string().optional(),
    groups: z.array(ZGroup).optional(),
  }),
);

const ZDataVersion = z.object({ version: z.string().min(1), liveCases: count, lastCaseChange: z.string().nullable() }).strict();

const ZExportMetadata = z.looseObject({
  query: z.looseObject({ by: z.string(), then: z.string().nullable() }),
  queryString: z.string(),
  generatedAt: z.string(),
  dataVersion: ZDataVersion,
  appVersion: z.string(),
  suppression: z.looseObject({ applied: z.boolean(), threshold: z.number().int() }),
  rates: z.string(),
});

const ZFrozenExport = z.object({
  metadata: ZExportMetadata,
  total: ZFigures,
  groups: z.array(ZGroup),
  columns: z.array(ZGroup).nullable(),
});

const ZSignalInterval = z.looseObject({ estimate: finite.nullable(), lower: finite.nullable(), upper: finite.nullable() });
const ZSignalRow = z.looseObject({
  kind: z.enum(["drug", "class"]),
  key: z.string(),
  label: z.string(),
  a: nullableCount,
  drugReports: nullableCount,
  prr: ZSignalInterval,
  ror: ZSignalInterval,
  ic: ZSignalInterval,
  ebgm: ZSignalInterval,
});
const ZFrozenSignals = z.looseObject({
  query: z.looseObject({ source: z.string() }),
  periods: z.looseObject({ used: z.array(z.string()) }),
  totals: z.looseObject({ reports: nullableCount, nmsReports: nullableCount }),
  drugs: z.array(ZSignalRow),
  classes: z.array(ZSignalRow),
  notes: z.array(z.looseObject({ code: z.string(), message: z.string() })),
  dataVersion: z.string(),
});

/** Who the numbers were made for: staff exact, or a researcher's protected and suppressed answer. */
const ZAudience = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("staff") }).strict(),
  z.object({ kind: z.literal("researcher"), threshold: z.number().int().min(2) }).strict(),
]);

const common = {
  format: z.literal("nms-watch/frozen-analysis"),
  formatVersion: z.literal(1),
  /** The view's normalised query. */
  query: z.string(),
  frozenAt: z.string(),
  appVersion: z.string(),
  dataVersion: z.string(),
  audience: ZAudience,
};

const ZFrozenResult = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.enum(["dashboard", "export"]),
      ...common,
      /** One aggregates export per breakdown shown (a dashboard's panels; an export view has one). */
      sections: z.array(z.object({ key: z.string(), title: z.string(), export: ZFrozenExport }).strict()).min(1),
    })
    .strict(),
  z.object({ kind: z.literal("signals"), ...common, signals: ZFrozenSignals }).strict(),
]);

/** The stored form; its exports and reports keep the types the live code produces. */
export type TFrozenSection = { key: string; title: string; export: TAggregatesExport };
type TAudienceShape = z.infer<typeof ZAudience>;
type TCommon = { query: string; frozenAt: string; appVersion: string; dataVersion: string; audience: TAudienceShape };
export type TFrozenResult = { format: "nms-watch/frozen-analysis"; formatVersion: 1 } & TCommon &
  ({ kind: "dashboard" | "export"; sections: TFrozenSection[] } | { kind: "signals"; signals: TSignalReport });

/**
 * The stored text → the frozen result, or an AppError (409) naming every field that failed. The
 * parsed JSON itself is returned (zod only checks it), so key order — and so re-serialised
 * exports — stay exactly as stored.
 */
export function readFrozen(text: string, analysisId: string): TFrozenResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw frozenInvalid(analysisId, [{ path: "frozen", message: "is not valid JSON" }]);
  }
  const checked = ZFrozenResult.safeParse(raw);
  if (!checked.success)
    throw frozenInvalid(
      analysisId,
      zodIssues(checked.error).map((i) => ({ ...i, path: `frozen.${i.path}` })),
    );
  return raw as TFrozenResult;
}

function frozenInvalid(id: string, issues: { path: string; message: string }[]): AppError {
  const first = issues[0];
  return new AppError(
    "conflict",
    `The frozen result of saved analysis ${id} is damaged and cannot be shown (${first ? `${first.path} ${first.message}` : "invalid"}); it is not recomputed — save the view again to freeze today's numbers`,
    issues,
  );
}
