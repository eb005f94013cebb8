// Byte progress for an import: a single file given by path is read through a counting stream,
// so the job can say how much of the file has been read (a FAERS quarter — a folder or a ZIP the
// parser opens itself — reports records only). The parsers read the stream as any upload.
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import type { TImportFormat, TImportInput } from "../types";

export type TByteCounter = { total: number | null; read: () => number };

export function countedInput(input: TImportInput, format: TImportFormat): { input: TImportInput; bytes: TByteCounter } {
  // FAERS quarters and ZIPs are opened by their parsers (random access), not read as one stream.
  if (typeof input !== "string" || format === "faers" || /\.zip$/i.test(input)) return { input, bytes: { total: null, read: () => 0 } };
  let size: number;
  try {
    const stat = statSync(input);
    if (!stat.isFile()) return { input, bytes: { total: null, read: () => 0 } };
    size = stat.size;
  } catch {
    return { input, bytes: { total: null, read: () => 0 } }; // the parser reports the unreadable path
  }
  let read = 0;
  const stream = (async function* () {
    for await (const chunk of createReadStream(input, { highWaterMark: 1 << 16 })) {
      read += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  })();
  return { input: { name: path.basename(input), stream }, bytes: { total: size, read: () => read } };
}
