// ICH seriousness criteria as each source format states them, mapped to the case's six criteria
// (docs/case-processing.md). A criterion a serious report does not name is "no"; a report that
// says nothing about seriousness leaves every criterion unknown (null).
import type { SERIOUSNESS_FIELDS } from "@/lib/domain/case-schema";

export type TSeriousnessField = (typeof SERIOUSNESS_FIELDS)[number];
export type TSeriousness = Record<TSeriousnessField, boolean | null>;

const FIELDS: readonly TSeriousnessField[] = [
  "seriousDeath",
  "seriousLifeThreatening",
  "seriousHospitalisation",
  "seriousDisability",
  "seriousCongenitalAnomaly",
  "seriousOther",
];

/** Named criteria → every criterion: named ones yes, the rest no when `stated`, else unknown. */
function fromNamed(named: ReadonlySet<TSeriousnessField>, stated: boolean): TSeriousness {
  const out = {} as TSeriousness;
  for (const field of FIELDS) out[field] = named.has(field) ? true : stated ? false : null;
  return out;
}

/**
 * FAERS OUTC outcome codes (FDA's FAERS ASCII documentation): DE death, LT life-threatening, HO
 * hospitalisation (initial or prolonged), DS disability, CA congenital anomaly, RI required
 * intervention to prevent permanent impairment/damage and OT other serious (important medical
 * event) — both "other medically important". OUTC lists a report's serious outcomes; a report
 * without OUTC rows states none, so its criteria stay unknown.
 */
const FAERS_CODES: Readonly<Record<string, TSeriousnessField>> = {
  DE: "seriousDeath",
  LT: "seriousLifeThreatening",
  HO: "seriousHospitalisation",
  DS: "seriousDisability",
  CA: "seriousCongenitalAnomaly",
  RI: "seriousOther",
  OT: "seriousOther",
};
export function seriousnessFromFaersOutcomes(codes: readonly string[]): TSeriousness {
  const named = new Set(codes.map((code) => FAERS_CODES[code.trim().toUpperCase()]).filter((f): f is TSeriousnessField => f !== undefined));
  return fromNamed(named, codes.length > 0);
}

/**
 * ICH E2B(R2) A.1.5 (openFDA's drug-event JSON and FAERS' XML): `serious` 1 = yes, 2 = no, and the
 * criteria seriousnessdeath … seriousnessother, 1 = yes (E2B also allows 2 = no; openFDA leaves a
 * criterion out instead).
 */
export type TE2bR2Seriousness = {
  serious: string;
  death: string;
  lifeThreatening: string;
  hospitalisation: string;
  disabling: string;
  congenitalAnomaly: string;
  other: string;
};
export function seriousnessFromE2bR2(flags: TE2bR2Seriousness): TSeriousness {
  const values: Record<TSeriousnessField, string> = {
    seriousDeath: flags.death,
    seriousLifeThreatening: flags.lifeThreatening,
    seriousHospitalisation: flags.hospitalisation,
    seriousDisability: flags.disabling,
    seriousCongenitalAnomaly: flags.congenitalAnomaly,
    seriousOther: flags.other,
  };
  const named = new Set(FIELDS.filter((f) => values[f] === "1"));
  const stated = flags.serious === "1" || flags.serious === "2" || named.size > 0;
  const out = fromNamed(named, stated);
  for (const field of FIELDS) if (values[field] === "2") out[field] = false;
  return out;
}

/**
 * ICH E2B(R3) E.i.3.2a–f, per reaction (observation codes 34 death, 21 life-threatening, 33
 * hospitalisation, 35 disability, 12 congenital anomaly, 26 other medically important), each a BL
 * value true/false or nullFlavor NI. A case's criterion is yes when any of its NMS reactions says
 * so; "NI" on a reaction that names another criterion is no.
 */
export const E2B_R3_SERIOUSNESS_CODES: Readonly<Record<string, TSeriousnessField>> = {
  "34": "seriousDeath",
  "21": "seriousLifeThreatening",
  "33": "seriousHospitalisation",
  "35": "seriousDisability",
  "12": "seriousCongenitalAnomaly",
  "26": "seriousOther",
};
export function seriousnessFromE2bR3(reactions: readonly Partial<Record<TSeriousnessField, boolean | null>>[]): TSeriousness {
  const named = new Set<TSeriousnessField>();
  let stated = false;
  for (const reaction of reactions) {
    for (const field of FIELDS) {
      if (reaction[field] === true) named.add(field);
      if (reaction[field] != null) stated = true;
    }
  }
  return fromNamed(named, stated);
}
