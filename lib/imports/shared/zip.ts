// A ZIP archive as named, re-openable byte streams (yauzl reads the central directory, then
// inflates one entry at a time on demand). FAERS needs several passes over its tables, so an
// entry can be opened more than once; openFDA bulk downloads (.json.zip) use it too.
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { fileError } from "../errors";

export type TZipArchive = {
  /** Entry paths inside the archive (folders excluded). */
  names: string[];
  open(name: string): AsyncIterable<Uint8Array>;
  close(): void;
};

const options = { lazyEntries: true, autoClose: false };

/**
 * Inflation caps (docs/security.md): a 387 KB archive inflating to 200 MB kept the server busy
 * for a minute. A FAERS quarter's largest table is a few hundred MB against ~5:1 compression;
 * text compresses at most ~100:1 in practice, so a higher ratio is a bomb. Both are checked
 * from the central directory before anything inflates, and again while inflating (the sizes a
 * ZIP declares can lie: yauzl then fails the entry).
 */
export const MAX_ENTRY_BYTES = 2 * 1024 ** 3;
export const MAX_COMPRESSION_RATIO = 200;
/** Entries that small cannot be a bomb whatever their ratio. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

function checkEntry(entry: Entry, label: string): void {
  const name = `${label}/${entry.fileName}`;
  if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
    throw fileError(
      { file: name },
      "file",
      `inflates to ${entry.uncompressedSize} bytes, more than the ${MAX_ENTRY_BYTES} allowed per entry`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > MAX_COMPRESSION_RATIO) {
    throw fileError(
      { file: name },
      "file",
      `compresses ${Math.round(ratio)}:1, beyond the ${MAX_COMPRESSION_RATIO}:1 of real data (a ZIP bomb?)`,
    );
  }
}

function openZipFile(source: string | Uint8Array): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip: ZipFile) => (error ? reject(error) : resolve(zip));
    if (typeof source === "string") yauzl.open(source, options, done);
    else yauzl.fromBuffer(Buffer.from(source.buffer, source.byteOffset, source.byteLength), options, done);
  });
}

function readEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on("entry", (entry: Entry) => {
      if (!entry.fileName.endsWith("/")) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", reject);
    zip.readEntry();
  });
}

export async function openZip(source: string | Uint8Array, label: string): Promise<TZipArchive> {
  let zip: ZipFile;
  let entries: Map<string, Entry>;
  try {
    zip = await openZipFile(source);
    entries = await readEntries(zip);
  } catch (error) {
    throw fileError({ file: label }, "file", `is not a readable ZIP archive (${(error as Error).message})`);
  }
  try {
    for (const entry of entries.values()) checkEntry(entry, label);
  } catch (error) {
    zip.close();
    throw error;
  }
  async function* open(name: string): AsyncGenerator<Uint8Array> {
    const entry = entries.get(name);
    if (!entry) throw fileError({ file: label }, name, "is not in the archive");
    try {
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      // yauzl validates the inflated size against the declared one (validateEntrySizes, default on),
      // so an entry that lies about its size fails here rather than inflating without end.
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      throw fileError({ file: `${label}/${name}` }, "file", `cannot be extracted (${(error as Error).message}; truncated archive?)`);
    }
  }
  return { names: [...entries.keys()], open, close: () => zip.close() };
}
