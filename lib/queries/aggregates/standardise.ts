// Pure: a class's age-standardised rate (direct method, WHO World Standard Population 2000–2025 on
// the app's age bands, Fay–Feuer interval) when its exposure has every known age band (docs/epidemiology.md).
import { AGE_BANDS } from "@/lib/domain/vocabulary";
import { WHO_STANDARD_BY_AGE_BAND, directlyStandardisedRate, type KnownAgeBand } from "@/lib/stats";
import type { TCellKeys, TIncidencePlan } from "./incidence";
import type { TAgeStandardised, TCounts } from "./types";

const KNOWN_BANDS = AGE_BANDS.filter((b): b is KnownAgeBand => b !== "unknown");
export const STANDARD_POPULATION =
  "WHO World Standard Population 2000–2025 (Ahmad OB et al., GPE Discussion Paper No. 31, WHO 2001), collapsed to 0-17, 18-39, 40-64, 65+";

/**
 * The standardised rate of one class cell from its cases by age band (in-period counts) and the
 * plan's person-years per band, all from the one source the crude rate used; null (with why) when
 * the exposure is not split by age for every band, or comes from another source.
 */
export function ageStandardised(
  plan: TIncidencePlan,
  cell: TCellKeys,
  source: string,
  byBand: ReadonlyMap<string, TCounts> | undefined,
): TAgeStandardised | { note: string } {
  if ("note" in plan || !byBand) return { note: "Not age-standardised: no age breakdown of the cases" };
  const strata = [];
  for (const band of KNOWN_BANDS) {
    const py = plan.personYears({ ...cell, ageBand: band });
    if ("note" in py || py.source !== source) return { note: "Not age-standardised: the exposure is not split by age band" };
    strata.push({ events: byBand.get(band)?.inPeriod ?? 0, personYears: py.personYears, standardWeight: WHO_STANDARD_BY_AGE_BAND[band] });
  }
  const rate = directlyStandardisedRate(strata);
  if (!rate) return { note: "Not age-standardised: an age band has no person-years" };
  return {
    per100kPersonYears: rate.per100k,
    lower: rate.lower,
    upper: rate.upper,
    method: "direct_fay_feuer",
    standard: STANDARD_POPULATION,
    cases: rate.events,
    unknownAge: byBand.get("unknown")?.inPeriod ?? 0,
  };
}
