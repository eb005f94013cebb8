// A streaming multipart/form-data reader (RFC 7578): each part's bytes are handed on as they
// arrive, so a 2 GB upload reaches the disk chunk by chunk. Request.formData() would hold the
// whole body in memory, and no multipart library is among the project's dependencies.

export type TPartInfo = { name: string; filename: string | null; contentType: string | null };
/** Receives one part's bytes; awaiting write() is the backpressure. */
export type TPartConsumer = { write(chunk: Uint8Array): Promise<void> | void; end(): Promise<void> | void };

/** The body is not well-formed multipart (the caller answers 400). */
export class MultipartError extends Error {
  override name = "MultipartError";
}

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PARTS = 20;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data Content-Type, or null when it is not one. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** A Content-Disposition parameter, quoted or bare; `filename*=UTF-8''…` (RFC 5987) is decoded. */
function dispositionParameter(header: string, key: string): string | null {
  const extended = new RegExp(`;\\s*${key}\\*=(?:UTF-8|utf-8)''([^;\\s]+)`).exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return null;
    }
  }
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, "i").exec(header);
  if (!match) return null;
  // Browsers escape a quote in a file name as %22 and keep backslashes literal.
  return match[1] !== undefined ? match[1].replace(/%22/g, '"') : (match[2] ?? null);
}

function parsePartHeaders(block: string): TPartInfo {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  if (!/^form-data\b/i.test(disposition)) throw new MultipartError("a part has no Content-Disposition: form-data header");
  const name = dispositionParameter(disposition, "name");
  if (name === null) throw new MultipartError("a part has no name");
  return { name, filename: dispositionParameter(disposition, "filename"), contentType: headers.get("content-type") ?? null };
}

/**
 * Reads the body, calling onPart at each part's headers and feeding the returned consumer the
 * part's bytes. Memory stays at one chunk plus a boundary's length whatever the part sizes.
 */
export async function readMultipart(body: AsyncIterable<Uint8Array>, boundary: string, onPart: (part: TPartInfo) => TPartConsumer): Promise<void> {
  // Every boundary but the first follows a CRLF; starting the buffer with one makes the first alike.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const keep = delimiter.length - 1;
  let buffer: Buffer = Buffer.from(CRLF);
  let state: "preamble" | "boundary" | "headers" | "body" | "done" = "preamble";
  let part: TPartConsumer | null = null;
  let parts = 0;

  for await (const chunk of body) {
    if (state === "done") continue; // the epilogue is ignored
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : Buffer.from(chunk);
    for (;;) {
      if (state === "preamble" || state === "body") {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Hand on all but a tail that may be the start of a boundary split across chunks.
          if (buffer.length > keep) {
            // Before the first boundary (the preamble) the bytes are dropped.
            if (part) await part.write(buffer.subarray(0, buffer.length - keep));
            buffer = buffer.subarray(buffer.length - keep);
          }
          break;
        }
        if (part) {
          if (at > 0) await part.write(buffer.subarray(0, at));
          await part.end();
          part = null;
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = "boundary";
      } else if (state === "boundary") {
        if (buffer.length < 2) break;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = "done";
          break;
        }
        const eol = buffer.indexOf(CRLF);
        if (eol < 0) {
          if (buffer.length > 256) throw new MultipartError("malformed boundary line");
          break;
        }
        buffer = buffer.subarray(eol + 2);
        state = "headers";
      } else if (state === "headers") {
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError("a part's headers are too long");
          break;
        }
        if (++parts > MAX_PARTS) throw new MultipartError(`more than ${MAX_PARTS} parts`);
        part = onPart(parsePartHeaders(buffer.subarray(0, end).toString("utf8")));
        buffer = buffer.subarray(end + HEADER_END.length);
        state = "body";
      } else {
        break;
      }
    }
  }
  if (state !== "done") throw new MultipartError("the upload ended before its closing boundary (interrupted?)");
}
