// Fetches one openFDA results page and keeps its reports on disk, only once the page has arrived
// whole: the body is scanned report by report as it streams in (the importer's own scanner), so
// a connection cut mid-page or a JSON document that ends early is a failed attempt, retried.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { ImportError } from "@/lib/imports/errors";
import { JsonReportScanner } from "@/lib/imports/openfda/json-array-scanner";
import { FeedError, bodyChunks, causeOf, redactUrl, type FeedHttpClient, type TFeedLog } from "../http-client";
import { nextPageUrl } from "./openfda-query";

export type TStagedPage = { reports: number; maxReceipt: string | null; next: string | null };

const RECEIPT = /"receiptdate"\s*:\s*"(\d{8})"/;

/** openFDA's error envelope: {"error": {"code": "NOT_FOUND", "message": "No matches found!"}}. */
async function apiError(response: Response): Promise<{ code: string; message: string }> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const asText = (value: unknown, fallback: string) =>
      typeof value === "string" || typeof value === "number" ? String(value) : fallback;
    return { code: asText(body.error?.code, String(response.status)), message: asText(body.error?.message, text.slice(0, 200)) };
  } catch {
    return { code: String(response.status), message: text.slice(0, 200) || response.statusText };
  }
}

/** Streams the body into `file` (report texts joined by commas: a JSON array's inside). */
async function writeReports(response: Response, file: string, source: string): Promise<{ reports: number; maxReceipt: string | null }> {
  const out = createWriteStream(file);
  const scanner = new JsonReportScanner(source);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let reports = 0;
  let maxReceipt: string | null = null;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  const take = async (chunk: string) => {
    for (const element of scanner.push(chunk)) {
      const receipt = RECEIPT.exec(element.text)?.[1] ?? null;
      if (receipt && (!maxReceipt || receipt > maxReceipt)) maxReceipt = receipt;
      await write(`${reports ? ",\n" : ""}${element.text}`);
      reports++;
    }
  };
  try {
    for await (const chunk of bodyChunks(response)) await take(decoder.decode(chunk, { stream: true }));
    await take(decoder.decode());
    scanner.end();
  } finally {
    out.end();
    await once(out, "close");
  }
  return { reports, maxReceipt };
}

/**
 * Fetches page `url` into `file`. Zero matches (openFDA answers 404 NOT_FOUND) is an empty last
 * page. A page cut short is fetched again, with backoff, up to the client's retries.
 */
export async function stagePage(
  client: FeedHttpClient,
  url: string,
  file: string,
  what: string,
  baseUrl: string,
  log: TFeedLog,
): Promise<TStagedPage> {
  for (let attempt = 0; ; attempt++) {
    const response = await client.get(url, what);
    if (response.status === 404) {
      const error = await apiError(response);
      if (error.code === "NOT_FOUND") return { reports: 0, maxReceipt: null, next: null };
      throw new FeedError(`${what}: ${redactUrl(url)} answered 404: ${error.message}`);
    }
    if (response.status !== 200) {
      const error = await apiError(response);
      throw new FeedError(`${what}: ${redactUrl(url)} answered ${response.status} ${error.code}: ${error.message}`);
    }
    const next = nextPageUrl(response.headers.get("link"), baseUrl);
    const partial = `${file}.partial`;
    try {
      const written = await writeReports(response, partial, what);
      await rename(partial, file);
      return { ...written, next };
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof FeedError) throw error;
      const reason = error instanceof ImportError ? error.reason : causeOf(error);
      if (attempt >= 5) throw new FeedError(`${what}: the page arrived incomplete ${attempt + 1} times (${reason}); giving up`);
      const wait = client.backoff(attempt);
      log(`${what}: the page arrived incomplete (${reason}); fetching it again in ${Math.round(wait / 100) / 10} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
