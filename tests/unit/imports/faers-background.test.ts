// The FAERS background tally as the signals need it (docs/signals.md), with the real catalogue:
// a case counts once (its latest version), once per class however many of the class's drugs it
// names, only through attributing roles, and an NMS treatment only when withdrawn.
import { describe, expect, it } from "vitest";
import { parseFaers } from "@/lib/imports/faers/parse-faers";
import { NMS, quarterFiles, type TQuarter } from "./faers-fixtures";
import { backgroundOf, collect, summaryOf, writeFiles } from "./helpers";

const parse = async (quarter: TQuarter) => collect(parseFaers(writeFiles(quarterFiles(quarter)), { skipInvalid: true }));
const demo = (primaryid: string, caseid: string, caseversion = "1") => ({
  primaryid,
  caseid,
  caseversion,
  fda_dt: "20240110",
  occp_cod: "MD",
  occr_country: "US",
});
const drug = (primaryid: string, caseid: string, seq: number, drugname: string, role_cod: string, dechal = "") => ({
  primaryid,
  caseid,
  drug_seq: String(seq),
  drugname,
  role_cod,
  dechal,
});

describe("FAERS background tally", () => {
  it("counts a report naming two drugs of one class once for the class, once for each drug", async () => {
    const records = await parse({
      DEMO: [demo("11", "1"), demo("21", "2")],
      DRUG: [drug("11", "1", 1, "HALOPERIDOL", "PS"), drug("11", "1", 2, "FLUPHENAZINE", "SS"), drug("21", "2", 1, "HALOPERIDOL", "PS")],
      REAC: [
        { primaryid: "11", caseid: "1", pt: NMS },
        { primaryid: "21", caseid: "2", pt: "Nausea" },
      ],
    });
    expect(backgroundOf(records)).toEqual({ haloperidol: [2, 1], fluphenazine: [1, 1] });
    // Summing the drugs would give the class a = 2 out of 1 NMS report.
    expect(summaryOf(records).backgroundClasses).toEqual([{ drugClass: "first_generation", reports: 2, nmsReports: 1 }]);
  });

  it("counts a case once, by its latest version, in the total and for each drug", async () => {
    const records = await parse({
      DEMO: [demo("11", "1", "1"), demo("12", "1", "2"), demo("21", "2")],
      DRUG: [
        drug("11", "1", 1, "OLANZAPINE", "PS"),
        drug("12", "1", 1, "OLANZAPINE", "PS"),
        drug("12", "1", 2, "RISPERIDONE", "SS"),
        drug("21", "2", 1, "OLANZAPINE", "PS"),
      ],
      REAC: [
        { primaryid: "11", caseid: "1", pt: NMS },
        { primaryid: "12", caseid: "1", pt: NMS },
        { primaryid: "21", caseid: "2", pt: "Fall" },
      ],
    });
    expect(backgroundOf(records)).toEqual({ olanzapine: [2, 1], risperidone: [1, 1] });
    expect(summaryOf(records)).toMatchObject({ totalReports: 2, nmsReports: 1, tally: "cases" });
  });

  it("leaves out concomitant drugs and NMS treatments not withdrawn, keeps a withdrawn one", async () => {
    const records = await parse({
      DEMO: [demo("11", "1"), demo("21", "2"), demo("31", "3")],
      DRUG: [
        drug("11", "1", 1, "HALOPERIDOL", "PS"),
        drug("11", "1", 2, "BROMOCRIPTINE", "C"),
        drug("11", "1", 3, "LORAZEPAM", "C"),
        drug("11", "1", 4, "AMANTADINE", "SS"),
        drug("21", "2", 1, "AMANTADINE", "PS", "Y"), // stopped: withdrawal NMS
        drug("31", "3", 1, "BROMOCRIPTINE", "C", "Y"), // a concomitant treatment stopped after the NMS
      ],
      REAC: [
        { primaryid: "11", caseid: "1", pt: NMS },
        { primaryid: "21", caseid: "2", pt: NMS },
        { primaryid: "31", caseid: "3", pt: NMS },
      ],
    });
    expect(backgroundOf(records)).toEqual({ haloperidol: [1, 1], amantadine: [1, 1] });
    expect(summaryOf(records).backgroundClasses).toEqual([
      { drugClass: "dopaminergic_withdrawal", reports: 1, nmsReports: 1 },
      { drugClass: "first_generation", reports: 1, nmsReports: 1 },
    ]);
  });

  it("tallies drugs outside the catalogue too (the rest of the NMS column)", async () => {
    const records = await parse({
      DEMO: [demo("11", "1")],
      DRUG: [drug("11", "1", 1, "HALOPERIDOL", "PS"), drug("11", "1", 2, "ZZ UNKNOWN PRODUCT", "SS")],
      REAC: [{ primaryid: "11", caseid: "1", pt: NMS }],
    });
    expect(backgroundOf(records)).toEqual({ haloperidol: [1, 1], "ZZ UNKNOWN PRODUCT": [1, 1] });
  });
});
