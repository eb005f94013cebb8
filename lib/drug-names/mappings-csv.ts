// The mappings CSV (export and import): `name,drug,ignore` — one mapping a row, drug a catalogue
// INN or empty with ignore "yes". Parsed whole and validated row by row before anything is
// written, so a bad row names its line and field and nothing changes.
import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import { ZDrugNameMapping, type TDrugNameMapping } from "@/lib/domain/drug-name-mapping-schema";
import { csvRows } from "@/lib/exports/csv-safe";
import type { TMappingView } from "@/lib/queries/find-drug-name-mappings";

export const MAPPINGS_CSV_HEADER = ["name", "drug", "ignore"] as const;
const MAX_ROWS = 50_000;

export function mappingsToCsv(mappings: readonly TMappingView[]): string {
  return csvRows([[...MAPPINGS_CSV_HEADER], ...mappings.map((m) => [m.name, m.drug ?? "", m.ignore])]);
}

const invalid = (line: number, field: string, message: string) =>
  new AppError("invalid_input", `Line ${line}: ${field} ${message}`, [{ path: `line ${line}.${field}`, message }]);

export function parseMappingsCsv(text: string): TDrugNameMapping[] {
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 10_000 });
    records = parsed as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw invalid(line, "(file)", `is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...rows] = records;
  if (!header || header.map((h) => h.trim().toLowerCase()).join(",") !== MAPPINGS_CSV_HEADER.join(",")) {
    throw invalid(1, "(header)", `must be exactly ${MAPPINGS_CSV_HEADER.join(",")}`);
  }
  if (rows.length > MAX_ROWS) throw invalid(MAX_ROWS + 2, "(file)", `has more than ${MAX_ROWS} mappings`);
  return rows.map(([name = "", drug = "", ignore = ""], i) => {
    const flag = ignore.trim().toLowerCase();
    if (!["", "yes", "no", "true", "false"].includes(flag)) throw invalid(i + 2, "ignore", "must be yes, no or empty");
    const ignored = flag === "yes" || flag === "true";
    const parsed = ZDrugNameMapping.safeParse({ name, ...(drug.trim() ? { drug } : {}), ...(ignored ? { ignore: true } : {}) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(i + 2, String(issue?.path[0] ?? "name"), issue?.message ?? "is invalid");
    }
    return parsed.data;
  });
}
