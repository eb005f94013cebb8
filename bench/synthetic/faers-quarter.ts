// A synthetic FAERS quarterly ASCII release (current layout: DEMO, DRUG, REAC, OUTC, THER, RPSR,
// INDI, `$`-delimited, FDA's headers, sorted by primaryid, plus a DELETE list) for benchmarks and
// memory tests. Every row is regenerated from (seed, report index) in each table's pass, so a
// quarter of millions of reports is written with flat memory. NMS reports reuse the seed's case
// factory (drugs, roles, sex, age, outcome); the others draw from a background drug mix.
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { DEFAULT_SEED, Prng, buildCase, weighted } from "@/seed";
import { FAERS_HEADERS } from "@/lib/imports/faers/published-headers";

export type TSyntheticFaersOptions = {
  reports: number;
  /** Share of reports coded with the NMS PT (default 2%; real quarters have far fewer). */
  nmsShare?: number;
  seed?: number;
  /** "2024Q1"; default: the quarter in the folder's name (faers_ascii_2024Q1), else 2024Q1. */
  quarter?: string;
};

type TTable = keyof typeof FAERS_HEADERS;

const NMS_PT = "Neuroleptic malignant syndrome";
/** PRNG streams: one per purpose, so a table's pass redraws exactly the same report. */
const REPORT_STREAM = 21;
/** Share of cases that get a follow-up version (a second DEMO row, caseversion 2). */
const FOLLOW_UP_SHARE = 0.05;
const DELETE_SHARE = 0.001;

const BACKGROUND_DRUGS = weighted<readonly [string, string]>([
  [["ASPIRIN", "ASPIRIN"], 6],
  [["METFORMIN HYDROCHLORIDE", "METFORMIN HYDROCHLORIDE"], 6],
  [["HUMIRA", "ADALIMUMAB"], 5],
  [["ELIQUIS", "APIXABAN"], 5],
  [["ATORVASTATIN", "ATORVASTATIN CALCIUM"], 5],
  [["OZEMPIC", "SEMAGLUTIDE"], 4],
  [["KEYTRUDA", "PEMBROLIZUMAB"], 4],
  [["DUPIXENT", "DUPILUMAB"], 4],
  [["LISINOPRIL", "LISINOPRIL"], 4],
  [["PREDNISONE", "PREDNISONE"], 4],
  [["LEVOTHYROXINE SODIUM", "LEVOTHYROXINE SODIUM"], 4],
  [["OMEPRAZOLE", "OMEPRAZOLE"], 3],
  [["SERTRALINE", "SERTRALINE HYDROCHLORIDE"], 3],
  [["QUETIAPINE", "QUETIAPINE FUMARATE"], 2],
  [["SEROQUEL", "QUETIAPINE FUMARATE"], 1],
  [["RISPERDAL", "RISPERIDONE"], 1],
  [["ABILIFY", "ARIPIPRAZOLE"], 1],
  [["HALOPERIDOL", "HALOPERIDOL"], 1],
  [["OLANZAPINE", "OLANZAPINE"], 1],
  [["METOCLOPRAMIDE", "METOCLOPRAMIDE HYDROCHLORIDE"], 1],
  [["CLOZAPINE", "CLOZAPINE"], 1],
  [["LITHIUM CARBONATE", "LITHIUM CARBONATE"], 1],
  [["LEVODOPA", "LEVODOPA"], 1],
  [["SINEMET", "CARBIDOPA\\LEVODOPA"], 1],
  [["TYLENOL", "ACETAMINOPHEN"], 3],
  [["REVLIMID", "LENALIDOMIDE"], 2],
  [["XARELTO", "RIVAROXABAN"], 2],
]);
const BACKGROUND_PTS = weighted([
  ["Nausea", 6],
  ["Fatigue", 6],
  ["Headache", 5],
  ["Drug ineffective", 6],
  ["Off label use", 5],
  ["Dizziness", 4],
  ["Diarrhoea", 4],
  ["Rash", 3],
  ["Pneumonia", 2],
  ["Death", 1],
  ["Pyrexia", 2],
  ["Muscle rigidity", 1],
  ["Rhabdomyolysis", 1],
  ["Confusional state", 1],
  ["Tremor", 1],
] as const);
const NMS_COMPANION_PTS = [
  "Pyrexia",
  "Muscle rigidity",
  "Rhabdomyolysis",
  "Confusional state",
  "Tachycardia",
  "Blood creatine phosphokinase increased",
] as const;
const INDICATIONS = [
  "Schizophrenia",
  "Bipolar disorder",
  "Depression",
  "Product used for unknown indication",
  "Parkinson's disease",
  "Nausea",
  "Agitation",
] as const;
const OCCUPATIONS = weighted([
  ["MD", 30],
  ["HP", 20],
  ["PH", 10],
  ["CN", 35],
  ["OT", 3],
  ["LW", 1],
  ["", 1],
] as const);
const COUNTRIES = weighted([
  ["US", 60],
  ["GB", 6],
  ["JP", 6],
  ["FR", 5],
  ["DE", 5],
  ["CA", 5],
  ["BR", 3],
  ["IT", 3],
  ["ES", 3],
  ["IN", 2],
  ["COUNTRY NOT SPECIFIED", 2],
] as const);
const ROUTES = weighted([
  ["Oral", 60],
  ["Intramuscular", 8],
  ["Intravenous", 8],
  ["Subcutaneous", 10],
  ["Unknown", 14],
] as const);
const ROLE_CODES = { suspect: "PS", interacting: "I", withdrawn: "SS", concomitant: "C" } as const;
const SEX_CODES = { male: "M", female: "F", unknown: "UNK" } as const;

type TDrug = { name: string; ingredient: string; role: string; route: string; dechal: string; rechal: string; start: string };
type TReport = {
  primaryid: string;
  caseid: string;
  version: number;
  nms: boolean;
  demo: Record<string, string>;
  drugs: TDrug[];
  reactions: string[];
  outcomes: string[];
};

const compact = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");

function quarterOf(dir: string, given: string | undefined): { year: number; q: number; short: string } {
  const match = /(\d{4})Q([1-4])/i.exec(given ?? path.basename(dir)) ?? ["", "2024", "1"];
  const year = Number(match[1]);
  const q = Number(match[2]);
  return { year, q, short: `${String(year).slice(2)}Q${q}` };
}

/** Report `index` of the quarter (a follow-up shares its caseid with the report before it). */
function reportAt(index: number, seed: number, nmsShare: number, firstDay: number): TReport {
  const prng = new Prng(seed, index, REPORT_STREAM);
  // Reports pair up (even, odd): an odd one is sometimes its even neighbour's follow-up, so a
  // case's versions sit next to each other and the rows stay sorted by primaryid.
  const isFollowUp = index % 2 === 1 && new Prng(seed, index - 1, REPORT_STREAM + 1).bernoulli(2 * FOLLOW_UP_SHARE);
  const caseIndex = isFollowUp ? index - 1 : index;
  const casePrng = new Prng(seed, caseIndex, REPORT_STREAM + 2);
  const nms = casePrng.bernoulli(nmsShare);
  const version = isFollowUp ? 2 : 1;
  const caseid = String(10_000_000 + caseIndex);
  const primaryid = `${caseid}${version}`;
  const fdaDay = firstDay + casePrng.int(0, 88) + (isFollowUp ? 1 : 0);
  const eventDay = fdaDay - Math.round(casePrng.lognormal(20, 1));
  let drugs: TDrug[];
  let sex: string;
  let age: { value: string; unit: string };
  let fatal: boolean;
  if (nms) {
    const generated = buildCase(caseIndex, seed);
    drugs = generated.drugs.map((d) => ({
      name: d.name.toUpperCase(),
      ingredient: d.name.toUpperCase(),
      role: ROLE_CODES[d.role],
      route: d.formulation === "oral" ? "Oral" : "Intramuscular",
      dechal: prng.pick(["Y", "N", "U", ""]),
      rechal: prng.pick(["U", "", "D"]),
      start: prng.bernoulli(0.4) && d.startDate ? d.startDate.replaceAll("-", "") : "",
    }));
    sex = SEX_CODES[generated.sex];
    age =
      generated.ageYears === null || generated.ageYears === undefined
        ? { value: "", unit: "" }
        : { value: String(Math.round(generated.ageYears)), unit: "YR" };
    fatal = generated.outcome === "fatal";
  } else {
    const count = 1 + Math.floor(prng.lognormal(1.5, 0.6));
    drugs = Array.from({ length: Math.min(count, 12) }, (_, i) => {
      const [name, ingredient] = prng.weightedPick(BACKGROUND_DRUGS);
      return {
        name,
        ingredient,
        role: i === 0 ? "PS" : prng.bernoulli(0.3) ? "SS" : "C",
        route: prng.weightedPick(ROUTES),
        dechal: prng.pick(["Y", "N", "U", "D", ""]),
        rechal: prng.pick(["U", "", "D", "N"]),
        start: prng.bernoulli(0.2) ? compact(eventDay - prng.int(1, 900)) : "",
      };
    });
    sex = prng.pick(["M", "F", "F", "UNK", ""]);
    const unit = prng.weightedPick(
      weighted([
        ["YR", 90],
        ["MON", 3],
        ["DY", 2],
        ["DEC", 2],
        ["", 3],
      ] as const),
    );
    age = {
      value:
        unit === ""
          ? ""
          : unit === "MON"
            ? String(prng.int(1, 23))
            : unit === "DY"
              ? String(prng.int(1, 60))
              : unit === "DEC"
                ? String(prng.int(2, 9))
                : String(prng.int(18, 90)),
      unit,
    };
    fatal = prng.bernoulli(0.04);
  }
  const pts = nms
    ? [NMS_PT, ...NMS_COMPANION_PTS.filter(() => prng.bernoulli(0.3))]
    : [...new Set(Array.from({ length: prng.int(1, 4) }, () => prng.weightedPick(BACKGROUND_PTS)))];
  const outcomes = [
    ...new Set([
      ...(fatal ? ["DE"] : []),
      ...(prng.bernoulli(0.6) ? ["HO"] : []),
      ...(prng.bernoulli(0.15) ? [prng.pick(["LT", "OT", "DS", "RI", "CA"])] : []),
    ]),
  ];
  const kg = prng.bernoulli(0.5) ? null : prng.int(40, 120);
  const lbs = kg !== null && prng.bernoulli(0.2);
  const demo: Record<string, string> = {
    primaryid,
    caseid,
    caseversion: String(version),
    i_f_code: isFollowUp ? "F" : "I",
    event_dt: prng.bernoulli(0.15) ? "" : prng.bernoulli(0.1) ? compact(eventDay).slice(0, 6) : compact(eventDay),
    init_fda_dt: compact(fdaDay - (isFollowUp ? 1 : 0)),
    fda_dt: compact(fdaDay),
    rept_cod: prng.pick(["EXP", "PER", "DIR"]),
    age: age.value,
    age_cod: age.unit,
    sex,
    e_sub: "Y",
    wt: kg === null ? "" : lbs ? String(Math.round(kg * 2.2046)) : String(kg),
    wt_cod: kg === null ? "" : lbs ? "LBS" : "KG",
    rept_dt: compact(fdaDay),
    occp_cod: prng.weightedPick(OCCUPATIONS),
    reporter_country: prng.weightedPick(COUNTRIES),
    occr_country: prng.weightedPick(COUNTRIES),
  };
  return { primaryid, caseid, version, nms, demo, drugs, reactions: pts, outcomes };
}

/** Rows of one table for one report, as `$`-joined lines in FDA's column order. */
function rowsOf(table: TTable, r: TReport): string[] {
  const line = (values: Record<string, string>) =>
    FAERS_HEADERS[table]
      .split("$")
      .map((c) => values[c] ?? "")
      .join("$");
  const key = { primaryid: r.primaryid, caseid: r.caseid };
  switch (table) {
    case "DEMO":
      return [line(r.demo)];
    case "DRUG":
      return r.drugs.map((d, i) =>
        line({
          ...key,
          drug_seq: String(i + 1),
          role_cod: d.role,
          drugname: d.name,
          prod_ai: d.ingredient,
          val_vbm: "1",
          route: d.route,
          dechal: d.dechal,
          rechal: d.rechal,
        }),
      );
    case "REAC":
      return r.reactions.map((pt) => line({ ...key, pt }));
    case "OUTC":
      return r.outcomes.map((code) => line({ ...key, outc_cod: code }));
    case "THER":
      return r.drugs.flatMap((d, i) => (d.start ? [line({ ...key, dsg_drug_seq: String(i + 1), start_dt: d.start })] : []));
    case "INDI":
      return r.drugs.flatMap((d, i) =>
        d.role === "PS"
          ? [line({ ...key, indi_drug_seq: String(i + 1), indi_pt: INDICATIONS[Number(r.caseid) % INDICATIONS.length] ?? "" })]
          : [],
      );
    case "RPSR":
      return r.demo.rept_cod === "DIR" ? [] : [line({ ...key, rpsr_cod: "HP" })];
  }
}

/** Buffered writes with back-pressure: a few hundred KB in memory whatever the table's size. */
class TableWriter {
  private buffer: string[] = [];
  private size = 0;
  private readonly stream: WriteStream;
  private readonly closed: Promise<unknown>;

  constructor(file: string) {
    this.stream = createWriteStream(file);
    this.closed = once(this.stream, "close");
  }

  async line(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.buffer.join("\n") + "\n";
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    if (this.buffer.length) await this.flush();
    this.stream.end();
    await this.closed;
  }
}

/** Writes the quarter's tables into `dir` (created if missing); returns the DEMO rows and how many carry the NMS PT. */
export async function writeSyntheticFaersQuarter(
  dir: string,
  options: TSyntheticFaersOptions,
): Promise<{ reports: number; nmsReports: number }> {
  const { reports } = options;
  const nmsShare = options.nmsShare ?? 0.02;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(reports) || reports < 0) throw new RangeError("reports must be a whole number ≥ 0");
  if (!(nmsShare >= 0 && nmsShare <= 1)) throw new RangeError("nmsShare must be between 0 and 1");
  const quarter = quarterOf(dir, options.quarter);
  const firstDay = Date.UTC(quarter.year, (quarter.q - 1) * 3, 1) / 86_400_000;
  await mkdir(dir, { recursive: true });
  let nmsReports = 0;
  for (const table of Object.keys(FAERS_HEADERS) as TTable[]) {
    const writer = new TableWriter(path.join(dir, `${table}${quarter.short}.txt`));
    await writer.line(FAERS_HEADERS[table]);
    for (let i = 0; i < reports; i++) {
      const report = reportAt(i, seed, nmsShare, firstDay);
      if (table === "DEMO" && report.nms) nmsReports++;
      for (const row of rowsOf(table, report)) await writer.line(row);
    }
    await writer.close();
  }
  // FDA's DELETE list: caseids withdrawn this quarter, one per line.
  const deletes = new TableWriter(path.join(dir, `DELETE${quarter.short}.txt`));
  for (let i = 0; i < reports; i++)
    if (new Prng(seed, i, REPORT_STREAM + 3).bernoulli(DELETE_SHARE)) await deletes.line(String(10_000_000 + i));
  await deletes.close();
  return { reports, nmsReports };
}
