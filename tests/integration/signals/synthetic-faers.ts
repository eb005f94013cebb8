// A synthetic two-quarter FAERS extract with the traps real quarters hold, for measuring the
// signal methods and for the alerts test: concomitant drugs and NMS treatments (bromocriptine,
// amantadine given for the NMS) on NMS reports, reports naming two drugs of one class, cases
// with two versions in a quarter, drugs with one or two NMS reports, and many drugs outside the
// catalogue (the rest of the database's NMS column). Deterministic (seeded).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Prng } from "@/seed/prng";
import { NMS, table, type TTable } from "../../unit/imports/faers-fixtures";

type TRow = Record<string, string>;
type TDrugSpec = { name: string; role: "PS" | "SS" | "I" | "C"; dechal?: "Y" };

/** Catalogue drugs with a true excess of NMS (relative reporting rate) and background weight. */
const CAUSES: readonly { name: string; nmsRate: number; weight: number }[] = [
  { name: "HALOPERIDOL", nmsRate: 0.08, weight: 4 },
  { name: "FLUPHENAZINE", nmsRate: 0.06, weight: 1 },
  { name: "OLANZAPINE", nmsRate: 0.03, weight: 4 },
  { name: "RISPERIDONE", nmsRate: 0.025, weight: 4 },
  { name: "ARIPIPRAZOLE", nmsRate: 0.02, weight: 3 },
  { name: "METOCLOPRAMIDE", nmsRate: 0.015, weight: 2 },
  { name: "QUETIAPINE", nmsRate: 0.004, weight: 5 },
  { name: "LEVODOPA", nmsRate: 0.004, weight: 2 },
  { name: "PROMETHAZINE", nmsRate: 0.004, weight: 3 },
  { name: "CLOZAPINE", nmsRate: 0.012, weight: 2 },
  { name: "CHLORPROMAZINE", nmsRate: 0.03, weight: 0.6 },
  { name: "ZIPRASIDONE", nmsRate: 0.01, weight: 0.3 },
];
/** Drugs outside the catalogue: the bulk of the database, reporting NMS at the base rate. */
const OTHERS = Array.from({ length: 120 }, (_, i) => `OTHERDRUG ${String(i + 1).padStart(3, "0")}`);
const BASE_NMS_RATE = 0.002;

export type TSyntheticQuarter = "24Q1" | "24Q2";

/** The quarter's rows. Quarter 2 adds reports and strengthens one drug (clozapine). */
export function syntheticQuarterRows(quarter: TSyntheticQuarter): Record<"DEMO" | "DRUG" | "REAC", TRow[]> {
  const q = quarter === "24Q1" ? 0 : 1;
  const prng = new Prng(20_241_207, q, 7);
  const rows: Record<"DEMO" | "DRUG" | "REAC", TRow[]> = { DEMO: [], DRUG: [], REAC: [] };
  let next = 500_000 + q * 100_000;
  const report = (drugs: readonly TDrugSpec[], nms: boolean, versions = 1) => {
    const caseId = String(next++);
    for (let v = 1; v <= versions; v++) {
      const id = `${caseId}${v}`;
      rows.DEMO.push({
        primaryid: id,
        caseid: caseId,
        caseversion: String(v),
        fda_dt: `2024${q ? "05" : "02"}1${v}`,
        sex: prng.bernoulli(0.5) ? "M" : "F",
        age: String(prng.int(18, 80)),
        age_cod: "YR",
        occp_cod: "MD",
        occr_country: "US",
      });
      drugs.forEach((d, i) =>
        rows.DRUG.push({
          primaryid: id,
          caseid: caseId,
          drug_seq: String(i + 1),
          role_cod: d.role,
          drugname: d.name,
          dechal: d.dechal ?? "",
        }),
      );
      rows.REAC.push({ primaryid: id, caseid: caseId, pt: nms ? NMS : prng.bernoulli(0.5) ? "Nausea" : "Headache" });
    }
  };
  const other = () => OTHERS[prng.int(0, OTHERS.length - 1)]!;

  // Background: each cause as primary suspect with a concomitant drug from outside the catalogue.
  for (const cause of CAUSES) {
    const rate = cause.name === "CLOZAPINE" && q === 1 ? cause.nmsRate * 3 : cause.nmsRate;
    const n = Math.round(cause.weight * 220 * (1 + 0.2 * q));
    for (let k = 0; k < n; k++) {
      const nms = prng.bernoulli(rate);
      const drugs: TDrugSpec[] = [
        { name: cause.name, role: "PS" },
        { name: other(), role: "C" },
      ];
      // NMS treated with a dopamine agonist: listed concomitant, or as a secondary suspect stopped later.
      if (nms && prng.bernoulli(0.35))
        drugs.push({ name: prng.bernoulli(0.5) ? "BROMOCRIPTINE" : "AMANTADINE", role: prng.bernoulli(0.6) ? "C" : "SS" });
      // Benzodiazepines and other antipsychotics as co-medication of NMS reports.
      if (nms && prng.bernoulli(0.5)) drugs.push({ name: "QUETIAPINE", role: "C" });
      // A second drug of the same class on the same report.
      if (cause.name === "HALOPERIDOL" && prng.bernoulli(0.3)) drugs.push({ name: "FLUPHENAZINE", role: "SS" });
      report(drugs, nms, prng.bernoulli(0.08) ? 2 : 1);
    }
  }
  // Parkinson's disease: dopamine agonists as suspects of other events; a few true withdrawal NMS.
  for (let k = 0; k < 400; k++)
    report(
      [
        { name: prng.bernoulli(0.5) ? "AMANTADINE" : "BROMOCRIPTINE", role: "PS" },
        { name: "LEVODOPA", role: "C" },
      ],
      false,
    );
  for (let k = 0; k < 2; k++) report([{ name: "AMANTADINE", role: "PS", dechal: "Y" }], true);
  // The rest of the database: non-catalogue drugs at the base rate.
  for (let k = 0; k < 9000; k++)
    report(
      [
        { name: other(), role: "PS" },
        { name: other(), role: "C" },
      ],
      prng.bernoulli(BASE_NMS_RATE),
    );
  // Rare drugs with one NMS report and almost no background.
  report([{ name: "PIMOZIDE", role: "PS" }], true);
  report([{ name: "PIMOZIDE", role: "PS" }], false);
  if (q === 1) report([{ name: "TETRABENAZINE", role: "PS" }], true);
  return rows;
}

/** Writes folder `faers_ascii_2024q<n>` with the seven tables; returns its path. */
export function writeSyntheticQuarter(root: string, quarter: TSyntheticQuarter): string {
  const tables = syntheticQuarterRows(quarter);
  const folder = path.join(root, `faers_ascii_20${quarter.toLowerCase()}`);
  mkdirSync(folder, { recursive: true });
  const all: Record<TTable, TRow[]> = { ...tables, OUTC: [], THER: [], INDI: [], RPSR: [] };
  for (const [name, rows] of Object.entries(all)) writeFileSync(path.join(folder, `${name}${quarter}.txt`), table(name as TTable, rows));
  return folder;
}
