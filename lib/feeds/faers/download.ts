// Downloads one (large) file so that an interrupted transfer continues where it stopped: bytes
// go to <file>.part, what the server said about the file (ETag, Last-Modified, size) to
// <file>.part.json, and the next attempt — in this run or the next — asks for the rest with
// `Range` and `If-Range` (RFC 9110 §14): a changed file comes back whole and replaces the part.
// The finished file must have exactly the size the server announced.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { z } from "zod";
import { FeedError, bodyChunks, causeOf, type FeedHttpClient, type TFeedLog } from "../http-client";

const ZPartMeta = z.object({
  url: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  total: z.number().int().nullable(),
});
type TPartMeta = z.output<typeof ZPartMeta>;

export type TDownloadResult = { status: "done"; bytes: number; resumedFrom: number } | { status: "missing" };

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

async function readMeta(file: string): Promise<TPartMeta | null> {
  try {
    return ZPartMeta.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return null;
  }
}

/** "bytes 100-199/1000" → { start: 100, total: 1000 } (total null for "*"). */
function contentRange(header: string | null): { start: number; total: number | null } | null {
  const match = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(header?.trim() ?? "");
  if (!match) return null;
  return { start: Number(match[1]), total: match[3] === "*" ? null : Number(match[3]) };
}

async function appendBody(response: Response, file: string, append: boolean): Promise<void> {
  const out = createWriteStream(file, { flags: append ? "a" : "w" });
  try {
    for await (const chunk of bodyChunks(response)) if (!out.write(chunk)) await once(out, "drain");
  } finally {
    out.end();
    await once(out, "close");
  }
}

export async function downloadResumable(
  client: FeedHttpClient,
  url: string,
  target: string,
  what: string,
  log: TFeedLog,
  retries = 5,
): Promise<TDownloadResult> {
  const part = `${target}.part`;
  const metaFile = `${part}.json`;
  const restart = async () => {
    await rm(part, { force: true });
    await rm(metaFile, { force: true });
  };
  let failures = 0;
  let resumedFrom = -1;
  for (;;) {
    let meta = await readMeta(metaFile);
    if (meta && meta.url !== url) {
      await restart();
      meta = null;
    }
    const have = meta ? await sizeOf(part) : 0;
    if (resumedFrom < 0) resumedFrom = have;
    const validator = meta?.etag ?? meta?.lastModified ?? null;
    // Without a validator the size check and the ZIP's own CRCs (verify-zip.ts) still catch a mix.
    const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-`, ...(validator ? { "if-range": validator } : {}) } : {};
    const response = await client.get(url, what, headers);
    if (response.status === 404) {
      await response.body?.cancel();
      await restart();
      return { status: "missing" };
    }
    let append: boolean;
    if (response.status === 416 && meta?.total === have && have > 0) {
      await response.body?.cancel(); // the part is already whole
    } else if (response.status === 206 && headers.range) {
      const range = contentRange(response.headers.get("content-range"));
      if (!range || range.start !== have || (meta?.total != null && range.total !== meta.total)) {
        await response.body?.cancel();
        log(
          `${what}: the server resumed at an unexpected place (${response.headers.get("content-range") ?? "no Content-Range"}); downloading it whole`,
        );
        await restart();
        continue;
      }
      append = true;
    } else if (response.status === 200) {
      if (have > 0) log(`${what}: the server sent the whole file (changed, or no resume support); starting over`);
      const length = response.headers.get("content-length");
      meta = {
        url,
        etag: response.headers.get("etag"),
        lastModified: response.headers.get("last-modified"),
        total: length && /^\d+$/.test(length) ? Number(length) : null,
      };
      await writeFile(metaFile, JSON.stringify(meta));
      append = false;
    } else {
      await response.body?.cancel();
      throw new FeedError(`${what}: ${url} answered ${response.status} ${response.statusText}`.trim());
    }
    let problem: string | null = null;
    if (response.status !== 416) {
      try {
        await appendBody(response, part, append!);
      } catch (error) {
        problem = `the transfer broke off (${causeOf(error)})`;
      }
    }
    const size = await sizeOf(part);
    const total = meta?.total ?? null;
    if (total !== null && size > total) {
      await restart();
      throw new FeedError(`${what}: received ${size} bytes, more than the ${total} the server announced; the download was discarded`);
    }
    if (!problem && total !== null && size < total) problem = `the transfer ended at ${size} of ${total} bytes`;
    if (problem) {
      failures++;
      if (failures > retries)
        throw new FeedError(
          `${what}: ${problem}; gave up after ${failures} attempts (the ${size} bytes received are kept: the next run continues from there)`,
        );
      const wait = client.backoff(failures - 1);
      log(`${what}: ${problem}; resuming in ${Math.round(wait / 100) / 10} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    await rename(part, target);
    await rm(metaFile, { force: true });
    return { status: "done", bytes: size, resumedFrom };
  }
}
