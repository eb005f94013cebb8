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
  async function* open(name: string): AsyncGenerator<Uint8Array> {
    const entry = entries.get(name);
    if (!entry) throw fileError({ file: label }, name, "is not in the archive");
    try {
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      throw fileError({ file: `${label}/${name}` }, "file", `cannot be extracted (${(error as Error).message}; truncated archive?)`);
    }
  }
  return { names: [...entries.keys()], open, close: () => zip.close() };
}
