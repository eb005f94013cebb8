// Rows in COPY's text format (https://www.postgresql.org/docs/current/sql-copy.html, "Text
// Format"): one line per row, columns separated by tabs, \N for NULL, and backslash, newline,
// carriage return and tab escaped. The import writes its batches this way on a Postgres server
// (lib/imports/write/copy-stage.ts): the server parses typed text, not JSON turned into jsonb.

const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A text value escaped for one COPY field. */
export function copyEscape(text: string): string {
  return text.replace(SPECIAL, (c) => ESCAPES[c]!);
}

/** An array literal ({"a","b"}) of text or number elements, each quoted (quotes and backslashes escaped). */
function arrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  const items = values.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`));
  return `{${items.join(",")}}`;
}

/**
 * One column value as a COPY field: null/undefined → \N, booleans t/f, numbers as written,
 * arrays as array literals, objects as JSON (jsonb columns), strings (dates, enums, ids) as is.
 */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  switch (typeof value) {
    case "string":
      return copyEscape(value);
    case "boolean":
      return value ? "t" : "f";
    case "number":
      if (!Number.isFinite(value)) throw new RangeError(`cannot store ${value} in a COPY row`);
      return String(value);
    default:
      if (Array.isArray(value)) return copyEscape(arrayLiteral(value as (string | number | null)[]));
      return copyEscape(JSON.stringify(value));
  }
}

/** One row: the values of `keys` in order, tab-separated, ending with a newline. */
export function copyLine(row: object, keys: readonly string[]): string {
  const values = row as Record<string, unknown>;
  let line = "";
  for (let i = 0; i < keys.length; i++) line += (i ? "\t" : "") + copyField(values[keys[i]!]);
  return `${line}\n`;
}
