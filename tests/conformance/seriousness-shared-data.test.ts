// Conformance: the ICH seriousness criteria each importer reads from real public files in
// ../shared/data (FAERS OUTC codes, openFDA's seriousness* fields, FAERS' E2B(R2) XML and FDA's
// E2B(R3) examples). Each expectation quotes the command that shows it in the raw file, run in
// that folder. A case is chosen by one of its reaction terms (isCaseReaction), as the import
// conformance test does, since none of these files holds an NMS report.
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseE2b } from "@/lib/imports/e2b/parse-e2b";
import { parseFaers } from "@/lib/imports/faers/parse-faers";
import { parseOpenFda } from "@/lib/imports/openfda/parse-openfda";
import type { TCaseInput } from "@/lib/domain/case-schema";
import type { TParsedRecord, TParseOptions } from "@/lib/imports/types";

const DATA = resolve(fileURLToPath(new URL("../..", import.meta.url)), "../shared/data");
const at = (...parts: string[]) => join(DATA, ...parts);
const caseTerm = (pt: string): TParseOptions => ({ isCaseReaction: (p) => p.trim().toLowerCase() === pt });

async function cases(records: AsyncIterable<TParsedRecord>): Promise<TCaseInput[]> {
  const out: TCaseInput[] = [];
  for await (const record of records) if (record.kind === "case") out.push(record.case);
  return out;
}

const seriousness = (c: TCaseInput | undefined) =>
  c && [
    c.seriousDeath,
    c.seriousLifeThreatening,
    c.seriousHospitalisation,
    c.seriousDisability,
    c.seriousCongenitalAnomaly,
    c.seriousOther,
  ];
// In the order death, life-threatening, hospitalisation, disability, congenital anomaly, other.
const ONLY = (...named: number[]) => [0, 1, 2, 3, 4, 5].map((i) => named.includes(i));
const NOT_STATED = [null, null, null, null, null, null];

describe("FAERS ASCII: OUTC outcome codes", () => {
  const dir = at("faers_ascii_sample_2017q2_yunuuuu");

  it("maps HO, LT and OT of one report to hospitalisation, life-threatening and other", async () => {
    // grep -i '\$haemorrhage intracranial\$' REAC17Q2.txt → 133984681 only;
    // grep '^133984681\$' OUTC17Q2.txt → HO, LT, OT
    const [found, ...rest] = await cases(parseFaers(dir, caseTerm("haemorrhage intracranial")));
    expect(rest).toEqual([]);
    expect(found?.sourceId).toBe("13398468");
    expect(seriousness(found)).toEqual(ONLY(1, 2, 5));
  });

  it("leaves every criterion unknown for a report without OUTC rows", async () => {
    // grep -E '^(109792364|123032872|129406632)\$' OUTC17Q2.txt → nothing
    const found = await cases(parseFaers(dir, caseTerm("abnormal weight gain")));
    expect(found.map(seriousness)).toEqual([NOT_STATED, NOT_STATED, NOT_STATED]);
  });
});

describe("openFDA drug-event JSON: serious and seriousness* fields", () => {
  it("maps seriousnessdisabling, seriousnesshospitalization and seriousnessother; the rest are no", async () => {
    // python -c "import json; r=json.load(open('event.postannotation.json'))['results'][0];
    //   print({k: v for k, v in r.items() if k.startswith('serious')})"
    // → serious 1, seriousnessdisabling 1, seriousnesshospitalization 1, seriousnessother 1
    const [found] = await cases(parseOpenFda(at("openfda_event_json_fda", "event.postannotation.json"), caseTerm("amnesia")));
    expect(seriousness(found)).toEqual(ONLY(2, 3, 5));
  });
});

describe("FAERS public XML (E2B R2): serious and seriousness* elements", () => {
  const file = (name: string) => at("faers_xml_e2b_r2_faersquarterlydata", name);

  it("reads criteria given as 1 (yes) with the others left out", async () => {
    // grep -A40 '<safetyreportid>7795970' ADR12Q4.xml | grep serious → serious 1, hospitalization 1, other 1
    const [found] = await cases(parseE2b(file("ADR12Q4.xml"), caseTerm("angina pectoris")));
    expect(found?.sourceId).toBe("7795970");
    expect(seriousness(found)).toEqual(ONLY(2, 5));
    // 7668475 (Lung disorder): <serious>2</serious> and no criterion → every criterion no
    const [notSerious] = await cases(parseE2b(file("ADR12Q4.xml"), caseTerm("lung disorder")));
    expect(seriousness(notSerious)).toEqual(ONLY());
  });

  it("reads criteria given as 1 or 2 each", async () => {
    // 20395365 (Colorectal cancer): serious 1, seriousnessdeath 1, every other criterion 2
    const [death] = await cases(parseE2b(file("1_ADR22Q1_example.xml"), caseTerm("colorectal cancer")));
    expect(death?.sourceId).toBe("20395365");
    expect(seriousness(death)).toEqual(ONLY(0));
    // 20270107 and 20300948 (Overdose): disabling 1 and other 1, the rest 2
    const overdose = await cases(parseE2b(file("1_ADR22Q1_example.xml"), caseTerm("overdose")));
    expect(overdose.map(seriousness)).toEqual([ONLY(3, 5), ONLY(3, 5)]);
  });
});

describe("FDA's E2B(R3) examples: E.i.3.2a–f per reaction", () => {
  const file = (name: string) => at("e2b_r3_fda_examples", name);

  it("reads BL true as yes and NI beside a named criterion as no", async () => {
    // grep -A1 'codeSystem="2.16.840.1.113883.3.989.2.1.1.19" displayName' FAERS2022Scenario1.xml:
    // first reaction 35 (disabling) true and 26 (other) true, second reaction 26 true, every other NI
    const found = await cases(parseE2b(file("FAERS2022Scenario1.xml"), { isCaseReaction: () => true }));
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) expect(seriousness(c)).toEqual(ONLY(3, 5));
  });

  it("leaves every criterion unknown when each is NI", async () => {
    // Scenario 7: all six of its reaction's criteria are nullFlavor="NI"
    const found = await cases(parseE2b(file("FAERS2022Scenario7.xml"), { isCaseReaction: () => true }));
    expect(found.map(seriousness)).toEqual([NOT_STATED]);
  });
});
