// Column names of the FAERS quarterly tables in their two layouts: current FAERS (2012Q4 on,
// keyed by primaryid, case by caseid + caseversion) and legacy AERS (to 2012Q3, keyed by isr,
// case by `case`). Each logical field lists the header names it has had over the years.

export type TFaersLayoutName = "faers" | "aers";

/** Logical field → accepted header names (lower case), first match wins; "?" suffix = optional. */
type TColumnSpec = Readonly<Record<string, readonly string[]>>;

const CURRENT: Readonly<Record<string, TColumnSpec>> = {
  DEMO: {
    id: ["primaryid"],
    caseId: ["caseid"],
    version: ["caseversion"],
    "eventDate?": ["event_dt"],
    "fdaDate?": ["fda_dt"],
    "reportDate?": ["rept_dt"],
    "age?": ["age"],
    "ageUnit?": ["age_cod"],
    "sex?": ["sex", "gndr_cod"],
    "weight?": ["wt"],
    "weightUnit?": ["wt_cod"],
    "occupation?": ["occp_cod"],
    "occurCountry?": ["occr_country"],
    "reporterCountry?": ["reporter_country"],
  },
  DRUG: {
    id: ["primaryid"],
    "caseId?": ["caseid"],
    seq: ["drug_seq"],
    role: ["role_cod"],
    name: ["drugname"],
    "activeIngredient?": ["prod_ai"],
    "route?": ["route"],
    "doseText?": ["dose_vbm"],
    "doseAmount?": ["dose_amt"],
    "doseUnit?": ["dose_unit"],
    "doseForm?": ["dose_form"],
    "dechal?": ["dechal"],
    "rechal?": ["rechal"],
  },
  REAC: { id: ["primaryid"], "caseId?": ["caseid"], pt: ["pt"] },
  OUTC: { id: ["primaryid"], code: ["outc_cod"] },
  THER: { id: ["primaryid"], seq: ["dsg_drug_seq"], "start?": ["start_dt"], "end?": ["end_dt"] },
  INDI: { id: ["primaryid"], seq: ["indi_drug_seq"], pt: ["indi_pt"] },
  RPSR: { id: ["primaryid"] },
};

const LEGACY: Readonly<Record<string, TColumnSpec>> = {
  DEMO: {
    id: ["isr"],
    caseId: ["case"],
    "initialOrFollowUp?": ["i_f_cod"],
    "followUpSeq?": ["foll_seq"],
    "eventDate?": ["event_dt"],
    "fdaDate?": ["fda_dt"],
    "reportDate?": ["rept_dt"],
    "age?": ["age"],
    "ageUnit?": ["age_cod"],
    "sex?": ["gndr_cod", "sex"],
    "weight?": ["wt"],
    "weightUnit?": ["wt_cod"],
    "occupation?": ["occp_cod"],
    "occurCountry?": ["occr_country"],
    "reporterCountry?": ["reporter_country"],
  },
  DRUG: {
    id: ["isr"],
    seq: ["drug_seq"],
    role: ["role_cod"],
    name: ["drugname"],
    "route?": ["route"],
    "doseText?": ["dose_vbm"],
    "dechal?": ["dechal"],
    "rechal?": ["rechal"],
  },
  REAC: { id: ["isr"], pt: ["pt"] },
  OUTC: { id: ["isr"], code: ["outc_cod"] },
  THER: { id: ["isr"], seq: ["drug_seq"], "start?": ["start_dt"], "end?": ["end_dt"] },
  INDI: { id: ["isr"], seq: ["drug_seq"], pt: ["indi_pt"] },
  RPSR: { id: ["isr"] },
};

export const LAYOUTS: Readonly<Record<TFaersLayoutName, Readonly<Record<string, TColumnSpec>>>> = {
  faers: CURRENT,
  aers: LEGACY,
};

/** The DEMO header says which layout a quarter uses. */
export function layoutOf(demoHeader: readonly string[]): TFaersLayoutName | null {
  if (demoHeader.includes("primaryid")) return "faers";
  if (demoHeader.includes("isr")) return "aers";
  return null;
}

export type TResolvedColumns = { index: Readonly<Record<string, number>>; missing: string[] };

/** Maps a table's header onto the layout's logical fields; lists required ones not found. */
export function resolveColumns(spec: TColumnSpec, header: readonly string[]): TResolvedColumns {
  const index: Record<string, number> = {};
  const missing: string[] = [];
  for (const [key, names] of Object.entries(spec)) {
    const optional = key.endsWith("?");
    const found = names.map((n) => header.indexOf(n)).find((i) => i !== -1);
    if (found !== undefined) index[optional ? key.slice(0, -1) : key] = found;
    else if (!optional) missing.push(names[0] ?? key);
  }
  return { index, missing };
}
