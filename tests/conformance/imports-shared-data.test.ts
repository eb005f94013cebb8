// Conformance: the import parsers against real public data in ../shared/data (FDA's FAERS
// quarterly samples, openFDA's test report, FDA's E2B(R3) examples, FAERS R2 XML). Every count
// below was verified by hand with the command quoted next to it, run in that folder.
// The folder is required: a missing folder fails here, it does not skip.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseE2b } from "@/lib/imports/e2b/parse-e2b";
import { parseFaers } from "@/lib/imports/faers/parse-faers";
import { parseOpenFda } from "@/lib/imports/openfda/parse-openfda";
import type { TBackgroundRecord, TCaseRecord, TParsedRecord, TParseOptions, TSummaryRecord } from "@/lib/imports/types";

const DATA = resolve(fileURLToPath(new URL("../..", import.meta.url)), "../shared/data");
const at = (...parts: string[]) => join(DATA, ...parts);
const unmapped: TParseOptions = { normalise: () => null }; // background keyed by raw name: catalogue-independent
const caseTerm = (pt: string): TParseOptions => ({ isCaseReaction: (p) => p.trim().toLowerCase() === pt });

async function run(records: AsyncIterable<TParsedRecord>) {
  const all: TParsedRecord[] = [];
  for await (const record of records) all.push(record);
  const summary = all[all.length - 1] as TSummaryRecord;
  const background = all.filter((r): r is TBackgroundRecord => r.kind === "background");
  return {
    summary,
    cases: all.filter((r): r is TCaseRecord => r.kind === "case"),
    rejects: all.filter((r) => r.kind === "reject"),
    backgroundDrugs: background.length,
    backgroundReports: background.reduce((n, r) => n + r.reports, 0),
  };
}

// Without the folder this test fails, and so does every test below (their files cannot be read).
it("has the shared data folder", () => {
  expect(existsSync(DATA), `conformance data folder missing: ${DATA}`).toBe(true);
});

describe("FAERS 2017Q2 sample (faers_ascii_sample_2017q2_yunuuuu)", () => {
  const dir = at("faers_ascii_sample_2017q2_yunuuuu");

  it("reads every table; no NMS report in the sample", async () => {
    const { summary, cases, rejects } = await run(parseFaers(dir));
    // for f in *.txt; do tail -n +2 $f | grep -c .; done → DEMO 100, DRUG 328, INDI 232, OUTC 75, REAC 286, RPSR 2, THER 142
    expect(summary.tableRows).toEqual({ REAC: 286, DEMO: 100, DRUG: 328, OUTC: 75, THER: 142, INDI: 232, RPSR: 2 });
    // grep -ic "neuroleptic malignant" REAC17Q2.txt → 0
    expect(summary).toMatchObject({
      reportsRead: 100,
      drugsRead: 328,
      reactionsRead: 286,
      outcomesRead: 75,
      nmsCases: 0,
      totalReports: 100,
      deletedIds: [],
    });
    expect([cases, rejects]).toEqual([[], []]);
  });

  it("counts distinct reports per drug", async () => {
    // Attributing rows only (role_cod PS, SS or I; docs/signals.md), each case once at its latest
    // version: python3 tests/conformance/reference/faers-background.py <folder> → 112 drugs, 143
    // (case, drug) pairs (all roles and versions would be 213 and 268)
    const { backgroundDrugs, backgroundReports } = await run(parseFaers(dir, unmapped));
    expect([backgroundDrugs, backgroundReports]).toEqual([112, 143]);
  });

  it("joins DEMO, DRUG, THER and INDI by primaryid for the reports of a chosen PT", async () => {
    // grep -i '\$abnormal weight gain\$' REAC17Q2.txt → primaryids 109792364, 123032872, 129406632
    const { cases } = await run(parseFaers(dir, caseTerm("abnormal weight gain")));
    expect(cases.map((c) => [c.case.sourceId, c.case.version])).toEqual([
      ["10979236", 4],
      ["12303287", 2],
      ["12940663", 2],
    ]);
    // grep '^129406632\$' DEMO17Q2.txt DRUG17Q2.txt THER17Q2.txt:
    //   event_dt 2005, fda_dt 20170426, sex M, occp_cod CN, occr_country US; RISPERDAL PS Oral 1 MG; THER 2005 → 2008
    expect(cases[2]?.case).toMatchObject({
      onsetDate: "2005-01-01",
      receivedDate: "2017-04-26",
      sex: "male",
      reporterType: "consumer",
      country: "US",
      ageYears: null,
    });
    expect(cases[2]?.case.drugs).toEqual([
      {
        name: "RISPERDAL",
        role: "suspect",
        dose: "1 MG",
        route: "Oral",
        formulation: "oral",
        startDate: "2005-01-01",
        stopDate: "2008-12-31",
      },
    ]);
    expect(cases[2]?.case.narrative).toContain("Indications: Attention deficit/hyperactivity disorder.");
  });
});

describe("legacy AERS 2004Q1 sample (aers_ascii_sample_2004q1_yunuuuu)", () => {
  const dir = at("aers_ascii_sample_2004q1_yunuuuu");

  it("reads the isr/case layout", async () => {
    const { summary, cases } = await run(parseFaers(dir));
    // for f in *.TXT; do tail -n +2 $f | grep -c .; done → DEMO 100, DRUG 386, INDI 124, OUTC 93, REAC 416, RPSR 119, THER 145
    expect(summary.tableRows).toEqual({ REAC: 416, DEMO: 100, DRUG: 386, OUTC: 93, THER: 145, INDI: 124, RPSR: 119 });
    expect(summary).toMatchObject({
      reportsRead: 100,
      drugsRead: 386,
      reactionsRead: 416,
      outcomesRead: 93,
      nmsCases: 0,
      totalReports: 100,
    });
    expect(cases).toEqual([]);
  });

  it("counts distinct reports per drug by isr", async () => {
    // python3 tests/conformance/reference/faers-background.py <folder> --legacy → 110 drugs, 141 (case, drug)
    // pairs: attributing rows of each case's latest isr (all roles and reports: 297 and 372)
    const { backgroundDrugs, backgroundReports } = await run(parseFaers(dir, unmapped));
    expect([backgroundDrugs, backgroundReports]).toEqual([110, 141]);
  });

  it("uses `case` as the case id and i_f_cod/foll_seq as the version", async () => {
    // grep -i '\$DIARRHOEA\$' REAC04Q1.TXT → 5 isrs; their DEMO rows: cases 4061110 (I), 4083231 (I),
    // 4086505 (I), 4097656 (F, foll_seq blank), 3967410 (F, foll_seq 7; age 60 YR, gndr_cod M)
    const { cases } = await run(parseFaers(dir, caseTerm("diarrhoea")));
    expect(cases.map((c) => [c.case.sourceId, c.case.version])).toEqual([
      ["4061110", 1],
      ["4083231", 1],
      ["4086505", 1],
      ["4097656", 2],
      ["3967410", 8],
    ]);
    expect(cases[4]?.case).toMatchObject({ ageYears: 60, sex: "male", receivedDate: "2004-03-05" });
  });
});

describe("FAERS 2022Q4 truncated tables (faers_ascii_2022q4_truncated_faersquarterlydata)", () => {
  it("parses every table (ids do not line up across tables: counts only) and the DELETE list", async () => {
    const { summary, cases } = await run(parseFaers(at("faers_ascii_2022q4_truncated_faersquarterlydata")));
    // tail -n +2 <table> | grep -c . → DEMO 258, DRUG 209, INDI 607, OUTC 1206, REAC 974, RPSR 386, THER 500
    // (most files have no final newline); DELETE22Q4.txt: 3625 lines, the first a lone space → 3624 ids, none duplicated
    expect(summary.tableRows).toEqual({ REAC: 974, DELETE: 3624, DEMO: 258, DRUG: 209, OUTC: 1206, THER: 500, INDI: 607, RPSR: 386 });
    // comm -12 <(sorted DELETE ids) <(sorted DEMO caseids) → 0, so every DEMO report counts
    expect(summary).toMatchObject({
      reportsRead: 258,
      drugsRead: 209,
      reactionsRead: 974,
      outcomesRead: 1206,
      nmsCases: 0,
      totalReports: 258,
    });
    expect(summary.deletedIds).toHaveLength(3624);
    expect([summary.deletedIds[0], summary.deletedIds.at(-1)]).toEqual(["10153291", "9935159"]);
    expect(cases).toEqual([]);
  });

  it("counts distinct reports per drug", async () => {
    // python3 tests/conformance/reference/faers-background.py <folder> → 22 drugs, 27 (case, drug) pairs:
    // attributing rows of each case's latest version, cases on the DELETE list left out (all: 100 and 124)
    const { backgroundDrugs, backgroundReports } = await run(parseFaers(at("faers_ascii_2022q4_truncated_faersquarterlydata"), unmapped));
    expect([backgroundDrugs, backgroundReports]).toEqual([22, 27]);
  });
});

describe("openFDA drug-event JSON (openfda_event_json_fda)", () => {
  it.each(["event.preannotation.json", "event.postannotation.json"])("%s: one report, 23 drugs, 86 PTs", async (file) => {
    // python json.load: patient.drug 23 (20 distinct medicinalproduct), patient.reaction 86, no reactionoutcome;
    // drugcharacterization 1 (suspect) or 3 (interacting): VIOXX twice, so the background counts one drug once
    const { summary, cases, backgroundDrugs, backgroundReports } = await run(parseOpenFda(at("openfda_event_json_fda", file), unmapped));
    expect(summary).toMatchObject({ reportsRead: 1, drugsRead: 23, reactionsRead: 86, outcomesRead: 0, nmsCases: 0, totalReports: 1 });
    expect(cases).toEqual([]);
    expect([backgroundDrugs, backgroundReports]).toEqual([1, 1]);
  });

  it("maps the report when one of its PTs is the case term", async () => {
    // safetyreportid 4562564-7, receivedate 20050127, patientsex 2, age 62 (801 = years), weight 62,
    // qualification 1; drugcharacterization: 2 × "1" (VIOXX), 21 × "2"
    const { cases } = await run(parseOpenFda(at("openfda_event_json_fda", "event.postannotation.json"), caseTerm("amnesia")));
    expect(cases[0]?.case).toMatchObject({
      sourceId: "4562564-7",
      receivedDate: "2005-01-27",
      sex: "female",
      ageYears: 62,
      weightKg: 62,
      reporterType: "physician",
      outcome: "unknown",
    });
    expect(cases[0]?.case.drugs?.filter((d) => d.role === "suspect").map((d) => d.name)).toEqual(["VIOXX", "VIOXX"]);
    expect(cases[0]?.case.drugs).toHaveLength(23);
  });
});

describe("FDA E2B(R3) example instances (e2b_r3_fda_examples)", () => {
  // python ElementTree per file: PORR_IN049016UV messages; primaryRole/subjectOf2/observation code 29
  // (reactions) and their outcome (code 27) observations; organizer code 4 substanceAdministrations (drugs)
  const EXPECTED: [string, number, number, number][] = [
    ["FAERS2022Scenario1.xml", 2, 3, 2],
    ["FAERS2022Scenario2.xml", 2, 3, 2],
    ["FAERS2022Scenario3.xml", 2, 3, 2],
    ["FAERS2022Scenario4.xml", 2, 1, 2],
    ["FAERS2022Scenario5-1.xml", 2, 3, 2],
    ["FAERS2022Scenario5-2.xml", 2, 3, 2],
    ["FAERS2022Scenario5-3.xml", 2, 3, 2],
    ["FAERS2022Scenario6.xml", 2, 2, 2], // the 2 MB "mega" instance: one message
    ["FAERS2022Scenario7.xml", 1, 2, 1],
    ["FAERS2022Scenario8.xml", 2, 3, 2],
  ];

  it.each(EXPECTED)("%s: 1 report, %i reactions, %i drugs, %i outcomes; no NMS", async (file, reactions, drugs, outcomes) => {
    const { summary } = await run(parseE2b(at("e2b_r3_fda_examples", file)));
    expect(summary).toMatchObject({ reportsRead: 1, reactionsRead: reactions, drugsRead: drugs, outcomesRead: outcomes, nmsCases: 0 });
  });

  it("every example maps to a valid case when all its reactions count", async () => {
    for (const [file, , drugs] of EXPECTED) {
      const { cases, rejects } = await run(parseE2b(at("e2b_r3_fda_examples", file), { isCaseReaction: () => true }));
      expect(rejects).toEqual([]);
      expect(cases).toHaveLength(1);
      expect(cases[0]?.case.drugs?.length).toBeLessThanOrEqual(drugs);
    }
    // Scenario 2 is a follow-up of scenario 1: same C.1.8.1 id, later C.1.5 date → higher version
    const [first, followUp] = await Promise.all(
      ["FAERS2022Scenario1.xml", "FAERS2022Scenario2.xml"].map(
        async (f) => (await run(parseE2b(at("e2b_r3_fda_examples", f), { isCaseReaction: () => true }))).cases[0]?.case,
      ),
    );
    expect(followUp?.sourceId).toBe(first?.sourceId);
    expect(followUp?.version).toBeGreaterThan(first?.version ?? Infinity);
  });

  it("refuses the acknowledgement files, which are not ICSRs", async () => {
    await expect(run(parseE2b(at("e2b_r3_fda_examples", "R3ack-positive.ack")))).rejects.toThrow(/not an ICH ICSR file/);
  });
});

describe("FAERS public XML, E2B(R2) (faers_xml_e2b_r2_faersquarterlydata)", () => {
  it.each([
    // grep -c '<safetyreport>' / '<reaction>' / '<drug>' / '<reactionoutcome>'
    ["1_ADR22Q1_example.xml", 7, 17, 18, 16],
    ["ADR12Q4.xml", 5, 43, 69, 26],
  ])("%s: %i reports, %i reactions, %i drugs, %i outcomes; no NMS", async (file, reports, reactions, drugs, outcomes) => {
    const { summary } = await run(parseE2b(at("faers_xml_e2b_r2_faersquarterlydata", file)));
    expect(summary).toMatchObject({
      reportsRead: reports,
      reactionsRead: reactions,
      drugsRead: drugs,
      outcomesRead: outcomes,
      nmsCases: 0,
    });
  });
});
