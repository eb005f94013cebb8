// Receives an import upload: the multipart body (parsed by busboy, streaming) written into a
// private temp folder under a sanitised name, with a size cap, plus the form's small text
// fields. Never trusts the client's path: only the last segment of its file name is kept, and
// only safe characters of that. Request.formData() would hold the whole body in memory.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { uploadDirPrefix } from "./clean-stale-uploads";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { UPLOAD_LIMITS } from "./upload-limits";

/** Room for the multipart framing and the text fields on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const FILE_FIELD = "file";
const MAX_NAME_LENGTH = 120;
/** Parts in one upload: the file and a few small fields. */
const MAX_PARTS = 20;

export type TReceivedUpload = {
  /** Where the bytes are: `<tmpdir>/nms-upload-XXXX/<fileName>`; the name is what parsers report. */
  path: string;
  fileName: string;
  bytes: number;
  fields: Record<string, string>;
  /** Deletes the temp folder; safe to call twice. */
  discard(): Promise<void>;
};

const invalid = (field: string, message: string) =>
  new AppError("invalid_input", `Invalid upload: ${field} ${message}`, [{ path: field, message }]);
const tooLarge = () =>
  new AppError("payload_too_large", `The file is larger than the ${formatBytes(UPLOAD_LIMITS.maxFileBytes)} an upload may hold`, [
    { path: FILE_FIELD, message: `is larger than ${formatBytes(UPLOAD_LIMITS.maxFileBytes)}` },
  ]);

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${+(bytes / 1024 ** 3).toFixed(1)} GB`
    : bytes >= 1024 ** 2
      ? `${+(bytes / 1024 ** 2).toFixed(1)} MB`
      : `${bytes} bytes`;
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

const malformed = (why: string) => invalid("(body)", `is not valid multipart/form-data: ${why}`);

type TFile = { path: string; fileName: string; bytes: number };

/**
 * Streams the body through busboy: the file part to `dir` (awaiting the disk is the
 * backpressure), the text fields into memory. The first problem stops reading and rejects.
 */
function parseBody(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  dir: string,
): Promise<{ file: TFile | null; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: TFile | null = null;
    let written: Promise<void> = Promise.resolve();
    let settled = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        defParamCharset: "utf8", // browsers send non-ASCII file names as raw UTF-8
        // busboy reports a limit once a part REACHES it; one byte more lets a part of exactly the cap through.
        limits: { fileSize: UPLOAD_LIMITS.maxFileBytes + 1, fieldSize: UPLOAD_LIMITS.maxFieldBytes + 1, files: 1, parts: MAX_PARTS },
      });
    } catch (error) {
      reject(malformed(error instanceof Error ? error.message : String(error)));
      return;
    }
    const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
    const fail = (reason: unknown) => {
      const error = reason instanceof Error ? reason : new Error(String(reason));
      if (settled) return;
      settled = true;
      // Stop receiving the rest (cancels the request body), then stop the parser — once its current
      // chunk is done — which ends an open file part with an error, closing the file.
      source.unpipe(parser);
      source.destroy();
      setImmediate(() => parser.destroy());
      reject(error);
    };
    parser.on("file", (name, stream, info) => {
      stream.on("error", () => undefined); // a stopped upload errors its open part: already reported
      try {
        if (name !== FILE_FIELD) throw invalid(name, `is not a recognised field (send the file as "${FILE_FIELD}")`);
        const fileName = sanitiseFileName(info.filename ?? "");
        if (!fileName) throw invalid(FILE_FIELD, "has no usable file name");
        // A private temp folder, not the project: keep the bundler from tracing this path.
        const target: TFile = { path: path.join(/*turbopackIgnore: true*/ dir, fileName), fileName, bytes: 0 };
        file = target;
        stream.on("data", (chunk: Buffer) => (target.bytes += chunk.length));
        stream.on("limit", () => fail(tooLarge()));
        written = pipeline(stream, createWriteStream(target.path, { flags: "wx" }));
        written.catch(fail);
      } catch (error) {
        stream.resume();
        fail(error);
      }
    });
    parser.on("field", (name, value, info) => {
      if (name === FILE_FIELD) fail(invalid(FILE_FIELD, "must be a file, not a text value"));
      else if (info.valueTruncated) fail(invalid(name, `is longer than ${UPLOAD_LIMITS.maxFieldBytes} bytes`));
      else if (Object.hasOwn(fields, name)) fail(invalid(name, "is given twice"));
      else fields[name] = value;
    });
    parser.on("filesLimit", () => fail(invalid(FILE_FIELD, "is given twice: upload one file at a time")));
    parser.on("partsLimit", () => fail(malformed(`more than ${MAX_PARTS} parts`)));
    // "Unexpected end of form": the upload was cut off (interrupted?) before its closing boundary.
    parser.on("error", (error: Error) => fail(malformed(error.message)));
    source.on("error", fail);
    parser.on("close", () => {
      written.then(() => {
        if (settled) return;
        settled = true;
        resolve({ file, fields });
      }, fail);
    });
    source.pipe(parser);
  });
}

/** Reads the upload or throws an AppError (400 malformed, 413 too large); nothing is left behind on failure. */
export async function receiveUpload(request: Request): Promise<TReceivedUpload> {
  const contentType = request.headers.get("content-type");
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType) || !request.body)
    throw invalid(FILE_FIELD, "must be sent as multipart/form-data");
  // A declared length beyond the cap is refused before a byte is read.
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > UPLOAD_LIMITS.maxFileBytes + ENVELOPE_BYTES) throw tooLarge();

  // Named after this process, so a later start can tell a crashed upload's folder (clean-stale-uploads.ts).
  const dir = await mkdtemp(uploadDirPrefix());
  const discard = () => rm(dir, { recursive: true, force: true });
  let received: Awaited<ReturnType<typeof parseBody>>;
  try {
    received = await parseBody(request.body, contentType, dir);
  } catch (error) {
    await discard();
    throw error;
  }
  const { file, fields } = received;
  if (!file || file.bytes === 0) {
    await discard();
    throw invalid(FILE_FIELD, file ? "is empty" : "is required");
  }
  return { ...file, fields, discard };
}
