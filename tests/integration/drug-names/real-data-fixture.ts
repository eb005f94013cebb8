// Files as a user would bring them: a canonical CSV spelling drugs the way real reports do
// (brands, salts, depot forms, foreign spellings, misspellings, free text) and a FAERS quarter.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { writeSyntheticFaersQuarter } from "@/bench/synthetic/faers-quarter";
import { csvRows } from "@/lib/exports/csv-safe";

const HEADER = [
  "source_id",
  "received_date",
  "onset_date",
  "country",
  "sex",
  "age_years",
  "drugs",
  "max_temp_c",
  "rigidity",
  "mental_status_change",
  "ck_max",
  "outcome",
  "narrative",
];

/** Drug lists cycled over the rows; names the catalogue knows, and two it cannot (haloperidolo, Zyprexa Velotab typo). */
export const DRUG_LISTS = [
  "HALDOL DECANOATE 100MG/ML INJ.:suspect;LORAZEPAM:concomitant",
  "Seroquel XR 300 mg:suspect",
  "levodopa:withdrawn;Parlodel:concomitant",
  "haloperidolo:suspect",
  "Risperdal Consta 50mg:suspect;Reglan:interacting",
  "Zyprxa:suspect;haloperidol lactate:suspect",
  "CARBIDOPA/LEVODOPA:suspect",
  "bromocriptine:suspect",
  "Clozaril:suspect;lithium carbonate:concomitant",
  "metoclopramide hydrochloride:suspect",
] as const;

export function writeRealisticCsv(dir: string, rows: number): string {
  const file = path.join(dir, "my-cases.csv");
  const sexes = ["M", "F", "unknown", "female", "male"];
  const outcomes = ["recovered", "fatal", "unknown", "recovering", "not_recovered"];
  const lines = Array.from({ length: rows }, (_, i) => [
    `MY-${String(i + 1).padStart(4, "0")}`,
    `2021-${String((i % 12) + 1).padStart(2, "0")}-15`,
    i % 7 === 0 ? "" : `2021-${String((i % 12) + 1).padStart(2, "0")}-0${(i % 9) + 1}`,
    ["US", "GB", "DE", "JP"][i % 4]!,
    sexes[i % sexes.length]!,
    i % 5 === 0 ? "" : String(20 + (i % 60)),
    DRUG_LISTS[i % DRUG_LISTS.length]!,
    i % 3 === 0 ? "" : String(38 + (i % 3)),
    i % 2 === 0 ? "yes" : "",
    i % 4 === 0 ? "no" : "yes",
    i % 6 === 0 ? "" : String(1000 + i * 13),
    outcomes[i % outcomes.length]!,
    `Case ${i + 1}`,
  ]);
  writeFileSync(file, csvRows([HEADER, ...lines]));
  return file;
}

export async function writeFaersQuarter(dir: string): Promise<string> {
  const folder = path.join(dir, "faers_ascii_2023Q2");
  await writeSyntheticFaersQuarter(folder, { reports: 1_500, nmsShare: 0.05, seed: 99 });
  return folder;
}
