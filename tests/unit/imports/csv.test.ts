import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCell, formatDrugsCell, parseCell, parseDrugsCell } from "@/lib/imports/csv/cells";
import { CSV_COLUMNS, CSV_REQUIRED_COLUMNS } from "@/lib/imports/csv/columns";
import { parseCanonicalCsv } from "@/lib/imports/csv/parse-csv";
import { casesOf, chunkedInput, collect, importError, rejectsOf, stubNormalise, summaryOf } from "./helpers";

const HEADER = CSV_REQUIRED_COLUMNS.join(",");
const csv = (text: string) => ({ name: "cases.csv", bytes: new TextEncoder().encode(text) });
const parse = (text: string, extra = {}) => collect(parseCanonicalCsv(csv(text), { normalise: stubNormalise, ...extra }));
const ROW_A =
  'A-1,2024-01-10,2024-01-02,us,M,34.5,Haldol Decanoate:suspect;Lithium:concomitant,40.2,yes,no,12000,recovered,"Fever, rigidity; ""NMS"" suspected"';
const ROW_B = 'B-2,2024-02-01,,,female,,olanzapine:suspect,,,,,fatal,"two\nlines"';

describe("parseCanonicalCsv", () => {
  it("maps the canonical columns, with RFC 4180 quoting and line numbers of each row's first line", async () => {
    const records = await parse(`${HEADER}\n${ROW_B}\n${ROW_A}\n`);
    const [b, a] = casesOf(records);
    expect(b?.ref).toEqual({ file: "cases.csv", line: 2, record: 1 });
    expect(a?.ref).toEqual({ file: "cases.csv", line: 4, record: 2 }); // B's narrative spans lines 2–3
    expect(a?.case).toMatchObject({
      source: "csv",
      sourceId: "A-1",
      receivedDate: "2024-01-10",
      onsetDate: "2024-01-02",
      country: "US",
      sex: "male",
      ageYears: 34.5,
      maxTempC: 40.2,
      rigidity: true,
      mentalStatusChange: false,
      ckMax: 12000,
      outcome: "recovered",
      narrative: 'Fever, rigidity; "NMS" suspected',
      depotFormulation: true,
    });
    expect(a?.case.drugs).toEqual([
      { name: "Haldol Decanoate", role: "suspect", formulation: "depot" },
      { name: "Lithium", role: "concomitant", formulation: null },
    ]);
    expect(a?.unmappedDrugNames).toEqual(["Lithium"]);
    expect(b?.case).toMatchObject({
      onsetDate: null,
      country: null,
      sex: "female",
      ageYears: null,
      rigidity: null,
      outcome: "fatal",
      narrative: "two\nlines",
    });
    expect(summaryOf(records)).toEqual({
      kind: "summary",
      reportsRead: 2,
      drugsRead: 3,
      reactionsRead: 0,
      outcomesRead: 2,
      nmsCases: 2,
      totalReports: 2,
      deletedIds: [],
    });
  });

  it("reads optional columns in any order, ignores unknown ones, accepts CRLF and a BOM", async () => {
    const text = `\uFEFFicu,${HEADER},reporter_type,version,rechallenge,rechallenge_recurred,notes\r\nyes,${ROW_A.replace(/"Fever.*"$/, "x")},physician,3,yes,no,ignored\r\n`;
    const [record] = casesOf(await parse(text));
    expect(record?.case).toMatchObject({
      icu: true,
      reporterType: "physician",
      version: 3,
      rechallenge: true,
      rechallengeRecurred: false,
      narrative: "x",
    });
  });

  it("accepts the same file in chunks of any size", async () => {
    const text = `${HEADER}\n${ROW_B}\n${ROW_A}\n`;
    const whole = await parse(text);
    for (const size of [1, 2, 7, 64]) {
      const chunked = await collect(parseCanonicalCsv(chunkedInput("cases.csv", text, size), { normalise: stubNormalise }));
      expect(chunked).toEqual(whole);
    }
  });

  it.each([
    [";", /is ';'-separated/],
    ["\t", /is tab-separated/],
  ])("a %j-separated file is refused with a header error", async (delimiter, message) => {
    const error = await importError(parseCanonicalCsv(csv(`${CSV_REQUIRED_COLUMNS.join(delimiter)}\n`), { normalise: stubNormalise }));
    expect([error.file, error.line, error.field]).toEqual(["cases.csv", 1, "header"]);
    expect(error.reason).toMatch(message);
  });

  it("a missing required column is named, even in skip-invalid mode", async () => {
    const error = await importError(
      parseCanonicalCsv(csv(`${HEADER.replace(",ck_max", "")}\n`), { normalise: stubNormalise, skipInvalid: true }),
    );
    expect([error.line, error.field]).toEqual([1, "ck_max"]);
  });

  it("a file cut inside a quoted field, or with a short last row, is truncated", async () => {
    const quoted = await importError(
      parseCanonicalCsv(csv(`${HEADER}\n${ROW_A}\nC-3,2024-01-01,,,,,,,,,,,"cut here`), { normalise: stubNormalise }),
    );
    expect([quoted.line, quoted.field]).toEqual([3, "file"]);
    expect(quoted.reason).toMatch(/truncated/);
    const short = await importError(
      parseCanonicalCsv(csv(`${HEADER}\n${ROW_A}\nC-3,2024-01-01`), { normalise: stubNormalise, skipInvalid: true }),
    );
    expect([short.line, short.field]).toEqual([3, "row"]);
  });

  it.each([
    ["A-1,2023-02-30,,,,,,,,,,,", "received_date", /not a real calendar date/],
    ["A-1,2024-01-01,2024-02-01,,,,,,,,,,", "onset_date", /after the received date/],
    ["A-1,2024-01-01,,USA,,,,,,,,,", "country", /two-letter/],
    ["A-1,2024-01-01,,,X,,,,,,,,", "sex", /unknown sex "X"/],
    ["A-1,2024-01-01,,,,34,5,,,,,,,", "row", /has 14 fields/],
    ["A-1,2024-01-01,,\nB-2,2024-01-01,,,,,,,,,,,", "row", /fewer fields/],
    ['A-1,2024-01-01,,,,"34,5",,,,,,,', "age_years", /decimal separator/],
    ["A-1,2024-01-01,,,,200,,,,,,,", "age_years", /at most 120/],
    ["A-1,2024-01-01,,,,,haloperidol,,,,,,", "drugs", /has no role/],
    ["A-1,2024-01-01,,,,,haloperidol:culprit,,,,,,", "drugs", /unknown role/],
    ["A-1,2024-01-01,,,,,,,maybe,,,,", "rigidity", /not yes, no or empty/],
    ["A-1,2024-01-01,,,,,,,,,,dead,", "outcome", /unknown outcome "dead"/],
  ])("%s → error in column %s on line 2", async (line, field, reason) => {
    const error = await importError(parseCanonicalCsv(csv(`${HEADER}\n${line}\n`), { normalise: stubNormalise }));
    expect([error.file, error.line, error.field]).toEqual(["cases.csv", 2, field]);
    expect(error.reason).toMatch(reason);
  });

  it("bytes that are not UTF-8 name their line", async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n${ROW_A}\nC-3,2024-01-01,,,,,,,,,,,caf`), Buffer.from([0xe9, 0x0a])]);
    const error = await importError(parseCanonicalCsv({ name: "latin1.csv", bytes }, { normalise: stubNormalise }));
    expect([error.file, error.line, error.field]).toEqual(["latin1.csv", 3, "encoding"]);
  });

  it("leaves duplicate source_ids to the writer, so the parser holds no per-row state", async () => {
    // The writer's ImportStage refuses them (lib/imports/write/import-stage.ts) (tests/integration/imports/import-semantics.test.ts).
    const records = await parse(`${HEADER}\n${ROW_A}\n${ROW_A}\n`);
    expect(casesOf(records).map((c) => [c.case.sourceId, c.ref.line])).toEqual([
      ["A-1", 2],
      ["A-1", 3],
    ]);
  });

  it("an empty version cell means no version given, not a null version", async () => {
    const records = await parse(`${HEADER},version\n${ROW_A},\n${ROW_A.replace("A-1", "A-2")},4\n`);
    expect(rejectsOf(records)).toEqual([]);
    expect(casesOf(records).map((c) => c.case.version)).toEqual([undefined, 4]);
  });

  it("an empty file is refused", async () => {
    const error = await importError(parseCanonicalCsv(csv(""), { normalise: stubNormalise }));
    expect(error.field).toBe("header");
  });
});

describe("CSV cells", () => {
  it("documents every column once, required ones in their documented order", () => {
    const names = CSV_COLUMNS.map((c) => c.column);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 13)).toEqual(CSV_REQUIRED_COLUMNS);
    expect(names).toEqual(expect.arrayContaining(["icu", "lewy_body_dementia", "rechallenge_recurred", "weight_kg", "ck_uln"]));
  });

  it.each([
    ["sex", "M", "male"],
    ["sex", "f", "female"],
    ["sex", "U", "unknown"],
    ["sex", "", "unknown"],
    ["boolean", "YES", true],
    ["boolean", "", null],
    ["outcome", "", "unknown"],
    ["number", " 1e3 ", 1000],
  ] as const)("%s %j → %j", (kind, cell, value) => {
    expect(parseCell(kind, cell)).toEqual(value);
  });

  it("drugs cells round-trip (names may contain colons and semicolons; details in the JSON form)", () => {
    const name = fc.string({ minLength: 1, maxLength: 20 });
    const isoDate = fc
      .date({ min: new Date("1990-01-01"), max: new Date("2024-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const drug = fc.record(
      {
        name,
        role: fc.constantFrom("suspect", "concomitant", "interacting", "withdrawn") as fc.Arbitrary<"suspect">,
        dose: fc.string({ maxLength: 12 }),
        route: fc.constantFrom("oral", "intramuscular", "i.v.; then oral"),
        formulation: fc.constantFrom("oral", "depot", "parenteral", "other") as fc.Arbitrary<"oral">,
        startDate: isoDate,
        stopDate: isoDate,
        doseChange: fc.constantFrom("started", "increased", "decreased", "stopped", "unchanged") as fc.Arbitrary<"started">,
        doseChangeDate: isoDate,
      },
      { requiredKeys: ["name", "role"] },
    );
    fc.assert(
      fc.property(fc.array(drug, { minLength: 1, maxLength: 5 }), (drugs) => {
        expect(parseDrugsCell(formatDrugsCell(drugs))).toEqual(drugs);
      }),
    );
    expect(parseDrugsCell("Drug: X:suspect")).toEqual([{ name: "Drug: X", role: "suspect" }]);
    // Name and role only: the compact form a person writes by hand.
    expect(
      formatDrugsCell([
        { name: "haloperidol", role: "suspect" },
        { name: "lithium", role: "concomitant", dose: null },
      ]),
    ).toBe("haloperidol:suspect;lithium:concomitant");
    expect(formatDrugsCell([{ name: "haloperidol", role: "suspect", dose: "5 mg", route: "oral" }])).toBe(
      '[{"name":"haloperidol","role":"suspect","dose":"5 mg","route":"oral"}]',
    );
    expect(() => parseDrugsCell("[haloperidol:suspect")).toThrow(/not a JSON array/);
    expect(() => parseDrugsCell('["haloperidol"]')).toThrow(/JSON array of drug objects/);
  });

  it("formatCell is parseCell's inverse for every kind", () => {
    for (const [kind, value] of [
      ["boolean", false],
      ["number", 40.5],
      ["date", "2024-01-01"],
      ["outcome", "fatal"],
    ] as const) {
      expect(parseCell(kind, formatCell(kind, value))).toEqual(value);
    }
    expect(formatCell("boolean", null)).toBe("");
  });
});
