import { describe, expect, it } from "vitest";
import { parseFaers } from "@/lib/imports/faers/parse-faers";
import { HEADERS, MAIN_QUARTER, NMS, quarterFiles, row, type TQuarter } from "./faers-fixtures";
import { backgroundOf, buildZip, casesOf, collect, importError, rejectsOf, stubNormalise, summaryOf, writeFiles } from "./helpers";
import { expectStrataAddUp } from "./strata-sums";

const options = { normalise: stubNormalise };
const parseQuarter = (quarter: TQuarter, extra = {}) => collect(parseFaers(writeFiles(quarterFiles(quarter)), { ...options, ...extra }));
/** A quarter with one NMS report whose DEMO/DRUG fields the test chooses. */
const oneReport = (demo: Record<string, string>, drugs: Record<string, string>[] = [{ drugname: "HALOPERIDOL", role_cod: "PS" }]) => ({
  DEMO: [{ primaryid: "9001", caseid: "900", caseversion: "1", fda_dt: "20240110", ...demo }],
  DRUG: drugs.map((d, i) => ({ primaryid: "9001", caseid: "900", drug_seq: String(i + 1), ...d })),
  REAC: [{ primaryid: "9001", caseid: "900", pt: NMS }],
});

describe("parseFaers — joins, versions, deletions", () => {
  it("keeps the latest caseversion, drops DELETE-listed cases, maps every table", async () => {
    const records = await parseQuarter(MAIN_QUARTER);
    const cases = casesOf(records);
    expect(cases.map((c) => [c.case.sourceId, c.case.version])).toEqual([
      ["100", 2],
      ["400", 3],
    ]);
    const [latest, other] = cases;
    expect(latest?.ref).toEqual({ file: "DEMO24Q1.txt", line: 3 });
    expect(latest?.case).toMatchObject({
      source: "faers",
      receivedDate: "2024-02-15",
      onsetDate: "2023-11-01", // event_dt 202311: first day of the month
      country: "GB", // occr_country is not a code, reporter_country is
      reporterType: "pharmacist",
      sex: "male",
      ageYears: 35,
      weightKg: 69.853, // 154 LBS
      outcome: "fatal", // OUTC DE
      depotFormulation: true,
      drugStopped: true, // dechal Y
      rechallenge: true,
      rechallengeRecurred: true, // rechal Y
      rhabdomyolysis: true,
      rigidity: true,
    });
    expect(latest?.case.drugs).toEqual([
      {
        name: "HALDOL DECANOATE",
        role: "suspect",
        dose: "100 MG EVERY 4 WEEKS",
        route: "Intramuscular",
        formulation: "depot",
        startDate: "2023-08-15",
        stopDate: "2023-12-31",
      },
      { name: "LITHIUM CARBONATE", role: "concomitant", dose: "600 MG", route: "Oral", formulation: "oral" },
    ]);
    expect(latest?.case.narrative).toBe(
      "Reported reactions (MedDRA PT): neuroleptic malignant syndrome; Rhabdomyolysis; Muscle rigidity. Indications: Schizophrenia.",
    );
    expect(latest?.unmappedDrugNames).toEqual(["LITHIUM CARBONATE"]);
    expect(other?.case).toMatchObject({
      onsetDate: "2023-01-01",
      ageYears: 1.5,
      sex: "unknown",
      reporterType: "consumer",
      country: null,
      outcome: "unknown",
      rechallenge: null,
    });
    // Attributing drugs first; a brand the catalogue lacks is kept by its mapped prod_ai.
    expect(other?.case.drugs?.map((d) => [d.name, d.role])).toEqual([
      ["OLANZAPINE", "suspect"],
      ["METOCLOPRAMIDE", "interacting"],
      ["MYSTERY PILL", "concomitant"],
    ]);
    expect(other?.unmappedDrugNames).toEqual(["MYSTERY PILL"]);
  });

  it("counts background cases per drug: latest versions, attributing roles, deleted cases excluded", async () => {
    const records = await parseQuarter(MAIN_QUARTER);
    expect(backgroundOf(records)).toEqual({
      // Case 100 once (its latest version 1002), case 300 once (listed twice); 2001 is deleted.
      haloperidol: [2, 1],
      // Suspect (SS) and interacting (I) count; concomitant lithium, Risperdal and MYSTERY PILL do not.
      olanzapine: [1, 1],
      metoclopramide: [1, 1],
    });
    expect(summaryOf(records)).toEqual({
      kind: "summary",
      reportsRead: 5,
      drugsRead: 10,
      reactionsRead: 7,
      outcomesRead: 4,
      nmsCases: 2,
      totalReports: 3, // cases 100, 300, 400: one version each, 200 deleted
      nmsReports: 2,
      tally: "cases",
      backgroundClasses: [
        { drugClass: "antiemetic", reports: 1, nmsReports: 1 },
        { drugClass: "first_generation", reports: 2, nmsReports: 1 },
        { drugClass: "second_generation", reports: 1, nmsReports: 1 },
      ],
      deletedIds: ["200"],
      tableRows: { REAC: 7, DELETE: 1, DEMO: 5, DRUG: 10, OUTC: 4, THER: 3, INDI: 1, RPSR: 1 },
      backgroundStrata: expect.any(Array) as unknown,
    });
    // Sex and age band of each case's latest version: 100 M 35 YR, 300 F 6 DEC (60), 400 UNK 18 MON
    // (1.5); 200 is deleted. NMS: 100 and 400 (the two cases above). The strata add up to the crude counts.
    expect(expectStrataAddUp(records)).toEqual({ "male|18-39": [1, 1], "female|40-64": [1, 0], "unknown|0-17": [1, 1] });
  });

  it("counts exactly when DRUG is not grouped by report", async () => {
    const drug = (id: string, name: string) => ({ primaryid: id, caseid: id, drug_seq: "1", role_cod: "PS", drugname: name });
    const records = await parseQuarter({
      DEMO: [
        { primaryid: "5", caseid: "5", caseversion: "1" },
        { primaryid: "6", caseid: "6", caseversion: "1" },
      ],
      DRUG: [drug("6", "HALDOL"), drug("5", "HALDOL"), drug("6", "HALOPERIDOL"), drug("5", "RISPERDAL")],
      REAC: [{ primaryid: "6", caseid: "6", pt: "Fall" }],
    });
    expect(backgroundOf(records)).toEqual({ haloperidol: [2, 0], risperidone: [1, 0] });
  });

  it("a follow-up that no longer codes NMS withdraws the case", async () => {
    const records = await parseQuarter({
      DEMO: [
        { primaryid: "11", caseid: "1", caseversion: "1" },
        { primaryid: "12", caseid: "1", caseversion: "2" },
      ],
      REAC: [
        { primaryid: "11", caseid: "1", pt: NMS },
        { primaryid: "12", caseid: "1", pt: "Serotonin syndrome" },
      ],
    });
    expect(casesOf(records)).toEqual([]);
  });

  it("reads the same quarter from a ZIP, tables in an ASCII/ subfolder with any case", async () => {
    const files = Object.fromEntries(Object.entries(quarterFiles(MAIN_QUARTER, "ASCII/")).map(([k, v]) => [k.replace("DEMO", "demo"), v]));
    const zip = buildZip({ "README.txt": "FDA", ...files });
    const fromZip = await collect(parseFaers({ name: "faers_ascii_2024Q1.zip", bytes: zip }, options));
    const fromFolder = await parseQuarter(MAIN_QUARTER);
    const strip = (records: typeof fromZip) => JSON.stringify(records).replaceAll("demo24Q1", "DEMO24Q1");
    expect(strip(fromZip)).toEqual(strip(fromFolder));
    const zipPath = writeFiles({ "q.zip": zip });
    expect(summaryOf(await collect(parseFaers(`${zipPath}/q.zip`, options))).nmsCases).toBe(2);
  });
});

describe("parseFaers — codes", () => {
  it.each([
    ["4", "DEC", 40],
    ["30", "YR", 30],
    ["18", "MON", 1.5],
    ["52", "WK", 0.997],
    ["365", "DY", 0.999],
    ["48", "HR", 0.005],
    ["40", "", null], // an age without its unit is no age
  ])("age %s %s → %s years", async (age, ageCod, years) => {
    const [record] = casesOf(await parseQuarter(oneReport({ age, age_cod: ageCod })));
    expect(record?.case.ageYears).toBe(years);
  });

  it.each([
    ["2023", "2023-01-01"],
    ["202302", "2023-02-01"],
    ["20230215", "2023-02-15"],
  ])("partial event_dt %s → %s (first day of the period)", async (eventDt, iso) => {
    const [record] = casesOf(await parseQuarter(oneReport({ event_dt: eventDt })));
    expect(record?.case.onsetDate).toBe(iso);
  });

  it.each([
    ["PS", "suspect"],
    ["SS", "suspect"],
    ["C", "concomitant"],
    ["I", "interacting"],
  ])("role_cod %s → %s", async (code, role) => {
    const [record] = casesOf(await parseQuarter(oneReport({}, [{ drugname: "HALDOL", role_cod: code }])));
    expect(record?.case.drugs?.[0]?.role).toBe(role);
  });

  it.each([
    ["M", "male"],
    ["F", "female"],
    ["UNK", "unknown"],
    ["", "unknown"],
  ])("sex %s → %s", async (code, sex) => {
    const [record] = casesOf(await parseQuarter(oneReport({ sex: code })));
    expect(record?.case.sex).toBe(sex);
  });

  it.each([
    ["MD", "physician"],
    ["PH", "pharmacist"],
    ["OT", "other_health_professional"],
    ["HP", "other_health_professional"],
    ["LW", "lawyer"],
    ["CN", "consumer"],
  ])("occp_cod %s → %s", async (code, type) => {
    const [record] = casesOf(await parseQuarter(oneReport({ occp_cod: code })));
    expect(record?.case.reporterType).toBe(type);
  });

  it.each([
    ["Y", true, true],
    ["N", true, false],
    ["D", false, null],
    ["U", null, null],
  ])("rechal %s → rechallenge %s, recurred %s", async (code, rechallenge, recurred) => {
    const [record] = casesOf(await parseQuarter(oneReport({}, [{ drugname: "HALDOL", role_cod: "PS", rechal: code }])));
    expect([record?.case.rechallenge, record?.case.rechallengeRecurred]).toEqual([rechallenge, recurred]);
  });
});

describe("parseFaers — legacy AERS layout", () => {
  it("joins on isr, uses `case` as the case id and derives versions from i_f_cod/foll_seq", async () => {
    const demo =
      "isr$case$i_f_cod$foll_seq$image$event_dt$mfr_dt$fda_dt$rept_cod$mfr_num$mfr_sndr$age$age_cod$gndr_cod$e_sub$wt$wt_cod$rept_dt$occp_cod$death_dt$to_mfr$confid$";
    const drug = "isr$drug_seq$role_cod$drugname$val_vbm$route$dose_vbm$dechal$rechal$lot_num$exp_dt$nda_num$";
    const files = {
      "DEMO04Q1.TXT": [
        demo,
        row(demo, { isr: "41", case: "4", i_f_cod: "I", fda_dt: "20040102" }),
        row(demo, {
          isr: "42",
          case: "4",
          i_f_cod: "F",
          foll_seq: "2",
          fda_dt: "20040301",
          gndr_cod: "NS",
          wt: "200",
          wt_cod: "LBS",
          age: "3",
          age_cod: "DEC",
        }),
      ].join("\n"),
      "DRUG04Q1.TXT": [drug, row(drug, { isr: "42", drug_seq: "1004492716", role_cod: "PS", drugname: "HALDOL", route: "ORAL" })].join(
        "\n",
      ),
      "REAC04Q1.TXT": "isr$pt$\n41$NEUROLEPTIC MALIGNANT SYNDROME$\n42$NEUROLEPTIC MALIGNANT SYNDROME$",
      "THER04Q1.TXT": "isr$drug_seq$start_dt$end_dt$dur$dur_cod$\n42$1004492716$20031115$$$$",
    };
    const records = await collect(parseFaers(writeFiles(files), options));
    const [record] = casesOf(records);
    expect(record?.case).toMatchObject({
      sourceId: "4",
      version: 3,
      sex: "unknown",
      weightKg: 90.718,
      ageYears: 30,
      receivedDate: "2004-03-01",
      country: null,
    });
    expect(record?.case.drugs).toEqual([
      { name: "HALDOL", role: "suspect", dose: null, route: "ORAL", formulation: "oral", startDate: "2003-11-15", stopDate: null },
    ]);
    expect(summaryOf(records)).toMatchObject({ reportsRead: 2, drugsRead: 1, reactionsRead: 2, outcomesRead: 0, nmsCases: 1 });
  });
});

describe("parseFaers — bad input", () => {
  const files = (quarter: TQuarter) => quarterFiles(quarter);

  it("a missing required column names the table, line 1 and the column", async () => {
    const f = files(MAIN_QUARTER);
    f["DEMO24Q1.txt"] = (f["DEMO24Q1.txt"] ?? "").replace("$caseid$", "$case_id$");
    const error = await importError(parseFaers(writeFiles(f), options));
    expect([error.file, error.line, error.field]).toEqual(["DEMO24Q1.txt", 1, "caseid"]);
  });

  it("a comma-separated table is refused with a clear header error", async () => {
    const f = files(MAIN_QUARTER);
    f["REAC24Q1.txt"] = "primaryid,caseid,pt\n1001,100,Fall\n";
    const error = await importError(parseFaers(writeFiles(f), options));
    expect([error.file, error.line, error.field]).toEqual(["REAC24Q1.txt", 1, "header"]);
    expect(error.message).toMatch(/not '\$'-delimited \(it looks ','-separated\)/);
  });

  it("a truncated last row is a fatal error even in skip-invalid mode", async () => {
    const f = files(MAIN_QUARTER);
    f["DRUG24Q1.txt"] = `${HEADERS.DRUG}\n1001$100$1$PS$HALOPERIDOL$$$Oral$$$$$$$$$$$$\n1002$100$1$PS$HAL`;
    const error = await importError(parseFaers(writeFiles(f), { ...options, skipInvalid: true }));
    expect([error.file, error.line, error.field]).toEqual(["DRUG24Q1.txt", 3, "row"]);
    expect(error.reason).toMatch(/truncated/);
  });

  it("a malformed row in the middle is a record error: skip-invalid rejects it; a trailing '$' is tolerated", async () => {
    const f = files(MAIN_QUARTER);
    const lines = (f["REAC24Q1.txt"] ?? "").split("\n");
    lines.splice(2, 0, "1001$100$Pyrexia$$$", "1001$100$Fall$$"); // 6 fields: bad; 4 + a trailing "$": fine
    f["REAC24Q1.txt"] = lines.join("\n");
    const error = await importError(parseFaers(writeFiles(f), options));
    expect([error.file, error.line, error.field, error.level]).toEqual(["REAC24Q1.txt", 3, "row", "record"]);
    const records = await collect(parseFaers(writeFiles(f), { ...options, skipInvalid: true }));
    expect(rejectsOf(records)).toEqual([
      { kind: "reject", ref: { file: "REAC24Q1.txt", line: 3 }, field: "row", reason: "has 6 fields, the header has 4" },
    ]);
    expect(summaryOf(records)).toMatchObject({ reactionsRead: 8, nmsCases: 2 });
  });

  it("bytes that are not UTF-8 name the table and line", async () => {
    const f: Record<string, string | Uint8Array> = files(MAIN_QUARTER);
    f["REAC24Q1.txt"] = Buffer.concat([
      Buffer.from(`${HEADERS.REAC}\n1001$100$Fall$\n1002$100$Caf`),
      Buffer.from([0xe9]),
      Buffer.from("$\n"),
    ]);
    const error = await importError(parseFaers(writeFiles(f), options));
    expect([error.file, error.line, error.field]).toEqual(["REAC24Q1.txt", 3, "encoding"]);
  });

  it.each([
    [{ sex: "X" }, [], "DEMO24Q1.txt", 2, "sex", /unknown sex code "X"/],
    [{ age: "3", age_cod: "YRS" }, [], "DEMO24Q1.txt", 2, "age_cod", /unknown age unit/],
    [{ occp_cod: "ZZ" }, [], "DEMO24Q1.txt", 2, "occp_cod", /unknown occupation/],
    [{ event_dt: "20230230" }, [], "DEMO24Q1.txt", 2, "event_dt", /not a real calendar date/],
    [{ event_dt: "20231301" }, [], "DEMO24Q1.txt", 2, "event_dt", /month 13/],
    [{ caseversion: "two" }, [], "DEMO24Q1.txt", 2, "caseversion", /not a version/],
    [{ event_dt: "20240301" }, [], "DEMO24Q1.txt", 2, "event_dt", /after the received date/],
    [{ age: "150", age_cod: "YR" }, [], "DEMO24Q1.txt", 2, "age", /at most 120/],
    [{}, [{ drugname: "HALDOL", role_cod: "XX" }], "DRUG24Q1.txt", 2, "role_cod", /unknown role code/],
    [{}, [{ drugname: "HALDOL", role_cod: "PS", rechal: "Q" }], "DRUG24Q1.txt", 2, "rechal", /unknown rechallenge code/],
  ])("record error %j %j → %s line %s field %s", async (demo, drugs, file, line, field, reason) => {
    const quarter = oneReport(demo, drugs.length ? drugs : undefined);
    const error = await importError(parseFaers(writeFiles(files(quarter)), options));
    expect([error.file, error.line, error.field]).toEqual([file, line, field]);
    expect(error.reason).toMatch(reason);
  });

  it("an unknown outcome code names OUTC", async () => {
    const quarter = { ...oneReport({}), OUTC: [{ primaryid: "9001", caseid: "900", outc_cod: "XX" }] };
    const error = await importError(parseFaers(writeFiles(files(quarter)), options));
    expect([error.file, error.line, error.field]).toEqual(["OUTC24Q1.txt", 2, "outc_cod"]);
  });

  it("a duplicate report id within DEMO is an error; skip-invalid rejects it and goes on", async () => {
    const quarter = oneReport({});
    quarter.DEMO.push({ ...quarter.DEMO[0], caseversion: "2" } as (typeof quarter.DEMO)[number]);
    const error = await importError(parseFaers(writeFiles(files(quarter)), options));
    expect([error.file, error.line, error.field]).toEqual(["DEMO24Q1.txt", 3, "primaryid"]);
    const records = await collect(parseFaers(writeFiles(files(quarter)), { ...options, skipInvalid: true }));
    expect(rejectsOf(records)).toEqual([
      { kind: "reject", ref: { file: "DEMO24Q1.txt", line: 3 }, field: "primaryid", reason: 'duplicate report id "9001"' },
    ]);
    expect(casesOf(records)).toHaveLength(1);
  });

  it("skip-invalid turns a bad report into a reject and keeps the others", async () => {
    const quarter = { ...MAIN_QUARTER, DEMO: MAIN_QUARTER.DEMO?.map((d) => (d.primaryid === "4001" ? { ...d, sex: "?" } : d)) };
    const records = await parseQuarter(quarter, { skipInvalid: true });
    expect(casesOf(records).map((c) => c.case.sourceId)).toEqual(["100"]);
    expect(rejectsOf(records)).toEqual([
      { kind: "reject", ref: { file: "DEMO24Q1.txt", line: 6 }, field: "sex", reason: 'unknown sex code "?"' },
    ]);
    expect(summaryOf(records).nmsCases).toBe(1);
  });

  it("a folder without the quarter's tables is refused", async () => {
    const error = await importError(parseFaers(writeFiles({ "notes.txt": "x" }), options));
    expect(error.field).toBe("DEMO");
  });
});
