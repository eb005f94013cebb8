// Which parser an import needs, from the path (a folder of FAERS tables, .zip, .csv, .json,
// .xml) and the first bytes. Content wins over a misleading extension; `--format` overrides both.
import { open, readdir, stat } from "node:fs/promises";
import { basename } from "node:path";
import { fileError } from "./errors";
import { FORMAT_OPTIONS } from "./shared/format-list";
import { openZip } from "./shared/zip";
import type { TImportFormat, TImportInput } from "./types";

const FAERS_TABLE = /^(DEMO|DRUG|REAC)\d{2}Q[1-4]\.txt$/i;
const PEEK = 4096;

async function peek(input: TImportInput): Promise<Uint8Array | null> {
  if (typeof input !== "string") return "bytes" in input ? input.bytes.subarray(0, PEEK) : null;
  const handle = await open(input, "r");
  try {
    const buffer = new Uint8Array(PEEK);
    const { bytesRead } = await handle.read(buffer, 0, PEEK, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What a ZIP holds: FAERS tables, or openFDA JSON files. */
async function zipFormat(source: string | Uint8Array, label: string): Promise<TImportFormat | null> {
  const zip = await openZip(source, label);
  try {
    const names = zip.names.map((n) => basename(n));
    if (names.some((n) => FAERS_TABLE.test(n))) return "faers";
    if (names.some((n) => /\.json$/i.test(n))) return "openfda";
    return null;
  } finally {
    zip.close();
  }
}

function textFormat(head: string): TImportFormat | null {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("<")) return "e2b";
  if (text.startsWith("{") || text.startsWith("[")) return "openfda";
  const firstLine = text.split(/\r?\n/, 1)[0]?.toLowerCase() ?? "";
  if (/(^|[,;\t])"?source_id"?([,;\t]|$)/.test(firstLine)) return "csv";
  if (/(^|,)"?person_years"?(,|$)/.test(firstLine)) return "exposure";
  return null;
}

const BY_EXTENSION: ReadonlyArray<[RegExp, TImportFormat]> = [
  [/\.csv$/i, "csv"],
  [/\.json$/i, "openfda"],
  [/\.xml$/i, "e2b"],
];

/** Throws a file-level ImportError when the input is none of the four formats. */
export async function detectFormat(input: TImportInput): Promise<TImportFormat> {
  const name = typeof input === "string" ? basename(input) : input.name;
  const fail = (reason: string) => fileError({ file: name }, "format", `${reason} (choose one with --format ${FORMAT_OPTIONS})`);
  if (typeof input === "string") {
    const info = await stat(input).catch(() => null);
    if (!info) throw fileError({ file: name }, "file", "does not exist");
    if (info.isDirectory()) {
      const entries = await readdir(input, { recursive: true });
      if (entries.some((e) => FAERS_TABLE.test(basename(e)))) return "faers";
      throw fail("the folder holds no FAERS quarter (DEMOyyQq.txt, DRUGyyQq.txt, REACyyQq.txt)");
    }
  }
  const head = await peek(input);
  if (head && head[0] === 0x50 && head[1] === 0x4b) {
    if (typeof input !== "string" && !("bytes" in input)) throw fail("a ZIP must be given as a path or as bytes");
    const format = await zipFormat(typeof input === "string" ? input : input.bytes, name);
    if (format) return format;
    throw fail("the ZIP holds neither FAERS tables nor openFDA .json files");
  }
  if (head) {
    const sniffed = textFormat(new TextDecoder("utf-8").decode(head));
    if (sniffed) return sniffed;
    if (/\$/.test(new TextDecoder().decode(head).split("\n", 1)[0] ?? "")) {
      throw fail("this looks like a single FAERS table: import the quarter's folder or ZIP");
    }
  }
  const byName = BY_EXTENSION.find(([pattern]) => pattern.test(name));
  if (byName) return byName[1];
  throw fail("cannot tell the format from the name or the content");
}
