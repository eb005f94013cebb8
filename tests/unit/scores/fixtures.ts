// Shared findings for the score tests: an all-unknown case, a textbook NMS case, and
// fast-check generators for findings with and without unknowns.
import fc from "fast-check";
import type { TNmsFindings } from "@/lib/stats/case-definition";
import type { TCaseClinicalFields } from "@/lib/domain/case-scores";

export const UNKNOWN_FINDINGS: TNmsFindings = {
  dopamineBlockerExposure: null,
  maxTempC: null,
  rigidity: null,
  mentalStatusChange: null,
  ckMax: null,
  ckUln: null,
  wbc: null,
  bpLability: null,
  tachycardia: null,
  tachypnoea: null,
  diaphoresis: null,
  incontinence: null,
  tremor: null,
  negativeWorkup: null,
};

/** Every finding absent and every measurement normal: the opposite of NMS. */
export const ABSENT_FINDINGS: TNmsFindings = {
  dopamineBlockerExposure: false,
  maxTempC: 36.8,
  rigidity: false,
  mentalStatusChange: false,
  ckMax: 120,
  ckUln: 200,
  wbc: 7.5,
  bpLability: false,
  tachycardia: false,
  tachypnoea: false,
  diaphoresis: false,
  incontinence: false,
  tremor: false,
  negativeWorkup: false,
};

/** Haloperidol-induced NMS with every feature present: 40.2 °C, CK 60 × ULN, WBC 16. */
export const TEXTBOOK_NMS: TNmsFindings = {
  dopamineBlockerExposure: true,
  maxTempC: 40.2,
  rigidity: true,
  mentalStatusChange: true,
  ckMax: 12_000,
  ckUln: 200,
  wbc: 16,
  bpLability: true,
  tachycardia: true,
  tachypnoea: true,
  diaphoresis: true,
  incontinence: true,
  tremor: true,
  negativeWorkup: true,
};

export const UNKNOWN_CASE: TCaseClinicalFields = {
  ...UNKNOWN_FINDINGS,
  onsetAfterDrugStart: null,
  drugStopped: null,
  improvedAfterStop: null,
  rechallenge: null,
  rechallengeRecurred: null,
  rapidDoseEscalation: null,
};

export function findings(overrides: Partial<TNmsFindings>, base: TNmsFindings = UNKNOWN_FINDINGS): TNmsFindings {
  return { ...base, ...overrides };
}

const knownFlag = fc.boolean();
// ULNs are drawn at or below CONSERVATIVE_HIGH_CK_ULN: the scorers assume no laboratory's
// ULN exceeds it when the ULN is missing, and the refinement property rests on that.
const knownMeasures = {
  maxTempC: fc.double({ min: 35, max: 43, noNaN: true }),
  ckMax: fc.double({ min: 10, max: 50_000, noNaN: true }),
  ckUln: fc.double({ min: 100, max: 400, noNaN: true }),
  wbc: fc.double({ min: 1, max: 30, noNaN: true }),
};

/** Findings with no unknowns. */
export const knownFindingsArb: fc.Arbitrary<TNmsFindings> = fc.record({
  dopamineBlockerExposure: knownFlag,
  maxTempC: knownMeasures.maxTempC,
  rigidity: knownFlag,
  mentalStatusChange: knownFlag,
  ckMax: knownMeasures.ckMax,
  ckUln: knownMeasures.ckUln,
  wbc: knownMeasures.wbc,
  bpLability: knownFlag,
  tachycardia: knownFlag,
  tachypnoea: knownFlag,
  diaphoresis: knownFlag,
  incontinence: knownFlag,
  tremor: knownFlag,
  negativeWorkup: knownFlag,
});

/** Findings where any field may be unknown. */
export const findingsArb: fc.Arbitrary<TNmsFindings> = fc
  .tuple(knownFindingsArb, fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }))
  .map(([known, hide]) => forgetFields(known, hide));

export const FINDING_KEYS = Object.keys(UNKNOWN_FINDINGS) as (keyof TNmsFindings)[];

/** Sets the i-th finding to unknown wherever `hide[i]` is true. */
export function forgetFields(known: TNmsFindings, hide: readonly boolean[]): TNmsFindings {
  const result: Record<string, unknown> = { ...known };
  FINDING_KEYS.forEach((key, i) => {
    if (hide[i]) result[key] = null;
  });
  return result as TNmsFindings;
}
