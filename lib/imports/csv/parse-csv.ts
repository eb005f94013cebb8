// Canonical CSV import: RFC 4180 via csv-parse, one row per NMS case, streamed.
// Every problem names the file, the row's first line and the snake_case column. Duplicate
// source ids are the writer's to find (lib/imports/write/duplicate-guard): remembering every id
// here would make memory grow with the file.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse, type CsvError, type InfoRecord } from "csv-parse";
import type { TCaseInputRaw } from "@/lib/domain/case-schema";
import { fileError, finishCase, normaliserOf, recordError, rejectOrThrow } from "../errors";
import type { TImportInput, TParseOptions, TParsedRecord, TRecordRef } from "../types";
import { parseCell } from "./cells";
import { CSV_COLUMNS, CSV_REQUIRED_COLUMNS, csvColumnOf, type TCsvColumn } from "./columns";
import { decodeUtf8, openInput } from "../shared/text-stream";

const countNewlines = (text: string) => text.split("\n").length - 1;

/**
 * Caps that keep one upload from starving the app (docs/security.md): the canonical layout has
 * ~60 columns, so a header of thousands is not a case file; a record (narrative included) of
 * more than a million characters is not one case. csv-parse stops at the record cap itself,
 * before buffering more.
 */
export const MAX_CSV_COLUMNS = 500;
export const MAX_CSV_RECORD_CHARS = 1_000_000;

/** The header must be comma-separated and hold every required column, each once. */
function readHeader(header: string[], file: string): Map<TCsvColumn, number> {
  if (header.length > MAX_CSV_COLUMNS) {
    throw fileError({ file, line: 1 }, "header", `has ${header.length} columns; a canonical CSV has at most ${MAX_CSV_COLUMNS}`);
  }
  const names = header.map((h) => h.trim().toLowerCase());
  if (names.length === 1) {
    const other = [";", "\t", "|"].find((d) => (names[0] ?? "").includes(d));
    if (other) {
      const label = other === "\t" ? "tab" : `'${other}'`;
      throw fileError(
        { file, line: 1 },
        "header",
        `is ${label}-separated, but the canonical CSV is comma-separated (header must be ${CSV_REQUIRED_COLUMNS.join(",")})`,
      );
    }
  }
  // One pass with a map (linear in the header, however wide).
  const positions = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    if (name && positions.has(name)) throw fileError({ file, line: 1 }, name, "column appears twice in the header");
    positions.set(name, i);
  }
  const missing = CSV_REQUIRED_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length) {
    throw fileError(
      { file, line: 1 },
      missing[0] ?? "header",
      `required column${missing.length > 1 ? "s" : ""} missing: ${missing.join(", ")}`,
    );
  }
  return new Map(CSV_COLUMNS.filter((c) => positions.has(c.column)).map((c) => [c, positions.get(c.column)!]));
}

function rowToCase(row: string[], columns: Map<TCsvColumn, number>, ref: TRecordRef): TCaseInputRaw {
  const raw: Record<string, unknown> = { source: "csv" };
  for (const [column, index] of columns) {
    try {
      const value = parseCell(column.kind, row[index] ?? "");
      // An empty version or status cell means "not given" (the schema's default; the criteria settle the status), not null.
      if (value === null && (column.field === "version" || column.field === "status")) continue;
      raw[column.field] = value;
    } catch (error) {
      throw recordError(ref, column.column, (error as Error).message);
    }
  }
  // Only the keys of the case schema were set above, from typed cell parsers.
  return raw as TCaseInputRaw;
}

/** csv-parse's own errors: an unclosed quote at the end is a truncated file. */
function csvFailure(error: unknown, file: string, line: number): unknown {
  const code = (error as CsvError | undefined)?.code;
  if (code === "CSV_QUOTE_NOT_CLOSED") return fileError({ file, line }, "file", "ends inside a quoted field (truncated file?)");
  // csv-parse names one of its codes without the CSV_ prefix (INVALID_OPENING_QUOTE).
  if (typeof code === "string" && (code.startsWith("CSV_") || code === "INVALID_OPENING_QUOTE"))
    return fileError({ file, line }, "file", (error as Error).message);
  return error;
}

export async function* parseCanonicalCsv(input: TImportInput, options: TParseOptions = {}): AsyncGenerator<TParsedRecord> {
  const { name: file, bytes } = openInput(input);
  const normalise = normaliserOf(options);
  // csv-parse reports the line where a record ENDS; a quoted field may span lines, so the
  // first line is that minus the newlines inside the fields. Queued in parse order, read in
  // the same order below (the stream buffers only a few records).
  const firstLines: number[] = [];
  let linesDone = 0;
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_CSV_RECORD_CHARS,
    on_record: (record: string[], context: InfoRecord) => {
      firstLines.push(context.lines - record.reduce((n, field) => n + countNewlines(field), 0));
      linesDone = context.lines;
      return record;
    },
  });
  const feeding = pipeline(Readable.from(decodeUtf8(bytes, file)), parser);
  feeding.catch(() => undefined); // the same error surfaces through the iteration below

  let columns: Map<TCsvColumn, number> | undefined;
  let width = 0;
  const summary = { reportsRead: 0, drugsRead: 0, outcomesRead: 0, nmsCases: 0 };
  // A short row is only known to be a truncated file once no row follows it.
  let short: TRecordRef | undefined;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = firstLines.shift() ?? linesDone;
      if (!columns) {
        columns = readHeader(record, file);
        width = record.length;
        continue;
      }
      summary.reportsRead++;
      const ref: TRecordRef = { file, line, record: summary.reportsRead };
      try {
        if (short) throw recordError(short, "row", `has fewer fields than the header (${width})`);
      } catch (error) {
        yield rejectOrThrow(error, options);
      }
      short = undefined;
      if (record.length < width) {
        short = ref;
        continue;
      }
      try {
        if (record.length > width) throw recordError(ref, "row", `has ${record.length} fields, the header has ${width}`);
        const mapped = rowToCase(record, columns, ref);
        summary.drugsRead += mapped.drugs?.length ?? 0;
        if (mapped.outcome !== "unknown") summary.outcomesRead++;
        yield finishCase(mapped, ref, normalise, csvColumnOf, { ...options, formulationAsStated: true });
        summary.nmsCases++;
      } catch (error) {
        yield rejectOrThrow(error, options);
      }
    }
  } catch (error) {
    throw csvFailure(error, file, linesDone + 1);
  }
  if (!columns) throw fileError({ file, line: 1 }, "header", "the file is empty");
  if (short) throw fileError(short, "row", `has fewer fields than the header (${width}): truncated file?`);
  yield { kind: "summary", ...summary, reactionsRead: 0, totalReports: summary.reportsRead, deletedIds: [] };
}
