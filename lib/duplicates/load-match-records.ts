// Reads stored cases as the duplicate matcher's records (match-record-of-case.ts derives the same
// fields from an input), in batches through a cursor so a million cases stream in flat memory.
// Deleted cases are not matched; confirmed secondaries are (a new report may match one best).
import type pg from "pg";
import { ATTRIBUTING_ROLES } from "@/lib/domain/vocabulary";
import { MATCH_FLAGS, type TMatchFlag, type TMatchRecord } from "@/lib/stats/record-linkage";

/** A loaded record with what the scan needs besides the compared fields. */
export type TLoadedRecord = TMatchRecord & { revision: number; importJobId: string | null };

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const FLAG_COLUMNS = MATCH_FLAGS.map((f) => `c."${snake(f)}" AS "${f}"`).join(", ");
const ROLES = ATTRIBUTING_ROLES.map((r) => `'${r}'`).join(", ");

/** One row per case; `WHERE` is appended by the caller (parameters from $2 on, $1 is unused). */
export const MATCH_RECORD_SELECT = `
  SELECT c."id", c."revision", c."import_job_id" AS job, (c."onset_date" - DATE '1970-01-01') AS onset, (c."received_date" - DATE '1970-01-01') AS received,
    c."age_years" AS age, NULLIF(c."sex"::text, 'unknown') AS sex, c."country", NULLIF(c."outcome"::text, 'unknown') AS outcome,
    NULLIF(c."reporter_type"::text, 'unknown') AS reporter, c."max_temp_c" AS temp, c."ck_max" AS ck,
    c."attributing_drugs" AS drugs, ${FLAG_COLUMNS},
    (SELECT json_object_agg(cd."name", concat(lower(replace(coalesce(d."dose", ''), ' ', '')), '|', lower(replace(coalesce(d."route", ''), ' ', ''))))
       FROM "case_drug" d JOIN "catalogue_drug" cd ON cd."id" = d."catalogue_drug_id"
       WHERE d."case_id" = c."id" AND d."role" IN (${ROLES}) AND (d."dose" IS NOT NULL OR d."route" IS NOT NULL)) AS doses
  FROM "case_report" c
  WHERE c."deleted_at" IS NULL`;

type TRow = {
  id: string;
  revision: number;
  job: string | null;
  onset: number | null;
  received: number | null;
  age: number | null;
  sex: string | null;
  country: string | null;
  outcome: string | null;
  reporter: string | null;
  temp: number | null;
  ck: number | null;
  drugs: string[] | null;
  doses: Record<string, string> | null;
} & Record<TMatchFlag, boolean | null>;

export function recordOfRow(row: TRow): TLoadedRecord {
  const flags: Partial<Record<TMatchFlag, boolean | null>> = {};
  for (const flag of MATCH_FLAGS) flags[flag] = row[flag];
  return {
    id: row.id,
    revision: row.revision,
    importJobId: row.job,
    onsetDay: row.onset,
    receivedDay: row.received,
    ageYears: row.age,
    sex: row.sex,
    country: row.country,
    outcome: row.outcome,
    reporterType: row.reporter,
    drugs: row.drugs ?? [],
    doses: row.doses ?? {},
    maxTempC: row.temp,
    ckMax: row.ck,
    flags,
  };
}

const BATCH = 5_000;

/**
 * Streams the selected cases in batches (a cursor in the caller's transaction). `where` is an
 * extra condition on `c` with parameters $1…; `onBatch` sees each batch once.
 */
export async function streamMatchRecords(
  client: pg.ClientBase,
  where: { sql: string; params: unknown[] },
  onBatch: (records: TLoadedRecord[]) => void,
): Promise<void> {
  await client.query(`DECLARE nms_duplicate_scan NO SCROLL CURSOR FOR ${MATCH_RECORD_SELECT} AND (${where.sql})`, where.params);
  try {
    for (;;) {
      const { rows } = await client.query<TRow>(`FETCH ${BATCH} FROM nms_duplicate_scan`);
      if (rows.length === 0) break;
      onBatch(rows.map(recordOfRow));
    }
  } finally {
    await client.query("CLOSE nms_duplicate_scan");
  }
}
