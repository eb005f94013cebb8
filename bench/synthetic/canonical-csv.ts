// Synthetic canonical CSV for benchmarks and memory tests: the seed's case factory
// (same distributions as the demo data), written as CSV rows straight to disk, so a 1 GB file
// costs a chunk of memory, not a gigabyte. Same seed → byte-identical file.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { CSV_COLUMNS } from "@/lib/imports/csv/columns";
import { formatCell } from "@/lib/imports/csv/cells";
import { csvRows } from "@/lib/exports/csv-safe";
import { DEFAULT_SEED, Prng, buildCase, type TSeedCase } from "@/seed";

export type TSyntheticCsvOptions = {
  /** Exactly this many rows (when targetBytes is also given, whichever limit comes first). */
  rows?: number;
  /** Rows until the file holds at least this many bytes. */
  targetBytes?: number;
  seed?: number;
};

/** Rows formatted per write: big enough to amortise csv-stringify, small enough to stay flat. */
const CHUNK_ROWS = 500;
/** PRNG stream for the CSV's own variations (the case factory uses its own streams). */
const VARIATION_STREAM = 11;
const DEFAULT_ROWS = 1_000;

/** Brand names per catalogue drug: real files name drugs the way reporters write them. */
const BRANDS = new Map(DRUG_CATALOGUE.map((d) => [d.name, d.brands]));

export const syntheticCsvSourceId = (seed: number, index: number): string => `SYN-${seed}-${String(index).padStart(9, "0")}`;

/**
 * One case made to look like a file from another system: its own ids, a quarter of the drug
 * names as brands, a few names no catalogue knows, sometimes the M/F sex codes and a version.
 */
function syntheticCase(index: number, seed: number): TSeedCase & { version?: number } {
  const generated = buildCase(index, seed);
  const prng = new Prng(seed, index, VARIATION_STREAM);
  const drugs = generated.drugs.map((drug) => {
    const brands = BRANDS.get(drug.name) ?? [];
    if (brands.length && prng.bernoulli(0.25)) return { ...drug, name: prng.pick(brands) };
    if (drug.role === "concomitant" && prng.bernoulli(0.03)) return { ...drug, name: `local remedy ${prng.int(1, 40)}` };
    return drug;
  });
  return {
    ...generated,
    source: "manual",
    sourceId: syntheticCsvSourceId(seed, index),
    drugs,
    ...(prng.bernoulli(0.1) ? { version: prng.int(1, 3) } : {}),
  };
}

function csvLine(input: TSeedCase & { version?: number }, prng: Prng): string[] {
  return CSV_COLUMNS.map((column) => {
    if (column.kind === "sex" && prng.bernoulli(0.2)) return input.sex === "unknown" ? "U" : input.sex === "male" ? "M" : "F";
    return formatCell(column.kind, input[column.field]);
  });
}

async function write(stream: WriteStream, text: string): Promise<void> {
  // Respect back-pressure: waiting for 'drain' is what keeps a 1 GB file out of memory.
  if (!stream.write(text)) await once(stream, "drain");
}

/** Writes a synthetic canonical CSV to `file`; returns the rows and bytes written. */
export async function writeSyntheticCsv(file: string, options: TSyntheticCsvOptions = {}): Promise<{ rows: number; bytes: number }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const maxRows = options.rows ?? (options.targetBytes === undefined ? DEFAULT_ROWS : Number.POSITIVE_INFINITY);
  const targetBytes = options.targetBytes ?? Number.POSITIVE_INFINITY;
  if (!(maxRows >= 0) || !(targetBytes >= 0)) throw new RangeError("rows and targetBytes must be ≥ 0");
  const stream = createWriteStream(file);
  const closed = once(stream, "close");
  let rows = 0;
  let bytes = 0;
  try {
    const header = csvRows([CSV_COLUMNS.map((c) => c.column)]);
    await write(stream, header);
    bytes += Buffer.byteLength(header);
    while (rows < maxRows && bytes < targetBytes) {
      const chunk: string[][] = [];
      // A chunk may overshoot targetBytes by < CHUNK_ROWS rows; that is "at least" as promised.
      for (let i = 0; i < CHUNK_ROWS && rows + i < maxRows; i++) {
        const index = rows + i;
        chunk.push(csvLine(syntheticCase(index, seed), new Prng(seed, index, VARIATION_STREAM + 1)));
      }
      const text = csvRows(chunk);
      await write(stream, text);
      rows += chunk.length;
      bytes += Buffer.byteLength(text);
    }
  } finally {
    stream.end();
    await closed;
  }
  return { rows, bytes };
}
