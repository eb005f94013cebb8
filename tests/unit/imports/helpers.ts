// Test helpers for the import parsers: collect a parser's records, a tiny deterministic drug
// normaliser (so tests do not depend on the real catalogue), temp folders, and a minimal
// ZIP writer (deflate via node:zlib) so ZIP fixtures are built by the tests themselves.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterAll } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import type { TCaseRecord, TNormalise, TParsedRecord, TSummaryRecord } from "@/lib/imports/types";

export async function collect(records: AsyncIterable<TParsedRecord>): Promise<TParsedRecord[]> {
  const out: TParsedRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

export const casesOf = (records: TParsedRecord[]) => records.filter((r): r is TCaseRecord => r.kind === "case");
export const rejectsOf = (records: TParsedRecord[]) => records.filter((r) => r.kind === "reject");
export const backgroundOf = (records: TParsedRecord[]) =>
  Object.fromEntries(records.flatMap((r) => (r.kind === "background" ? [[r.drugName, [r.reports, r.nmsReports]]] : [])));
export function summaryOf(records: TParsedRecord[]): TSummaryRecord {
  const last = records[records.length - 1];
  if (last?.kind !== "summary") throw new Error("the last record is not the summary");
  return last;
}

/** Runs a parser to the end and returns the ImportError it throws (fails the test if none). */
export async function importError(records: AsyncIterable<TParsedRecord>): Promise<ImportError> {
  try {
    await collect(records);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

const STUB_CATALOGUE: ReadonlyArray<[RegExp, string, "first_generation" | "second_generation" | "antiemetic"]> = [
  [/haloperidol|haldol/i, "haloperidol", "first_generation"],
  [/risperidone|risperdal/i, "risperidone", "second_generation"],
  [/olanzapine|zyprexa/i, "olanzapine", "second_generation"],
  [/metoclopramide|reglan/i, "metoclopramide", "antiemetic"],
];

/** Knows four agents by INN or brand; "decanoate"/"depot" → depot, "tablet" → oral. */
export const stubNormalise: TNormalise = (raw) => {
  const hit = STUB_CATALOGUE.find(([pattern]) => pattern.test(raw));
  if (!hit) return null;
  const formulation = /decanoate|depot/i.test(raw) ? "depot" : /tablet/i.test(raw) ? "oral" : null;
  return { drug: { name: hit[1], drugClass: hit[2] }, formulation, matchedBy: "name" };
};

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new temp folder, removed after the test file's tests. */
export function tempDir(prefix = "nms-imports-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes files (relative path → text or bytes) under a new temp folder; returns the folder. */
export function writeFiles(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A minimal ZIP (deflated entries, no extras) — enough for yauzl and for real unzip tools. */
export function buildZip(files: Record<string, string | Uint8Array>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Feeds text to a parser as a byte stream cut into chunks of `size` bytes. */
export function chunkedInput(name: string, content: string | Uint8Array, size: number) {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return {
    name,
    stream: (async function* () {
      for (let i = 0; i < bytes.length; i += size) yield await Promise.resolve(bytes.subarray(i, i + size));
    })(),
  };
}
