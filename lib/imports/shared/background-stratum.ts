// The sex and age-band stratum a report is tallied in for the stratified background counts
// (docs/signals.md, "Strata"). Age bands are the app's one definition (ageBandOf in
// lib/domain/vocabulary.ts). Read leniently: a sex code or age the case import would refuse is
// "unknown" here — the background counts every report, and unknown is a stratum of its own.
import { ageBandOf, AGE_BANDS, SEXES, type AgeBand, type Sex } from "@/lib/domain/vocabulary";
import { scaled } from "./code-lookup";

export type TStratum = { sex: Sex; ageBand: AgeBand };

/** Every stratum in a fixed order; a stratum's index is its compact code. */
export const STRATA: readonly TStratum[] = SEXES.flatMap((sex) => AGE_BANDS.map((ageBand) => ({ sex, ageBand })));
export const UNKNOWN_STRATUM = STRATA.findIndex((s) => s.sex === "unknown" && s.ageBand === "unknown");

export function stratumCode(sex: Sex, ageBand: AgeBand): number {
  return SEXES.indexOf(sex) * AGE_BANDS.length + AGE_BANDS.indexOf(ageBand);
}

/**
 * The stratum of a report from its source codes: `sexCodes` maps the source's sex code, `ageUnits`
 * its age unit code to years per unit (an age without a known unit is unknown, as in the case import).
 */
export function stratumOfCodes(
  sexCode: string,
  age: string,
  ageUnitCode: string,
  sexCodes: Readonly<Record<string, Sex>>,
  ageUnits: Readonly<Record<string, number>>,
): number {
  const sex = sexCodes[sexCode.trim().toUpperCase()] ?? sexCodes[sexCode.trim()] ?? "unknown";
  const factor = ageUnits[ageUnitCode.trim().toUpperCase()] ?? ageUnits[ageUnitCode.trim()];
  let years: number | null = null;
  if (factor !== undefined) {
    try {
      years = scaled(age, factor);
    } catch {
      years = null;
    }
  }
  return stratumCode(sex, ageBandOf(years !== null && years >= 0 ? years : null));
}
