// The data version of an export: what the numbers were computed from — live case count, last
// case change, and fingerprints of the baselines and exposure denominators — hashed into one
// short token. The same query with the same token gives the same numbers.
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { onReadServer, readPrisma } from "@/lib/db/replicas";

export type TDataVersion = { version: string; liveCases: number; lastCaseChange: string | null };

type TRow = { live_cases: bigint; all_cases: bigint; last_case_change: Date | null; baselines: string; exposures: string };

/** Read on the server the surrounding read runs on (an export's numbers and version agree), else a usable replica. */
export function getDataVersion(): Promise<TDataVersion> {
  return onReadServer(readDataVersion);
}

async function readDataVersion(): Promise<TDataVersion> {
  const [row] = await readPrisma().$queryRaw<TRow[]>(Prisma.sql`
    SELECT
      (SELECT count(*) FROM case_report WHERE deleted_at IS NULL AND duplicate_of IS NULL AND status <> 'draft') AS live_cases,
      (SELECT count(*) FROM case_report) AS all_cases,
      (SELECT max(updated_at) FROM case_report) AS last_case_change,
      (SELECT md5(coalesce(string_agg(concat_ws('|', key, metric, value, low, high, statement, setting, drug_class, period_start, period_end, design, citation), ',' ORDER BY key), '')) FROM baseline) AS baselines,
      (SELECT md5(coalesce(string_agg(concat_ws('|', year, drug_class, drug_id, sex, age_band, person_years, source, country, setting), ',' ORDER BY id), ''))
         FROM exposure_denominator)
       || (SELECT md5(coalesce(string_agg(concat_ws('|', source, complete_ascertainment, synthetic), ',' ORDER BY source), '')) FROM exposure_dataset) AS exposures`);
  const liveCases = Number(row?.live_cases ?? 0);
  const lastCaseChange = row?.last_case_change ? row.last_case_change.toISOString() : null;
  const fingerprint = [liveCases, Number(row?.all_cases ?? 0), lastCaseChange, row?.baselines, row?.exposures].join("/");
  return { version: createHash("sha256").update(fingerprint).digest("hex").slice(0, 16), liveCases, lastCaseChange };
}
