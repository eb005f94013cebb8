// CSV cells that a spreadsheet cannot run: any text a spreadsheet would read as a formula
// (OWASP "CSV injection") gets a leading apostrophe. Shared by every CSV the app serves.
import { stringify } from "csv-stringify/sync";

/** = + - @, tab and CR start formulas in Excel, LibreOffice and Sheets; so do their full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A plain number ("-3", "-0.25", "1e-7") is data, not a formula: left as it is so it stays numeric. */
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text a spreadsheet would run once its leading apostrophes are gone: the guard goes on text that
 * already starts with apostrophes too ("'=x" → "''=x"), so `restoreNeutralised` is its exact inverse.
 */
function needsGuard(text: string): boolean {
  const core = text.replace(/^'+/, "");
  return FORMULA_START.test(core) && !PLAIN_NUMBER.test(core);
}

export function neutralise(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/** The inverse of `neutralise`: the canonical CSV importer reads back the text the export guarded. */
export function restoreNeutralised(cell: string): string {
  return cell.startsWith("'") && needsGuard(cell.slice(1)) ? cell.slice(1) : cell;
}

export type TCsvValue = string | number | boolean | null | undefined;

/**
 * One cell as text: numbers plainly (shortest round-trip form, no grouping, "." decimal), null and
 * undefined empty, booleans yes/no (as the canonical CSV writes them), text neutralised.
 */
export function csvCell(value: TCsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return neutralise(value);
}

/** Rows as RFC 4180 CSV text (quotes where needed, CRLF line ends), every cell made safe. */
export function csvRows(rows: readonly (readonly TCsvValue[])[]): string {
  return stringify(
    rows.map((row) => row.map(csvCell)),
    { record_delimiter: "windows" },
  );
}
