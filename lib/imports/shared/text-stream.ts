// Byte input → strictly decoded UTF-8 text → lines, streamed with constant memory. Shared by
// every text format (CSV, FAERS ASCII, openFDA JSON, E2B XML): all of them must refuse bytes
// that are not UTF-8 rather than import mojibake, and say on which line the bad bytes are.
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { fileError } from "../errors";
import type { TImportInput } from "../types";

/**
 * A copy of `text` sharing no memory with the string it was cut from. V8 keeps a substring as
 * a view of its parent, so a kept 20-character drug name could pin a whole 64 KB chunk; every
 * string a parser keeps beyond the current line goes through here.
 */
export function detach(text: string): string {
  return text.length > 12 ? (JSON.parse(JSON.stringify(text)) as string) : text;
}

export type TOpenedInput = { name: string; bytes: AsyncIterable<Uint8Array> };

export function inputName(input: TImportInput): string {
  return typeof input === "string" ? basename(input) : input.name;
}

/** Opens any parser input as a byte stream; unreadable paths become a file-level ImportError. */
export function openInput(input: TImportInput): TOpenedInput {
  const name = inputName(input);
  if (typeof input === "string") return { name, bytes: readFile(input, name) };
  if ("bytes" in input) return { name, bytes: once(input.bytes) };
  return { name, bytes: input.stream };
}

function once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  return (async function* () {
    yield await Promise.resolve(bytes);
  })();
}

async function* readFile(path: string, name: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw fileError({ file: name }, "file", `cannot be read (${code})`);
  }
}

const NEWLINE = 0x0a;
const countNewlines = (bytes: Uint8Array, end = bytes.length) => {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === NEWLINE) n++;
  return n;
};

/** Index of the first byte a fatal decoder rejects (binary search over prefixes). */
function firstBadByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

const EMPTY = new Uint8Array(0);
/** The bytes of a character still incomplete at the end of `bytes` (the decoder holds them). */
function incompleteTail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.slice(bytes.length - back) : EMPTY;
  }
  return EMPTY;
}

/**
 * Decodes UTF-8 strictly (`fatal: true`; a leading BOM is dropped). Invalid bytes throw a
 * file-level ImportError naming the line that holds them (a character split across chunks is
 * re-examined with its first bytes, so the line is right whatever the chunk size).
 */
export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let linesBefore = 0;
  let carry: Uint8Array = EMPTY;
  for await (const chunk of bytes) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const joined = new Uint8Array(carry.length + chunk.length);
      joined.set(carry);
      joined.set(chunk, carry.length);
      const bad = Math.max(0, firstBadByte(joined) - carry.length);
      const line = linesBefore + countNewlines(chunk, bad) + 1;
      throw fileError({ file, line }, "encoding", "bytes that are not valid UTF-8 (save the file as UTF-8)");
    }
    linesBefore += countNewlines(chunk);
    // An incomplete character is at most 3 bytes: the last 3 of carry + chunk hold it.
    carry = incompleteTail(chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : new Uint8Array([...carry, ...chunk]).slice(-3));
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw fileError({ file, line: linesBefore + 1 }, "encoding", "the file ends inside a UTF-8 character (truncated?)");
  }
}

const MAX_LINE = 1 << 20;

export type TLine = { text: string; line: number; last: boolean };

/**
 * Splits decoded text into lines (LF or CRLF), numbered from 1. `last` marks the final line,
 * so callers can tell a truncated final row from a malformed row in the middle.
 */
export async function* readLines(bytes: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<TLine> {
  let pending = "";
  let line = 0;
  let held: string | undefined;
  for await (const text of decodeUtf8(bytes, file)) {
    pending += text;
    let start = 0;
    for (let nl = pending.indexOf("\n", start); nl !== -1; nl = pending.indexOf("\n", start)) {
      if (held !== undefined) yield { text: held, line: ++line, last: false };
      held = pending.charCodeAt(nl - 1) === 13 ? pending.slice(start, nl - 1) : pending.slice(start, nl);
      start = nl + 1;
    }
    pending = pending.slice(start);
    // A line this long means a binary or single-line file, not delimited text: stop before it eats memory.
    if (pending.length > MAX_LINE)
      throw fileError({ file, line: line + (held === undefined ? 1 : 2) }, "line", "is longer than 1 MB (not a line-based text file?)");
  }
  // A file without a final newline still has a last line (FDA's 2022Q4 tables end that way).
  if (pending !== "") {
    if (held !== undefined) yield { text: held, line: ++line, last: false };
    held = pending.endsWith("\r") ? pending.slice(0, -1) : pending;
  }
  if (held !== undefined) yield { text: held, line: ++line, last: true };
}
