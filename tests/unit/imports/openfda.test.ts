import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonReportScanner } from "@/lib/imports/openfda/json-array-scanner";
import { parseOpenFda } from "@/lib/imports/openfda/parse-openfda";
import { backgroundOf, buildZip, casesOf, chunkedInput, collect, importError, rejectsOf, stubNormalise, summaryOf } from "./helpers";
import { expectStrataAddUp } from "./strata-sums";

const options = { normalise: stubNormalise };
const NMS = "Neuroleptic malignant syndrome";

/** An openFDA drug-event result, shaped like the API's (strings, openfda annotations). */
function report(id: string, pts: string[], drugs: object[], patient: object = {}, extra: object = {}) {
  return {
    safetyreportid: id,
    safetyreportversion: "2",
    receivedate: "20240115",
    occurcountry: "FR",
    serious: "1",
    primarysource: { qualification: "1", reportercountry: "FR" },
    patient: {
      patientsex: "1",
      patientonsetage: "4",
      patientonsetageunit: "800",
      patientweight: "71.5",
      reaction: pts.map((pt, i) => ({ reactionmeddrapt: pt, reactionoutcome: i === 0 ? "5" : "1" })),
      drug: drugs,
      ...patient,
    },
    ...extra,
  };
}
const PAGE = {
  meta: { disclaimer: "Do not rely on openFDA", results: { skip: 0, limit: 3, total: 3 } },
  results: [
    report(
      "101",
      [NMS, "Rhabdomyolysis"],
      [
        {
          medicinalproduct: "ACME-HALO",
          drugcharacterization: "1",
          drugstartdate: "202312",
          drugadministrationroute: "030",
          actiondrug: "1",
          drugrecurreadministration: "2",
          openfda: { generic_name: ["HALOPERIDOL DECANOATE"] },
        },
        { medicinalproduct: "REGLAN", drugcharacterization: "3", drugdosagetext: "10 mg", drugadministrationroute: "048" },
        { medicinalproduct: "ASPIRIN", drugcharacterization: "2", activesubstance: { activesubstancename: "ASPIRIN" } },
      ],
    ),
    report(
      "102",
      ["Nausea"],
      [
        { medicinalproduct: "REGLAN", drugcharacterization: "1" },
        { medicinalproduct: "Reglan", drugcharacterization: "2" },
      ],
    ),
    report("103", ["Headache"], [{ medicinalproduct: "ASPIRIN", drugcharacterization: "1" }]),
  ],
};
const json = (value: unknown, name = "page.json") => ({ name, bytes: new TextEncoder().encode(JSON.stringify(value, null, 2)) });

describe("parseOpenFda", () => {
  it("maps an API results page", async () => {
    const records = await collect(parseOpenFda(json(PAGE), options));
    const [record] = casesOf(records);
    expect(record?.ref).toEqual({ file: "page.json", line: 11, record: 1 }); // its "{" (meta has a nested "results" too)
    expect(record?.case).toMatchObject({
      source: "openfda",
      sourceId: "101",
      version: 2,
      receivedDate: "2024-01-15",
      country: "FR",
      reporterType: "physician",
      sex: "male",
      ageYears: 40, // 4 decades
      weightKg: 71.5,
      outcome: "fatal", // the NMS reaction's outcome (5)
      rhabdomyolysis: true,
      depotFormulation: true,
      drugStopped: true, // actiondrug 1 on a suspect
      rechallenge: true,
      rechallengeRecurred: false,
    });
    expect(record?.case.drugs).toEqual([
      {
        name: "HALOPERIDOL DECANOATE",
        role: "suspect",
        dose: null,
        route: "Intramuscular",
        formulation: "depot",
        startDate: "2023-12-01",
        stopDate: null,
        doseChange: "stopped",
      },
      {
        name: "REGLAN",
        role: "interacting",
        dose: "10 mg",
        route: "Oral",
        formulation: "oral",
        startDate: null,
        stopDate: null,
        doseChange: null,
      },
      {
        name: "ASPIRIN",
        role: "concomitant",
        dose: null,
        route: null,
        formulation: null,
        startDate: null,
        stopDate: null,
        doseChange: null,
      },
    ]);
    expect(record?.unmappedDrugNames).toEqual(["ASPIRIN"]);
    // Suspect and interacting drugs only (docs/signals.md): aspirin, concomitant on the NMS report, counts
    // on report 103 where it is the suspect; Reglan once on 102 though listed suspect and concomitant.
    expect(backgroundOf(records)).toEqual({ haloperidol: [1, 1], metoclopramide: [2, 1], ASPIRIN: [1, 0] });
    expect(summaryOf(records)).toEqual({
      kind: "summary",
      reportsRead: 3,
      drugsRead: 6,
      reactionsRead: 4,
      outcomesRead: 4,
      nmsCases: 1,
      totalReports: 3,
      deletedIds: [],
      tally: "cases",
      // A report once per class (docs/signals.md).
      backgroundClasses: [
        { drugClass: "antiemetic", reports: 2, nmsReports: 1 },
        { drugClass: "first_generation", reports: 1, nmsReports: 1 },
      ],
      backgroundStrata: expect.any(Array) as unknown,
    });
    // Every report: patientsex 1 (male), onset age 4 decades (40 years); one NMS report.
    expect(expectStrataAddUp(records)).toEqual({ "male|40-64": [3, 1] });
  });

  it.each([
    ["800", "3", 30],
    ["801", "62", 62],
    ["802", "18", 1.5],
    ["803", "52", 0.997],
    ["804", "365", 0.999],
    ["805", "48", 0.005],
  ])("age unit %s: %s → %s years", async (unit, age, years) => {
    const one = report("1", [NMS], [], { patientonsetage: age, patientonsetageunit: unit });
    const [record] = casesOf(await collect(parseOpenFda(json(one), options)));
    expect(record?.case.ageYears).toBe(years);
  });

  it.each([
    ["1", "recovered"],
    ["2", "recovering"],
    ["3", "not_recovered"],
    ["4", "recovered_with_sequelae"],
    ["5", "fatal"],
    ["6", "unknown"],
  ])("reactionoutcome %s → %s", async (code, outcome) => {
    const one = report("1", [NMS], [], { reaction: [{ reactionmeddrapt: NMS, reactionoutcome: code }] });
    const [record] = casesOf(await collect(parseOpenFda(json(one), options)));
    expect(record?.case.outcome).toBe(outcome);
  });

  it("reads a bare array, a single report object, a chunked stream and a .json.zip alike", async () => {
    const expected = casesOf(await collect(parseOpenFda(json(PAGE), options))).map((c) => c.case);
    for (const input of [
      json(PAGE.results, "array.json"),
      chunkedInput("page.json", JSON.stringify(PAGE), 5),
      { name: "drug-event-0001-of-0001.json.zip", bytes: buildZip({ "drug-event-0001-of-0001.json": JSON.stringify(PAGE) }) },
    ]) {
      expect(casesOf(await collect(parseOpenFda(input, options))).map((c) => c.case)).toEqual(expected);
    }
    const single = await collect(parseOpenFda(json(PAGE.results[0], "one.json"), options));
    expect(casesOf(single).map((c) => c.case)).toEqual(expected);
  });

  it.each([
    ['{"meta": {}, "results": [{"safetyreportid": "1", "patient": {}}', /truncated/],
    ['{"results": {"a": 1}}', /"results" is not an array/],
    ['{"results": [1, 2]}', /report 1 is not a JSON object/],
    ['{"results": [{"safetyreportid": "1", "x": tru}]}', /not valid JSON/],
    ['{"error": {"code": "NOT_FOUND", "message": "No matches found!"}}', /openFDA error response/],
    ["", /no JSON document/],
    ['{"results": []} {"results": []}', /after the end/],
  ])("bad document %j is a file error", async (text, reason) => {
    const error = await importError(
      parseOpenFda({ name: "bad.json", bytes: new TextEncoder().encode(text) }, { ...options, skipInvalid: true }),
    );
    expect(error.reason).toMatch(reason);
  });

  it("an unknown code is a record error naming the element; skip-invalid rejects that report", async () => {
    const bad = report("9", [NMS], [{ medicinalproduct: "HALDOL", drugcharacterization: "7" }]);
    const page = { results: [bad, PAGE.results[0]] };
    const error = await importError(parseOpenFda(json(page), options));
    expect([error.line, error.record, error.field]).toEqual([3, 1, "patient.drug[0].drugcharacterization"]);
    const records = await collect(parseOpenFda(json(page), { ...options, skipInvalid: true }));
    expect(rejectsOf(records)).toHaveLength(1);
    expect(casesOf(records).map((c) => c.case.sourceId)).toEqual(["101"]);
  });

  it("a report without an id, and a duplicate NMS report id, are record errors", async () => {
    const noId = await importError(parseOpenFda(json({ results: [{ patient: {} }] }), options));
    expect(noId.field).toBe("safetyreportid");
    const duplicate = await importError(parseOpenFda(json({ results: [PAGE.results[0], PAGE.results[0]] }), options));
    expect([duplicate.field, duplicate.record]).toEqual(["safetyreportid", 2]);
    expect(duplicate.reason).toMatch(/already appears at line 3/);
  });

  it("an impossible drug start date names its element", async () => {
    const bad = report("9", [NMS], [{ medicinalproduct: "HALDOL", drugcharacterization: "1", drugstartdate: "20230231" }]);
    const error = await importError(parseOpenFda(json(bad), options));
    expect([error.field, error.reason]).toEqual(["patient.drug[0].drugstartdate", '"20230231" is not a real calendar date']);
  });
});

describe("JsonReportScanner", () => {
  it("yields the same reports whatever the chunking (property)", () => {
    const text = JSON.stringify({
      meta: { a: "results", b: [1, { c: "}" }] },
      results: [{ x: 'a "quoted" } ] string\\' }, { y: [[], {}] }, {}],
    });
    const whole = new JsonReportScanner("f").push(text).map((e) => e.text);
    expect(whole.map((t) => JSON.parse(t) as unknown)).toEqual([{ x: 'a "quoted" } ] string\\' }, { y: [[], {}] }, {}]);
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), text.length];
        const scanner = new JsonReportScanner("f");
        const out = points.slice(1).flatMap((end, i) => scanner.push(text.slice(points[i], end)).map((e) => e.text));
        scanner.end();
        expect(out).toEqual(whole);
      }),
    );
  });

  it("splits any { meta, results } document into exactly its results (property, vs JSON.parse)", () => {
    const reportArb = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.array(reportArb, { maxLength: 5 }),
        fc.constantFrom(0, 2),
        fc.integer({ min: 1, max: 50 }),
        (meta, results, indent, size) => {
          const text = JSON.stringify({ meta, results, after: meta }, null, indent);
          const scanner = new JsonReportScanner("f");
          const out: unknown[] = [];
          for (let i = 0; i < text.length; i += size)
            out.push(...scanner.push(text.slice(i, i + size)).map((e) => JSON.parse(e.text) as unknown));
          scanner.end();
          expect(out).toEqual(JSON.parse(JSON.stringify(results)));
        },
      ),
    );
  });

  it("reports the line each report starts on", () => {
    const scanner = new JsonReportScanner("f");
    const lines = scanner.push('[\n  {"a": 1},\n\n  {"b":\n 2}\n]').map((e) => e.line);
    expect(lines).toEqual([2, 4]);
  });
});
