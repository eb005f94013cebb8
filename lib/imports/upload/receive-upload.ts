// Receives an import upload: the multipart body streamed into a private temp folder under a
// sanitised name, with a size cap, plus the form's small text fields. Never trusts the client's
// path: only the last segment of its file name is kept, and only safe characters of that.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { uploadDirPrefix } from "./clean-stale-uploads";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { MultipartError, multipartBoundary, readMultipart, type TPartConsumer, type TPartInfo } from "./multipart";
import { UPLOAD_LIMITS } from "./upload-limits";

/** Room for the multipart framing and the text fields on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const FILE_FIELD = "file";
const MAX_NAME_LENGTH = 120;

export type TReceivedUpload = {
  /** Where the bytes are: `<tmpdir>/nms-upload-XXXX/<fileName>`; the name is what parsers report. */
  path: string;
  fileName: string;
  bytes: number;
  fields: Record<string, string>;
  /** Deletes the temp folder; safe to call twice. */
  discard(): Promise<void>;
};

const invalid = (field: string, message: string) => new AppError("invalid_input", `Invalid upload: ${field} ${message}`, [{ path: field, message }]);
const tooLarge = () => new AppError("payload_too_large", `The file is larger than the ${formatBytes(UPLOAD_LIMITS.maxFileBytes)} an upload may hold`, [{ path: FILE_FIELD, message: `is larger than ${formatBytes(UPLOAD_LIMITS.maxFileBytes)}` }]);

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 ** 2 ? `${+(bytes / 1024 ** 2).toFixed(1)} MB` : `${bytes} bytes`;
}

/**
 * The last path segment of a client's file name ("C:\\x\\..\\a.csv" → "a.csv"), control and
 * unusual characters replaced, leading dots dropped (no hidden files, no ".."), length capped
 * keeping the extension (format detection and the FAERS period read it). Null when nothing is left.
 */
export function sanitiseFileName(raw: string): string | null {
  const last = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = last
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._ ()+-]/gu, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  if (!cleaned) return null;
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = path.extname(cleaned).slice(0, 12);
  return cleaned.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (too large, malformed): stop receiving the rest.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Writes a part to disk with backpressure, counting bytes against the cap. */
function fileWriter(filePath: string, onBytes: (total: number) => void): TPartConsumer & { abort(): void } {
  const stream = createWriteStream(filePath, { flags: "wx" });
  let total = 0;
  return {
    async write(chunk) {
      total += chunk.length;
      onBytes(total);
      if (!stream.write(chunk)) await once(stream, "drain");
    },
    end: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
    abort: () => stream.destroy(),
  };
}

function textCollector(info: TPartInfo, fields: Record<string, string>): TPartConsumer {
  const pieces: Buffer[] = [];
  let size = 0;
  return {
    write(chunk) {
      size += chunk.length;
      if (size > UPLOAD_LIMITS.maxFieldBytes) throw invalid(info.name, `is longer than ${UPLOAD_LIMITS.maxFieldBytes} bytes`);
      pieces.push(Buffer.from(chunk));
    },
    end() {
      fields[info.name] = Buffer.concat(pieces).toString("utf8");
    },
  };
}

/** Reads the upload or throws an AppError (400 malformed, 413 too large); nothing is left behind on failure. */
export async function receiveUpload(request: Request): Promise<TReceivedUpload> {
  const boundary = multipartBoundary(request.headers.get("content-type"));
  if (!boundary || !request.body) throw invalid(FILE_FIELD, "must be sent as multipart/form-data");
  // A declared length beyond the cap is refused before a byte is read.
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > UPLOAD_LIMITS.maxFileBytes + ENVELOPE_BYTES) throw tooLarge();

  // Named after this process, so a later start can tell a crashed upload's folder (clean-stale-uploads.ts).
  const dir = await mkdtemp(uploadDirPrefix());
  const discard = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: { path: string; fileName: string; bytes: number } | null = null;
  let writer: ReturnType<typeof fileWriter> | null = null;
  try {
    await readMultipart(chunksOf(request.body), boundary, (info) => {
      if (info.filename === null) {
        if (info.name === FILE_FIELD) throw invalid(FILE_FIELD, "must be a file, not a text value");
        if (info.name in fields) throw invalid(info.name, "is given twice");
        return textCollector(info, fields);
      }
      if (info.name !== FILE_FIELD) throw invalid(info.name, `is not a recognised field (send the file as "${FILE_FIELD}")`);
      if (file) throw invalid(FILE_FIELD, "is given twice: upload one file at a time");
      const fileName = sanitiseFileName(info.filename);
      if (!fileName) throw invalid(FILE_FIELD, "has no usable file name");
      // A private temp folder, not the project: keep the bundler from tracing this path.
      const target = { path: path.join(/*turbopackIgnore: true*/ dir, fileName), fileName, bytes: 0 };
      file = target;
      writer = fileWriter(target.path, (total) => {
        target.bytes = total;
        if (total > UPLOAD_LIMITS.maxFileBytes) throw tooLarge();
      });
      return writer;
    });
  } catch (error) {
    (writer as ReturnType<typeof fileWriter> | null)?.abort();
    await discard();
    if (error instanceof MultipartError) throw invalid("(body)", `is not valid multipart/form-data: ${error.message}`);
    throw error;
  }
  const received = file as { path: string; fileName: string; bytes: number } | null;
  if (!received || received.bytes === 0) {
    await discard();
    throw invalid(FILE_FIELD, received ? "is empty" : "is required");
  }
  return { ...received, fields, discard };
}
