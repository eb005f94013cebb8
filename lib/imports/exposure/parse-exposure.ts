// Reads an exposure CSV whole (a file of strata: thousands of rows, not millions) into validated
// rows; every problem names the file, line and column, as the case importers do.
import { parse } from "csv-parse/sync";
import { decodeUtf8, inputName, openInput } from "../shared/text-stream";
import { fileError, recordError } from "../errors";
import type { TImportInput } from "../types";
import { EXPOSURE_COLUMNS, EXPOSURE_REQUIRED, ZExposureRow, findOverlap, type TExposureRow } from "./exposure-row";

export async function readExposureCsv(input: TImportInput): Promise<TExposureRow[]> {
  const file = inputName(input);
  let text = "";
  for await (const chunk of decodeUtf8(openInput(input).bytes, file)) text += chunk;
  let records: string[][];
  try {
    const parsed: unknown = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: false, skip_empty_lines: true });
    records = Array.isArray(parsed) ? parsed.map((row: unknown) => (Array.isArray(row) ? row.map(String) : [])) : [];
  } catch (error) {
    throw fileError({ file }, "csv", error instanceof Error ? error.message : String(error));
  }
  const [header, ...body] = records;
  if (!header) throw fileError({ file, line: 1 }, "header", `the file is empty (header must be ${EXPOSURE_COLUMNS.join(",")})`);
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = EXPOSURE_REQUIRED.filter((c) => !names.includes(c));
  if (missing.length)
    throw fileError(
      { file, line: 1 },
      missing[0] ?? "header",
      `required column${missing.length > 1 ? "s" : ""} missing: ${missing.join(", ")}`,
    );
  const unknown = names.find((n) => !(EXPOSURE_COLUMNS as readonly string[]).includes(n));
  if (unknown !== undefined)
    throw fileError({ file, line: 1 }, unknown || "header", `is not an exposure column (${EXPOSURE_COLUMNS.join(",")})`);
  const rows = body.map((cells, i): TExposureRow => {
    // Blank lines are skipped by the parser, so line numbers assume one line per record (no quoted newlines in strata).
    const line = i + 2;
    const raw = Object.fromEntries(EXPOSURE_COLUMNS.map((c) => [c, names.includes(c) ? (cells[names.indexOf(c)] ?? "") : ""]));
    const parsed = ZExposureRow.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw recordError({ file, line }, String(issue?.path[0] ?? "row"), issue?.message ?? "invalid");
    }
    return { ...parsed.data, line };
  });
  if (rows.length === 0) throw fileError({ file, line: 2 }, "row", "the file has a header but no strata");
  const overlap = findOverlap(rows);
  if (overlap) {
    const [a, b] = overlap;
    throw recordError(
      { file, line: b.line },
      "stratum",
      `line ${b.line} overlaps line ${a.line}: both count ${a.year} ${a.drug_class}${a.drug ? ` ${a.drug}` : ""} (${a.setting}) person-years for the same country, sex and age band in source “${a.source}”`,
    );
  }
  return rows;
}
