// Authored FAERS quarter fixtures (current layout, quarter 24Q1) built from named values, so
// each test states only the fields it is about. Headers are FDA's, column for column.
import { FAERS_HEADERS } from "@/lib/imports/faers/published-headers";
export const HEADERS = FAERS_HEADERS;
export type TTable = keyof typeof HEADERS;
type TRow = Record<string, string>;

/** One `$`-row in the order of `header`, blanks for columns not given. */
export function row(header: string, values: TRow): string {
  return header
    .split("$")
    .map((column) => values[column] ?? "")
    .join("$");
}

export function table(name: TTable, rows: TRow[]): string {
  return [HEADERS[name], ...rows.map((r) => row(HEADERS[name], r))].join("\n") + "\n";
}

export type TQuarter = Partial<Record<TTable, TRow[]>> & { DELETE?: string[] };

/** File name → content for a quarter; every table present (empty tables have a header only). */
export function quarterFiles(quarter: TQuarter, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of Object.keys(HEADERS) as TTable[]) files[`${prefix}${name}24Q1.txt`] = table(name, quarter[name] ?? []);
  if (quarter.DELETE) files[`${prefix}DELETE24Q1.txt`] = `\n${quarter.DELETE.join("\n")}\n`;
  return files;
}

export const NMS = "Neuroleptic malignant syndrome";

/**
 * The main fixture. Case 100 has two versions (1001 v1, 1002 v2 — the follow-up adds a death);
 * case 200 is NMS but on the DELETE list; case 300 is not NMS (background only); case 400 is NMS
 * with an interacting drug and a concomitant one.
 */
export const MAIN_QUARTER: TQuarter = {
  DEMO: [
    {
      primaryid: "1001",
      caseid: "100",
      caseversion: "1",
      event_dt: "20231101",
      fda_dt: "20240110",
      age: "35",
      age_cod: "YR",
      sex: "M",
      occp_cod: "MD",
      occr_country: "US",
    },
    {
      primaryid: "1002",
      caseid: "100",
      caseversion: "2",
      i_f_code: "F",
      event_dt: "202311",
      fda_dt: "20240215",
      age: "35",
      age_cod: "YR",
      sex: "M",
      wt: "154",
      wt_cod: "LBS",
      occp_cod: "PH",
      reporter_country: "GB",
      occr_country: "COUNTRY NOT SPECIFIED",
    },
    { primaryid: "2001", caseid: "200", caseversion: "1", fda_dt: "20240105", sex: "F", occp_cod: "HP" },
    { primaryid: "3001", caseid: "300", caseversion: "1", fda_dt: "20240106", sex: "F", age: "6", age_cod: "DEC", occp_cod: "OT" },
    {
      primaryid: "4001",
      caseid: "400",
      caseversion: "3",
      event_dt: "2023",
      fda_dt: "20240120",
      age: "18",
      age_cod: "MON",
      sex: "UNK",
      occp_cod: "CN",
    },
  ],
  DRUG: [
    {
      primaryid: "1001",
      caseid: "100",
      drug_seq: "1",
      role_cod: "PS",
      drugname: "HALOPERIDOL",
      route: "Oral",
      dose_form: "TABLET",
      dechal: "Y",
      rechal: "N",
    },
    {
      primaryid: "1002",
      caseid: "100",
      drug_seq: "1",
      role_cod: "PS",
      drugname: "HALDOL DECANOATE",
      prod_ai: "HALOPERIDOL DECANOATE",
      route: "Intramuscular",
      dose_vbm: "100 MG EVERY 4 WEEKS",
      dechal: "Y",
      rechal: "Y",
    },
    {
      primaryid: "1002",
      caseid: "100",
      drug_seq: "2",
      role_cod: "C",
      drugname: "LITHIUM CARBONATE",
      route: "Oral",
      dose_amt: "600",
      dose_unit: "MG",
    },
    { primaryid: "2001", caseid: "200", drug_seq: "1", role_cod: "PS", drugname: "HALOPERIDOL" },
    { primaryid: "3001", caseid: "300", drug_seq: "1", role_cod: "PS", drugname: "HALOPERIDOL" },
    { primaryid: "3001", caseid: "300", drug_seq: "2", role_cod: "SS", drugname: "HALOPERIDOL" },
    { primaryid: "3001", caseid: "300", drug_seq: "3", role_cod: "C", drugname: "Risperdal" },
    { primaryid: "4001", caseid: "400", drug_seq: "1", role_cod: "SS", drugname: "ACME BRAND", prod_ai: "OLANZAPINE" },
    { primaryid: "4001", caseid: "400", drug_seq: "2", role_cod: "I", drugname: "METOCLOPRAMIDE" },
    { primaryid: "4001", caseid: "400", drug_seq: "3", role_cod: "C", drugname: "MYSTERY PILL", rechal: "D" },
  ],
  REAC: [
    { primaryid: "1001", caseid: "100", pt: NMS },
    { primaryid: "1002", caseid: "100", pt: "neuroleptic malignant syndrome " },
    { primaryid: "1002", caseid: "100", pt: "Rhabdomyolysis" },
    { primaryid: "1002", caseid: "100", pt: "Muscle rigidity" },
    { primaryid: "2001", caseid: "200", pt: NMS },
    { primaryid: "3001", caseid: "300", pt: "Tremor" },
    { primaryid: "4001", caseid: "400", pt: NMS },
  ],
  OUTC: [
    { primaryid: "1001", caseid: "100", outc_cod: "HO" },
    { primaryid: "1002", caseid: "100", outc_cod: "HO" },
    { primaryid: "1002", caseid: "100", outc_cod: "DE" },
    { primaryid: "4001", caseid: "400", outc_cod: "LT" },
  ],
  THER: [
    { primaryid: "1002", caseid: "100", dsg_drug_seq: "1", start_dt: "202309", end_dt: "2023" },
    { primaryid: "1002", caseid: "100", dsg_drug_seq: "1", start_dt: "20230815", end_dt: "20231102" },
    { primaryid: "4001", caseid: "400", dsg_drug_seq: "1", start_dt: "20230105" },
  ],
  INDI: [{ primaryid: "1002", caseid: "100", indi_drug_seq: "1", indi_pt: "Schizophrenia" }],
  RPSR: [{ primaryid: "1002", caseid: "100", rpsr_cod: "HP" }],
  DELETE: ["200"],
};
