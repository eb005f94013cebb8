// Valid and near-valid values of each GET route's query parameters, which the query fuzzer mixes
// with hostile strings: valid ones reach the SQL (and the 200s), near-valid ones the edge rules.
import { DIMENSIONS } from "@/lib/queries/aggregates/query-schema";
import { AGE_BANDS, CASE_SOURCES, DRUG_CLASSES, OUTCOMES, SEXES } from "@/lib/domain/vocabulary";
import { LATENCY_BUCKETS } from "@/lib/domain/onset-latency";
import { SQL_INJECTIONS } from "./fuzz-support";

export type TParamValues = Record<string, readonly string[]>;

const DATES = [
  "2021-01-01",
  "2024-12-31",
  "1900-01-01",
  "2100-12-31",
  "1899-12-31",
  "2101-01-01",
  "2024-02-29",
  "2023-02-29",
  "2024-13-01",
  "24-01-01",
  "2024-01-01T00:00:00Z",
  "",
];
const BOOLEANS = ["true", "false", "TRUE", "1", "yes", ""];
const NUMBERS = [
  "1",
  "2",
  "5",
  "50",
  "200",
  "201",
  "0",
  "-1",
  "1.5",
  "1e3",
  "9007199254740993",
  "99999999999999999999",
  "Infinity",
  "NaN",
  " 7 ",
  "0x10",
];
const DRUGS = [
  "haloperidol",
  "HALOPERIDOL",
  " olanzapine ",
  "metoclopramide",
  "levodopa",
  "tetrabenazine",
  "not-a-drug",
  ...SQL_INJECTIONS.slice(0, 3),
];

const FILTERS: TParamValues = {
  from: DATES,
  to: DATES,
  drugClass: [...DRUG_CLASSES, "First_Generation", "typical"],
  drug: DRUGS,
  sex: [...SEXES, "M", "F", "Male"],
  ageBand: [...AGE_BANDS, "65 ", "65", "18-40", "-1"],
  outcome: [...OUTCOMES, "died"],
  country: ["GB", "us", " de ", "unknown", "UNKNOWN", "GBR", "1A"],
  source: [...CASE_SOURCES, "MANUAL", "vaers"],
  meetsConsensus: BOOLEANS,
};

export const AGGREGATE_PARAMS: TParamValues = {
  by: [...DIMENSIONS, "Sex", "age", ""],
  then: [...DIMENSIONS, "none", ""],
  ci: ["wilson", "exact", "bayes", ""],
  ...FILTERS,
};

export const EXPORT_PARAMS: TParamValues = {
  ...AGGREGATE_PARAMS,
  suppress: BOOLEANS,
  threshold: NUMBERS,
};

export const CASE_LIST_PARAMS: TParamValues = {
  page: NUMBERS,
  pageSize: NUMBERS,
  sort: [
    "onsetDate",
    "-onsetDate",
    "-receivedDate",
    "ageYears",
    "-consensusScore",
    "naranjoScore",
    "sourceId",
    "--sourceId",
    "narrative",
    "c.id; DROP TABLE case_report",
  ],
  q: ["haloperidol", "LEAK", "%", "_", "\\", "leak-narrative", "=HYPERLINK", ...SQL_INJECTIONS],
  latency: [...LATENCY_BUCKETS, "0-2"],
  ...FILTERS,
};

export const SIGNAL_PARAMS: TParamValues = {
  source: ["faers", "openfda", "e2b", "manual", "csv", ""],
  from: ["2017Q1", "2017q2", "2024Q4", "2024Q5", "2024", "0000Q1"],
  to: ["2017Q1", "2024Q4", "9999Q4", "2017-Q1"],
  drug: DRUGS,
  drugClass: [...DRUG_CLASSES, "atypical"],
  prr: NUMBERS,
  chi2: NUMBERS,
  minCases: NUMBERS,
  ror: NUMBERS,
  ic025: [...NUMBERS, "-2.5"],
  eb05: NUMBERS,
};

export const AUDIT_PARAMS: TParamValues = {
  entity: ["case", "import", "api_token", "baseline", "user", ...SQL_INJECTIONS.slice(0, 2)],
  entityId: ["00000000-0000-4000-8000-000000000000", "not-a-uuid", ""],
  actor: ["fixture", "token:", "FIXTURE@NMS.TEST", "%", "_", ...SQL_INJECTIONS.slice(0, 2)],
  action: ["create", "update", "delete", "drop", ""],
  from: DATES,
  to: DATES,
  page: NUMBERS,
  pageSize: NUMBERS,
};
