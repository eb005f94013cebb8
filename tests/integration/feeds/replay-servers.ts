// Local stand-ins for openFDA's drug-event API and FDA's FAERS download site, replaying their
// documented behaviour (open.fda.gov/apis/paging, RFC 9110 ranges) on 127.0.0.1: limit ≤ 1000,
// skip ≤ 25,000, a Link rel="next" header with a search_after cursor, 404 NOT_FOUND for no
// matches, and faults on demand (429 + Retry-After, 5xx, bodies cut short). Records come from the
// real samples in ../shared/data, read from there and never copied into the repository.
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { buildZip } from "../../unit/imports/helpers";

const SHARED = path.resolve(process.cwd(), "../shared/data");
export const sharedDataPresent = (): boolean => {
  try {
    return readdirSync(SHARED).length > 0;
  } catch {
    return false;
  }
};

export type TFault = { status: 429; retryAfter: string } | { status: 500 | 502 | 503 } | { truncate: true } | { delayMs: number };
export type TRequestLog = { at: number; url: URL; status: number; headers: http.IncomingHttpHeaders };

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

// ── openFDA ─────────────────────────────────────────────────────────────────────────────────

/** The real report (safetyreportid 4562564-7) with the NMS PT added; ids and dates vary per record. */
function reportTemplate(): string {
  const report = JSON.parse(readFileSync(path.join(SHARED, "openfda_event_json_fda/event.postannotation.json"), "utf8")) as Record<
    string,
    unknown
  > & {
    patient: { reaction: { reactionmeddrapt: string }[] };
  };
  for (const key of Object.keys(report)) if (key.startsWith("@")) delete report[key]; // index fields the API does not return
  report.patient.reaction.unshift({ reactionmeddrapt: "Neuroleptic malignant syndrome" });
  report.safetyreportid = "__ID__";
  report.receiptdate = "__RECEIPT__";
  return JSON.stringify(report);
}

export const feedReportId = (i: number) => `NMSFEED-${i}`;
/** Ten reports a day from 2020-01-01, so --since can cut the list by receipt date. */
export function receiptOf(i: number): string {
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 10) * 86_400_000);
  return day.toISOString().slice(0, 10).replace(/-/g, "");
}

export type TOpenFdaReplay = {
  base: string;
  requests: TRequestLog[];
  /** Called per request (0-based count of /drug/event.json requests): a fault to answer with, or null. */
  fault: (n: number, url: URL) => TFault | null;
  close(): Promise<void>;
};

const apiError = (res: http.ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code, message } }));
};

export async function startOpenFdaReplay(records: number): Promise<TOpenFdaReplay> {
  const template = reportTemplate();
  const render = (i: number) => template.replace('"__ID__"', `"${feedReportId(i)}"`).replace('"__RECEIPT__"', `"${receiptOf(i)}"`);
  const state: Omit<TOpenFdaReplay, "base" | "close"> = { requests: [], fault: () => null };
  let count = 0;
  const { server, base } = await listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const arrived = Date.now(); // `at` is when the request came, whatever the answer then takes
    const log = (status: number) => state.requests.push({ at: arrived, url, status, headers: req.headers });
    if (url.pathname !== "/drug/event.json") return (log(404), apiError(res, 404, "NOT_FOUND", "No such endpoint"));
    const fault = state.fault(count++, url);
    void (async () => {
      if (fault && "delayMs" in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault && "status" in fault) {
        log(fault.status);
        if (fault.status === 429) res.setHeader("retry-after", fault.retryAfter);
        return apiError(res, fault.status, fault.status === 429 ? "TOO_MANY_REQUESTS" : "SERVER_ERROR", "replayed fault");
      }
      const limit = Number(url.searchParams.get("limit") ?? "1");
      const skip = Number(url.searchParams.get("skip") ?? "0");
      const after = url.searchParams.get("search_after");
      if (limit > 1000)
        return (
          log(400),
          apiError(
            res,
            400,
            "BAD_REQUEST",
            "Limit cannot exceed 1000 results for search requests. Use the skip or search_after param to get additional results.",
          )
        );
      if (skip > 25_000) return (log(400), apiError(res, 400, "BAD_REQUEST", "Skip value must 25000 or less."));
      if (after && skip > 0) return (log(400), apiError(res, 400, "BAD_REQUEST", "skip and search_after cannot be used together"));
      const search = url.searchParams.get("search") ?? "";
      const since = /receiptdate:\[(\d{8}) TO (\d{8})\]/.exec(search);
      // Sorted by receiptdate, then id (the records are generated in that order already).
      let matching = 0; // the first record the search matches
      if (since) while (matching < records && receiptOf(matching) < since[1]!) matching++;
      let first = matching;
      if (after) {
        const key = /^0=(\d{8});1=(\d+)$/.exec(after);
        if (!key) return (log(400), apiError(res, 400, "BAD_REQUEST", "Invalid search_after value"));
        first = Number(key[2]) + 1;
      } else {
        first += skip;
      }
      const total = records - matching;
      if (total === 0) return (log(404), apiError(res, 404, "NOT_FOUND", "No matches found!"));
      const end = Math.min(records, first + limit);
      if (end < records) {
        const next = new URL(url.toString().replace("http://127.0.0.1", base));
        if (after || !url.searchParams.has("skip")) {
          next.searchParams.set("skip", "0");
          next.searchParams.set("search_after", `0=${receiptOf(end - 1)};1=${end - 1}`);
        } else {
          next.searchParams.set("skip", String(skip + limit)); // a skip walk degrades to skip links
        }
        res.setHeader("link", `<${next.toString()}>; rel="Next"`);
      }
      log(200);
      res.writeHead(200, { "content-type": "application/json" });
      const meta = JSON.stringify({ disclaimer: "replay", last_updated: "2026-11-30", results: { skip, limit, total } });
      const parts = [`{"meta":${meta},"results":[`];
      for (let i = first; i < end; i++) parts.push(`${i > first ? "," : ""}${render(i)}`);
      parts.push("]}");
      const body = parts.join("");
      if (fault && "truncate" in fault) {
        res.write(body.slice(0, Math.floor(body.length / 2)));
        res.destroy(); // the connection drops mid-page
        return;
      }
      res.end(body);
    })();
  });
  return Object.assign(state, { base, close: () => close(server) });
}

// ── FAERS quarterly files ───────────────────────────────────────────────────────────────────

/**
 * The real 2017Q2 sample as FDA ships it (one ZIP of $-delimited tables), with the PT
 * "Gynaecomastia" recoded as NMS so that some risperidone reports are cases. Another quarter
 * gets the same reports under other ids (primaryid and caseid prefixed with 9).
 */
export function quarterZip(quarter: string): Uint8Array {
  const dir = path.join(SHARED, "faers_ascii_sample_2017q2_yunuuuu");
  const short = `${quarter.slice(2, 4)}Q${quarter.slice(5)}`;
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    let text = readFileSync(path.join(dir, name), "utf8").replace(/\$Gynaecomastia\$/g, "$Neuroleptic malignant syndrome$");
    if (quarter !== "2017Q2")
      text = text
        .split("\n")
        .map((line, i) => (i === 0 ? line : line.replace(/^(\d+)\$(\d+)\$/, "9$1$$9$2$$")))
        .join("\n");
    files[`ascii/${name.replace("17Q2", short)}`] = text;
  }
  return buildZip(files);
}

export type TFaersReplay = {
  base: string;
  requests: TRequestLog[];
  /** File name → bytes served (absent → 404). */
  files: Map<string, Uint8Array>;
  /** Per request for a file: cut the body after this many bytes (the connection drops), or null. */
  cutAfter: (name: string, n: number) => number | null;
  /** Per request for a file: answer with this status instead (e.g. 503), or null. */
  failWith: (name: string, n: number) => number | null;
  /** Send bodies slowly: `chunk` bytes every `delayMs` (a long download to kill mid-way), or null. */
  throttle: { chunk: number; delayMs: number } | null;
  close(): Promise<void>;
};

export async function startFaersReplay(): Promise<TFaersReplay> {
  const state: Omit<TFaersReplay, "base" | "close"> = {
    requests: [],
    files: new Map(),
    cutAfter: () => null,
    failWith: () => null,
    throttle: null,
  };
  const { server, base } = await listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const name = url.pathname.split("/").pop() ?? "";
    const bytes = state.files.get(name);
    const log = (status: number) => state.requests.push({ at: Date.now(), url, status, headers: req.headers });
    if (!bytes) return (log(404), res.writeHead(404).end("Not Found"));
    const n = state.requests.filter((r) => r.url.pathname === url.pathname).length; // earlier requests for this file
    const failure = state.failWith(name, n);
    if (failure) return (log(failure), res.writeHead(failure).end("replayed fault"));
    const etag = `"${bytes.length}-${name}"`;
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ""));
    const ifRange = req.headers["if-range"];
    let start = 0;
    if (range && (!ifRange || ifRange === etag)) {
      start = Number(range[1]);
      if (start >= bytes.length) return (log(416), res.writeHead(416, { "content-range": `bytes */${bytes.length}` }).end());
      res.writeHead(206, {
        "content-range": `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
        "content-length": String(bytes.length - start),
        etag,
        "accept-ranges": "bytes",
      });
      log(206);
    } else {
      res.writeHead(200, { "content-length": String(bytes.length), etag, "accept-ranges": "bytes", "content-type": "application/zip" });
      log(200);
    }
    const cut = state.cutAfter(name, n);
    const body = Buffer.from(bytes.subarray(start));
    if (cut !== null && cut < body.length) {
      res.write(body.subarray(0, cut), () => setTimeout(() => res.destroy(), 50)); // the bytes arrive, then the connection drops
      return;
    }
    const throttle = state.throttle;
    if (!throttle) return void res.end(body);
    void (async () => {
      for (let at = 0; at < body.length && !res.destroyed; at += throttle.chunk) {
        res.write(body.subarray(at, at + throttle.chunk));
        await new Promise((r) => setTimeout(r, throttle.delayMs));
      }
      res.end();
    })();
  });
  return Object.assign(state, { base, close: () => close(server) });
}
