// Writes an exposure CSV under its import job, all or nothing: each source in the file replaces
// that source's dataset (rows, flags, who loaded it), in one transaction with the job's success.
import type pg from "pg";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { withTransaction } from "@/lib/db/transaction";
import { ImportError, recordError } from "../errors";
import type { TImportInput } from "../types";
import { failImportJob, finishImportJob, holdJob } from "../write/import-jobs";
import type { TImportJobError } from "../write/import-jobs";
import type { TExposureRow } from "./exposure-row";
import { readExposureCsv } from "./parse-exposure";

export type TExposureImportOptions = { actor?: string | null; completeAscertainment?: boolean };
export type TExposureImportCounts = { read: number; imported: number; updated: number; skipped: number; rejected: number; deleted: number };

/** Catalogue drug ids by lower-cased name and display name, with their class. */
async function catalogue(client: pg.ClientBase): Promise<Map<string, { id: number; drugClass: string }>> {
  const { rows } = await client.query<{ id: number; name: string; display_name: string; drug_class: string }>(
    `SELECT id, name, display_name, drug_class::text AS drug_class FROM catalogue_drug`,
  );
  const index = new Map<string, { id: number; drugClass: string }>();
  for (const r of rows) for (const n of [r.name, r.display_name]) index.set(n.toLowerCase(), { id: r.id, drugClass: r.drug_class });
  return index;
}

function drugIdOf(row: TExposureRow, drugs: Map<string, { id: number; drugClass: string }>, file: string): number | null {
  if (row.drug === "") return null;
  const drug = drugs.get(row.drug.toLowerCase());
  if (!drug)
    throw recordError({ file, line: row.line }, "drug", `“${row.drug}” is not a catalogue drug name (leave drug empty for class level)`);
  if (drug.drugClass !== row.drug_class)
    throw recordError({ file, line: row.line }, "drug", `“${row.drug}” belongs to ${drug.drugClass}, not ${row.drug_class}`);
  return drug.id;
}

export async function runExposureImport(
  input: TImportInput,
  jobId: string,
  fileName: string,
  options: TExposureImportOptions,
): Promise<TExposureImportCounts> {
  const release = holdJob(jobId);
  const counts: TExposureImportCounts = { read: 0, imported: 0, updated: 0, skipped: 0, rejected: 0, deleted: 0 };
  const actor = options.actor ?? "system";
  try {
    const rows = await readExposureCsv(input);
    counts.read = rows.length;
    await withTransaction(async ({ sql: client }) => {
      const drugs = await catalogue(client);
      const drugIds = rows.map((row) => drugIdOf(row, drugs, fileName));
      const sources = [...new Set(rows.map((r) => r.source))];
      for (const source of sources) {
        const { rows: before } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM exposure_denominator WHERE source = $1`, [
          source,
        ]);
        const replaced = Number(before[0]?.n ?? 0);
        // The job's "updated" reports the strata this file replaced (lib/imports/import-report.ts).
        counts.deleted += replaced;
        counts.updated += replaced;
        const deleted = await client.query(`DELETE FROM exposure_dataset WHERE source = $1`, [source]);
        await client.query(
          `INSERT INTO exposure_dataset (source, complete_ascertainment, synthetic, loaded_by, import_job_id) VALUES ($1, $2, false, $3, $4)`,
          [source, options.completeAscertainment ?? false, actor, jobId],
        );
        const mine = rows.filter((r) => r.source === source);
        await writeAuditEvent(client, {
          actor,
          action: (deleted.rowCount ?? 0) > 0 ? "update" : "create",
          entity: "exposure_dataset",
          entityId: source,
          before: (deleted.rowCount ?? 0) > 0 ? { strata: replaced } : null,
          after: {
            strata: mine.length,
            personYears: mine.reduce((s, r) => s + r.person_years, 0),
            completeAscertainment: options.completeAscertainment ?? false,
            fileName,
          },
          requestId: `import:${jobId}`,
        });
      }
      const column = <T>(f: (r: TExposureRow, i: number) => T) => rows.map(f);
      const inserted = await client.query(
        `INSERT INTO exposure_denominator (year, drug_class, drug_id, sex, age_band, person_years, persons, source, country, setting)
         SELECT * FROM unnest($1::int[], $2::text[]::"DrugClass"[], $3::int[], $4::text[], $5::text[], $6::float8[], $7::int[], $8::text[], $9::text[], $10::text[])`,
        [
          column((r) => r.year),
          column((r) => r.drug_class),
          column((_, i) => drugIds[i] ?? null),
          column((r) => r.sex),
          column((r) => r.age_band),
          column((r) => r.person_years),
          column((r) => r.persons_exposed),
          column((r) => r.source),
          column((r) => r.country),
          column((r) => r.setting),
        ],
      );
      counts.imported = inserted.rowCount ?? 0;
      await finishImportJob(client, jobId, counts, [], []);
    });
    return counts;
  } catch (error) {
    const detail: TImportJobError =
      error instanceof ImportError
        ? { file: error.file, line: error.line ?? null, record: error.record ?? null, field: error.field, message: error.reason }
        : { file: fileName, line: null, record: null, field: null, message: error instanceof Error ? error.message : String(error) };
    await failImportJob(jobId, counts, detail);
    throw error;
  } finally {
    release();
  }
}
