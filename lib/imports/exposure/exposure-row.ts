// The exposure CSV (docs/epidemiology.md): one row per stratum of person-years on a drug class or
// drug, validated with zod; and the overlap rule (two rows of one source counting the same people).
import { z } from "zod";
import { AGE_BANDS, DRUG_CLASSES } from "@/lib/domain/vocabulary";

export const EXPOSURE_COLUMNS = [
  "year",
  "country",
  "setting",
  "drug_class",
  "drug",
  "sex",
  "age_band",
  "person_years",
  "persons_exposed",
  "source",
] as const;
export const EXPOSURE_REQUIRED = ["year", "drug_class", "sex", "age_band", "person_years", "source"] as const;
export const EXPOSURE_SETTINGS = ["inpatient", "outpatient", "population", "unknown"] as const;
export const EXPOSURE_SEXES = ["male", "female", "all"] as const;
export const EXPOSURE_AGE_BANDS = [...AGE_BANDS.filter((b) => b !== "unknown"), "all"] as const;

const integer = (field: string) => z.string().trim().regex(/^\d+$/, `${field} must be a whole number`).transform(Number);

export const ZExposureRow = z.object({
  year: integer("year").pipe(z.number().int().min(1900, "year must be 1900 or later").max(2100, "year must be 2100 or earlier")),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, "country must be an ISO 3166-1 alpha-2 code (e.g. DE) or empty for all countries"),
  setting: z.preprocess(
    (v) => (v === "" ? "unknown" : v),
    z.enum(EXPOSURE_SETTINGS, { message: "setting must be inpatient, outpatient, population or unknown" }),
  ),
  drug_class: z.enum(DRUG_CLASSES, { message: `drug_class must be one of ${DRUG_CLASSES.join(", ")}` }),
  drug: z.string().trim(),
  sex: z.enum(EXPOSURE_SEXES, { message: "sex must be male, female or all" }),
  age_band: z.enum(EXPOSURE_AGE_BANDS, { message: `age_band must be one of ${EXPOSURE_AGE_BANDS.join(", ")}` }),
  person_years: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?([eE][+-]?\d+)?$/, "person_years must be a number")
    .transform(Number)
    .pipe(z.number().positive("person_years must be greater than 0").finite()),
  persons_exposed: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.union([z.null(), integer("persons_exposed")])),
  source: z.string().trim().min(1, "source must name the data (e.g. CMS Part D 2019)").max(200, "source must be at most 200 characters"),
});
export type TExposureRow = z.output<typeof ZExposureRow> & { line: number };

/** Two values overlap when equal or when either is the catch-all ("all" sex or age band, "" country). */
const overlaps = (a: string, b: string, all: string) => a === b || a === all || b === all;

/**
 * Two rows of one source count the same people when they share year, class, drug and setting and
 * their country, sex and age band overlap. A class-level row and a drug-level row are different
 * breakdowns (the drug's person-years are part of its class's), so they never overlap.
 */
export function rowsOverlap(a: TExposureRow, b: TExposureRow): boolean {
  return (
    a.source === b.source &&
    a.year === b.year &&
    a.drug_class === b.drug_class &&
    a.drug.toLowerCase() === b.drug.toLowerCase() &&
    a.setting === b.setting &&
    overlaps(a.country, b.country, "") &&
    overlaps(a.sex, b.sex, "all") &&
    overlaps(a.age_band, b.age_band, "all")
  );
}

/** The first pair of overlapping rows, in file order of the later one; null when none. O(n) per (source, year, class, drug, setting) bucket. */
export function findOverlap(rows: readonly TExposureRow[]): [TExposureRow, TExposureRow] | null {
  const buckets = new Map<string, TExposureRow[]>();
  for (const row of rows) {
    const key = [row.source, row.year, row.drug_class, row.drug.toLowerCase(), row.setting].join("\u0000");
    const bucket = buckets.get(key) ?? [];
    const earlier = bucket.find((other) => rowsOverlap(other, row));
    if (earlier) return [earlier, row];
    buckets.set(key, [...bucket, row]);
  }
  return null;
}
