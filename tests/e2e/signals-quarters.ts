// Two authored FAERS quarters for the signals browser test, written as quarter folders the CLI
// imports: 25 catalogue drugs across every class, each with some NMS reports (a) and many other
// reports, plus reports of a non-catalogue drug — so several drugs have a ≥ 3 and the EBGM prior
// (≥ 20 drugs with a ≥ 1) can be fitted.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { NMS, table, type TTable } from "../unit/imports/faers-fixtures";

export const SIGNAL_DRUGS = DRUG_CATALOGUE.filter((_, i) => i % 3 === 0).map((d) => d.name);

type TRow = Record<string, string>;

/** NMS and other reports of drug i in quarter q (0 or 1): haloperidol strongest, a tail of ones. */
const nmsReports = (i: number, q: number) => (i === 0 ? 14 : Math.max(1, 8 - i)) + q * (i % 2);
const otherReports = (i: number, q: number) => 25 + 6 * i + 10 * q;

/** Writes folder `faers_ascii_20<yy>q<n>` with the seven tables; returns its path. */
export function writeSignalQuarter(root: string, quarter: "24Q1" | "24Q2"): string {
  const q = quarter === "24Q1" ? 0 : 1;
  const tables: Record<"DEMO" | "DRUG" | "REAC", TRow[]> = { DEMO: [], DRUG: [], REAC: [] };
  let next = 100_000 + q * 50_000;
  const report = (drug: string, nms: boolean) => {
    const id = String(next++);
    tables.DEMO.push({
      primaryid: `${id}1`,
      caseid: id,
      caseversion: "1",
      fda_dt: `2024${q ? "05" : "02"}10`,
      sex: id.endsWith("1") ? "M" : "F",
      age: "40",
      age_cod: "YR",
      occp_cod: "MD",
      occr_country: "US",
    });
    tables.DRUG.push({ primaryid: `${id}1`, caseid: id, drug_seq: "1", role_cod: "PS", drugname: drug });
    tables.REAC.push({ primaryid: `${id}1`, caseid: id, pt: nms ? NMS : "Nausea" });
  };
  SIGNAL_DRUGS.forEach((name, i) => {
    for (let k = 0; k < nmsReports(i, q); k++) report(name.toUpperCase(), true);
    for (let k = 0; k < otherReports(i, q); k++) report(name.toUpperCase(), false);
  });
  for (let k = 0; k < 1500; k++) report("ACETAMINOPHEN", k % 150 === 0);

  const folder = path.join(root, `faers_ascii_20${quarter.toLowerCase()}`);
  mkdirSync(folder, { recursive: true });
  const all: Record<TTable, TRow[]> = { ...tables, OUTC: [], THER: [], INDI: [], RPSR: [] };
  for (const [name, rows] of Object.entries(all)) writeFileSync(path.join(folder, `${name}${quarter}.txt`), table(name as TTable, rows));
  return folder;
}
