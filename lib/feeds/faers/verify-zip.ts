// Checks a downloaded quarter before anything of it is imported: the ZIP's central directory
// must be readable (a file cut short has none), every entry must inflate to its declared size
// and CRC-32, and the DEMO, DRUG and REAC tables must be there. Also the file's SHA-256, kept
// on the import job's feed record so a later reader can tell which bytes were imported.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import zlib from "node:zlib";
import { openZip } from "@/lib/imports/shared/zip";
import { FeedError } from "../http-client";

const REQUIRED = ["DEMO", "DRUG", "REAC"];

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Throws a FeedError naming `name` and the first problem; returns the entries checked. */
export async function verifyQuarterZip(file: string, name: string): Promise<number> {
  let zip;
  try {
    zip = await openZip(file, name);
  } catch (error) {
    throw new FeedError(`${name} is not a complete ZIP archive (${(error as Error).message})`);
  }
  try {
    const tables = new Set(zip.names.map((n) => /(?:^|\/)([A-Za-z]+)\d{2}Q[1-4]\.txt$/i.exec(n)?.[1]?.toUpperCase()).filter(Boolean));
    const missing = REQUIRED.filter((t) => !tables.has(t));
    if (missing.length)
      throw new FeedError(`${name} holds no ${missing.join(", ")} table (entries: ${zip.names.slice(0, 12).join(", ") || "none"})`);
    const crcs = await crcOfEntries(file);
    for (const entry of zip.names) {
      let crc = 0;
      try {
        for await (const chunk of zip.open(entry)) crc = zlib.crc32(chunk, crc);
      } catch (error) {
        throw new FeedError(`${name} is corrupt: ${(error as Error).message}`);
      }
      const expected = crcs.get(entry);
      if (expected !== undefined && expected !== crc) throw new FeedError(`${name} is corrupt: ${entry} fails its CRC-32 check`);
    }
    return zip.names.length;
  } finally {
    zip.close();
  }
}

/** The CRC-32 each entry declares in the central directory (yauzl reads it; it does not check it). */
async function crcOfEntries(file: string): Promise<Map<string, number>> {
  const { default: yauzl } = await import("yauzl");
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const crcs = new Map<string, number>();
      zip.on("entry", (entry: { fileName: string; crc32: number }) => {
        crcs.set(entry.fileName, entry.crc32);
        zip.readEntry();
      });
      zip.once("end", () => resolve(crcs));
      zip.once("error", reject);
      zip.readEntry();
    });
  });
}
