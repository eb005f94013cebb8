// A FAERS quarter as tables: finds DEMO/DRUG/REAC/OUTC/THER/INDI/RPSR and the DELETE list by
// name (any case, any subfolder such as ASCII/) in a folder or ZIP, and streams each table as
// `$`-delimited rows checked against its header. Tables can be read more than once (passes).
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileError, recordError } from "../errors";
import type { TImportInput } from "../types";
import { detach, openInput, readLines } from "../shared/text-stream";
import { resolveColumns, type TResolvedColumns } from "./layouts";
import { openZip } from "../shared/zip";

export const FAERS_TABLES = ["DEMO", "DRUG", "REAC", "OUTC", "THER", "INDI", "RPSR", "DELETE"] as const;
export type TFaersTable = (typeof FAERS_TABLES)[number];
const REQUIRED_TABLES: readonly TFaersTable[] = ["DEMO", "DRUG", "REAC"];
const TABLE_FILE = /^(DEMO|DRUG|REAC|OUTC|THER|INDI|RPSR|DELETE)\d{2}Q[1-4]\.txt$/i;

export type TFaersSource = {
  label: string;
  /** The table's file name, or undefined when the quarter lacks it (optional tables only). */
  fileOf(table: TFaersTable): string | undefined;
  open(table: TFaersTable): AsyncIterable<Uint8Array>;
  close(): void;
};

function indexTables(paths: readonly string[], label: string): Map<TFaersTable, string> {
  const found = new Map<TFaersTable, string>();
  for (const path of paths) {
    const match = TABLE_FILE.exec(basename(path));
    if (!match?.[1]) continue;
    const table = match[1].toUpperCase() as TFaersTable;
    const other = found.get(table);
    if (other) throw fileError({ file: label }, table, `two ${table} tables (${other}, ${path}): import one quarter at a time`);
    found.set(table, path);
  }
  const missing = REQUIRED_TABLES.filter((t) => !found.has(t));
  if (missing.length) {
    throw fileError(
      { file: label },
      missing[0] ?? "DEMO",
      `no ${missing.join(", ")} table found (expected files like ${missing[0]}17Q2.txt)`,
    );
  }
  return found;
}

/** A folder path, a .zip path, or ZIP bytes in memory. */
export async function openFaersSource(input: TImportInput): Promise<TFaersSource> {
  const label = typeof input === "string" ? basename(input) : input.name;
  if (typeof input !== "string" && !("bytes" in input)) {
    throw fileError({ file: label }, "file", "a FAERS quarter needs random access: give its folder, its ZIP path or the ZIP bytes");
  }
  const isFolder = typeof input === "string" && (await stat(input).catch(() => null))?.isDirectory();
  if (isFolder) {
    const tables = indexTables(await readdir(input, { recursive: true }), label);
    return {
      label,
      fileOf: (t) => (tables.get(t) ? basename(tables.get(t) ?? "") : undefined),
      open: (t) => openInput(join(input, tables.get(t) ?? "")).bytes,
      close: () => undefined,
    };
  }
  const zip = await openZip(typeof input === "string" ? input : input.bytes, label);
  const tables = indexTables(zip.names, label);
  return {
    label,
    fileOf: (t) => (tables.get(t) ? basename(tables.get(t) ?? "") : undefined),
    open: (t) => zip.open(tables.get(t) ?? ""),
    close: () => zip.close(),
  };
}

export class FaersRow {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly columns: Readonly<Record<string, number>>,
    private readonly header: readonly string[],
  ) {}
  /** The trimmed value of a logical field; "" when empty or the column is absent. */
  get(field: string): string {
    const i = this.columns[field];
    return i === undefined ? "" : (this.fields[i] ?? "").trim();
  }
  has(field: string): boolean {
    return this.columns[field] !== undefined;
  }
  /** A copy to keep beyond the current pass (see detach: a row cut from a chunk pins it). */
  detach(): FaersRow {
    return new FaersRow(this.line, detach(this.fields.join("$")).split("$"), this.columns, this.header);
  }
  /** The header name behind a logical field, for error messages (e.g. "age_cod"). */
  columnOf(field: string): string {
    const i = this.columns[field];
    return (i === undefined ? undefined : this.header[i]) ?? field;
  }
}

export type TTableSpec = Parameters<typeof resolveColumns>[0];

/** The first line of a table, lower-cased and split on `$`; refuses other delimiters. */
export function splitHeader(text: string, file: string): string[] {
  if (!text.includes("$")) {
    const guess = [",", "\t", ";", "|"].find((d) => text.includes(d));
    const found = guess ? ` (it looks ${guess === "\t" ? "tab" : `'${guess}'`}-separated)` : "";
    throw fileError({ file, line: 1 }, "header", `is not '$'-delimited${found}: FAERS ASCII tables separate fields with '$'`);
  }
  return text.split("$").map((h) => h.trim().toLowerCase());
}

/**
 * Streams a table's rows. A row with the wrong number of fields is a record problem (passed to
 * onProblem, which throws or records a reject) unless it is the file's last line and short:
 * that is a truncated file, always fatal. Legacy files end each line with `$` (an empty last
 * column), so a row missing only that empty trailing field is accepted, and so is a row with
 * one empty field too many.
 */
export async function* readTable(
  source: TFaersSource,
  table: TFaersTable,
  spec: TTableSpec,
  onProblem: (error: unknown) => void,
): AsyncGenerator<FaersRow> {
  const file = source.fileOf(table) ?? table;
  let resolved: TResolvedColumns | undefined;
  let header: string[] = [];
  let width = 0;
  let trailingEmpty = false;
  for await (const { text, line, last } of readLines(source.open(table), file)) {
    if (!resolved) {
      header = splitHeader(text, file);
      resolved = resolveColumns(spec, header);
      if (resolved.missing.length) {
        throw fileError(
          { file, line },
          resolved.missing[0] ?? "header",
          `required column${resolved.missing.length > 1 ? "s" : ""} missing: ${resolved.missing.join(", ")}`,
        );
      }
      width = header.length;
      trailingEmpty = header[header.length - 1] === "";
      continue;
    }
    if (!text.trim()) continue;
    const fields = text.split("$");
    // A stray trailing `$` (an empty extra field) is a line terminator, not a column.
    if (fields.length === width + 1 && fields[width] === "") fields.pop();
    if (fields.length !== width && !(trailingEmpty && fields.length === width - 1)) {
      const problem = `has ${fields.length} fields, the header has ${width}`;
      if (last && fields.length < width) throw fileError({ file, line }, "row", `${problem} (truncated file?)`);
      onProblem(recordError({ file, line }, "row", problem));
      continue;
    }
    yield new FaersRow(line, fields, resolved.index, header);
  }
  if (!resolved) throw fileError({ file, line: 1 }, "header", "the table is empty");
}

/** DELETE list: one caseid per line, no header; blank lines (FDA's start with one) skipped. */
export async function* readDeleteList(source: TFaersSource): AsyncGenerator<string> {
  const file = source.fileOf("DELETE");
  if (!file) return;
  for await (const { text, line } of readLines(source.open("DELETE"), file)) {
    const id = text.trim();
    if (!id) continue;
    if (!/^\d+$/.test(id)) {
      if (line === 1 && /^[a-z_]+$/i.test(id)) continue; // a header such as "caseid"
      throw fileError({ file, line }, "caseid", `"${id}" is not a case id`);
    }
    yield id;
  }
}
