import { describe, expect, it } from "vitest";
import { parseE2b } from "@/lib/imports/e2b/parse-e2b";
import { NMS_MESSAGE, R2_FILE, r3Batch, r3Message, type TR3Message } from "./e2b-fixtures";
import { backgroundOf, casesOf, chunkedInput, collect, importError, rejectsOf, stubNormalise, summaryOf } from "./helpers";

const options = { normalise: stubNormalise };
const xml = (text: string, name = "icsr.xml") => ({ name, bytes: new TextEncoder().encode(text) });
const parse = (text: string, extra = {}) => collect(parseE2b(xml(text), { ...options, ...extra }));
const withMessage = (change: Partial<TR3Message>) => r3Batch([r3Message({ ...NMS_MESSAGE, ...change })]);

describe("parseE2b — E2B(R3)", () => {
  it("maps a minimal ICSR: NMS matched by its MedDRA code, characterisation by drug id", async () => {
    const records = await parse(r3Batch([r3Message(NMS_MESSAGE)]));
    const [record] = casesOf(records);
    expect(record?.ref).toEqual({ file: "icsr.xml", line: 5, record: 1 });
    expect(record?.case).toMatchObject({
      source: "e2b",
      sourceId: "WW-US-TEST-0001", // C.1.8.1, stable across follow-ups
      version: 19754, // days from 1970-01-01 to C.1.5, 2024-02-01
      receivedDate: "2024-01-10",
      onsetDate: "2024-01-05",
      country: "DE",
      reporterType: "physician",
      sex: "female",
      ageYears: 30, // 3 {decade}
      outcome: "fatal",
      rhabdomyolysis: true,
      depotFormulation: true,
      drugStopped: true,
      rechallenge: false, // G.k.9.i.4 = 4: not re-administered
      rechallengeRecurred: null,
      narrative: "Fever 41 C, lead-pipe rigidity after haloperidol decanoate.",
    });
    expect(record?.case.drugs).toEqual([
      {
        name: "Haldol Decanoate",
        role: "suspect",
        dose: null,
        route: "Intramuscular",
        formulation: "depot",
        startDate: "2023-12-01",
        stopDate: null,
        doseChange: "stopped",
      },
      {
        name: "Olanzapine",
        role: "interacting",
        dose: null,
        route: null,
        formulation: null,
        startDate: null,
        stopDate: null,
        doseChange: null,
      },
      {
        name: "Paracetamol",
        role: "concomitant",
        dose: null,
        route: null,
        formulation: null,
        startDate: null,
        stopDate: null,
        doseChange: null,
      },
    ]); // the "drug not administered" (4) placebo is not a drug of the case
    expect(record?.unmappedDrugNames).toEqual(["Paracetamol"]);
    expect(backgroundOf(records)).toEqual({ haloperidol: [1, 1], olanzapine: [1, 1], PARACETAMOL: [1, 1], PLACEBO: [1, 1] });
    expect(summaryOf(records)).toEqual({
      kind: "summary",
      reportsRead: 1,
      drugsRead: 4,
      reactionsRead: 2,
      outcomesRead: 1,
      nmsCases: 1,
      totalReports: 1,
      deletedIds: [],
      // E2B(R3) background counts are still per report (every role): no sex/age strata either.
      backgroundStrata: [],
      backgroundClasses: [
        { drugClass: "first_generation", reports: 1, nmsReports: 1 },
        { drugClass: "second_generation", reports: 1, nmsReports: 1 },
      ],
    });
  });

  it("matches NMS by the reported text when the code is another LLT", async () => {
    const reactions = [{ id: "r-1", code: "10000001", text: "neuroleptic malignant syndrome" }];
    expect(casesOf(await parse(withMessage({ reactions })))).toHaveLength(1);
    expect(casesOf(await parse(withMessage({ reactions: [{ id: "r", code: "10000001", text: "Fever" }] })))).toHaveLength(0);
  });

  it("streams a batch of several messages, in chunks of any size", async () => {
    const batch = r3Batch([
      r3Message(NMS_MESSAGE),
      r3Message({ ...NMS_MESSAGE, id: "US-TEST-0002", reactions: [{ id: "r", code: "10000001", text: "Fever" }] }),
    ]);
    const whole = await parse(batch);
    expect(summaryOf(whole)).toMatchObject({ reportsRead: 2, nmsCases: 1 });
    for (const size of [1, 3, 17, 64]) {
      expect(await collect(parseE2b(chunkedInput("icsr.xml", batch, size), options))).toEqual(whole);
    }
  });

  it.each([
    [{ sex: "7" }, "D.5 sex", /unknown sex code "7"/],
    [{ age: ["30", "yr"] as [string, string] }, "D.2.2 age", /unknown age unit "yr"/],
    [{ received: "20240231" }, "C.1.4", /not a real calendar date/],
    [{ qualification: "8" }, "C.2.r.4 qualification", /unknown qualification/],
    [{ drugs: [{ id: "d-9", name: "Haldol", role: "" }] }, "drug Haldol characterisation (G.k.1)", /unknown drug characterisation ""/],
  ])("record error %j names %s", async (change, field, reason) => {
    const error = await importError(parseE2b(xml(withMessage(change)), options));
    expect([error.file, error.line, error.field]).toEqual(["icsr.xml", 5, field]);
    expect(error.reason).toMatch(reason);
    const skipped = await parse(withMessage(change), { skipInvalid: true });
    expect(rejectsOf(skipped)).toHaveLength(1);
  });

  it("a report id seen twice among NMS reports is refused", async () => {
    const error = await importError(parseE2b(xml(r3Batch([r3Message(NMS_MESSAGE), r3Message(NMS_MESSAGE)])), options));
    expect([error.field, error.record]).toEqual(["C.1.8.1", 2]);
  });

  it.each([
    ["cut inside a message", (b: string) => b.slice(0, b.indexOf("</PORR_IN049016UV>")), /ends inside report 1/],
    ["cut after the last message", (b: string) => b.slice(0, b.lastIndexOf("</MCCI")), /closing root element/],
    ["broken XML inside a message", (b: string) => b.replace("<player1 ", "<player1 <"), /not well-formed/],
    ["not an ICSR file", () => "<html><body>hello</body></html>", /not an ICH ICSR file/],
  ])("%s is a file error", async (_label, damage, reason) => {
    const error = await importError(parseE2b(xml(damage(r3Batch([r3Message(NMS_MESSAGE)]))), { ...options, skipInvalid: true }));
    expect(error.level).toBe("file");
    expect(error.reason).toMatch(reason);
  });
});

describe("parseE2b — E2B(R2)", () => {
  it("maps <safetyreport> elements with the openFDA field mapping", async () => {
    const records = await parse(R2_FILE, {});
    const [record] = casesOf(records);
    expect(record?.ref).toEqual({ file: "icsr.xml", line: 5, record: 1 });
    expect(record?.case).toMatchObject({
      source: "e2b",
      sourceId: "7001",
      version: 3,
      receivedDate: "2022-01-05",
      onsetDate: "2021-12-30",
      country: "JP",
      reporterType: "other_health_professional",
      sex: "female",
      ageYears: 52,
      outcome: "recovered",
      narrative: "Patient recovered after stopping risperidone.",
    });
    expect(record?.case.drugs?.map((d) => [d.name, d.role, d.formulation])).toEqual([
      ["RISPERDAL", "suspect", "oral"],
      ["METOCLOPRAMIDE", "concomitant", null],
    ]);
    expect(summaryOf(records)).toMatchObject({ reportsRead: 2, drugsRead: 3, reactionsRead: 2, outcomesRead: 1, nmsCases: 1 });
    // The background counts suspect and interacting drugs only: concomitant metoclopramide is left out.
    expect(backgroundOf(records)).toEqual({ risperidone: [2, 1] });
    expect(summaryOf(records).tally).toBe("cases");
  });
});
