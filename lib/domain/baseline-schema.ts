// The baseline an administrator writes (POST/PATCH /api/v1/baselines, the /baselines page): every
// field of lib/domain/baselines.ts, a citation required, and the figures consistent with how the
// source states them (docs/epidemiology.md).
import { z } from "zod";
import { BASELINE_DESIGNS, BASELINE_METRICS, BASELINE_SETTINGS, BASELINE_STATEMENTS } from "./baselines";
import { DRUG_CLASSES } from "./vocabulary";

const PROPORTION_METRICS = new Set(["case_fatality", "incidence_proportion", "male_share", "eeg_slowing_share"]);
const figure = z.number().finite().nonnegative().nullable();
const year = z.number().int().min(1900).max(2100).nullable();
const text = (max: number) => z.string().trim().min(1).max(max);

export const ZBaselineFields = z.object({
  metric: z.enum(BASELINE_METRICS),
  value: figure,
  low: figure,
  high: figure,
  unit: text(200),
  population: text(500),
  period: text(200),
  citation: z
    .string()
    .trim()
    .min(20, "a citation is required: authors, title, journal, year and a DOI or PMID")
    .max(1000)
    .regex(/\b(19|20)\d{2}\b/, "the citation must give the year of publication"),
  quote: z.string().trim().max(2000).nullable(),
  setting: z.enum(BASELINE_SETTINGS),
  drugClass: z.enum(DRUG_CLASSES).nullable(),
  periodStart: year,
  periodEnd: year,
  design: z.enum(BASELINE_DESIGNS),
  statement: z.enum(BASELINE_STATEMENTS),
  via: z.string().trim().max(500).nullable(),
  checked: text(2000),
});

type TFields = z.infer<typeof ZBaselineFields>;

/** Figures that fit their statement, proportions in [0, 1], ordered ranges and periods. */
function consistent(b: TFields, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if ((b.statement === "point" || b.statement === "about") && b.value === null) issue("value", `a ${b.statement} figure needs a value`);
  if (b.statement === "range" && (b.low === null || b.high === null)) issue("low", "a range needs low and high");
  if (b.statement === "at_most" && b.high === null) issue("high", "an upper bound needs high");
  if (b.statement === "at_least" && b.low === null) issue("low", "a lower bound needs low");
  if (PROPORTION_METRICS.has(b.metric))
    for (const key of ["value", "low", "high"] as const)
      if ((b[key] ?? 0) > 1) issue(key, "a proportion is a fraction in [0, 1] (0.1, not 10)");
  if (b.low !== null && b.high !== null && b.low > b.high) issue("low", "low must not exceed high");
  if (b.periodStart !== null && b.periodEnd !== null && b.periodStart > b.periodEnd)
    issue("periodStart", "the period must start before it ends");
  if (b.periodStart === null && b.periodEnd === null) issue("periodEnd", "give the period's first or last year: comparisons match periods");
}

export const ZBaselineCreate = ZBaselineFields.extend({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{2,99}$/, "lower-case letters, digits, dots and hyphens (3–100)"),
})
  .strict()
  .superRefine(consistent);
export type TBaselineCreate = z.infer<typeof ZBaselineCreate>;

export const ZBaselinePatch = ZBaselineFields.partial().strict();
export type TBaselinePatch = z.infer<typeof ZBaselinePatch>;

/** The patched baseline must still be consistent. */
export const ZBaselineMerged = ZBaselineFields.superRefine(consistent);
