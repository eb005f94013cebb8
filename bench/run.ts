// npm run bench -- [--cases N] [--json FILE] [--import-mb MB] [--database NAME] [--keep]
// Loads N synthetic cases into a fresh database of its own on the Postgres server given by
// DATABASE_URL, starts the app on it, and measures in one run: aggregates over HTTP against a
// hand-written GROUP BY (same counts checked), CSV and FAERS import against COPY, 32 clients
// for 30 s, and the peak RSS of importing a big file. Prints a table; writes the JSON.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { createApiToken } from "@/lib/auth/api-tokens";
import { getPrisma } from "@/lib/db/client";
import { closePgPool, getPgPool } from "@/lib/db/pg-pool";
import { startApp } from "../tests/e2e/app-server";
import { loadBenchDatabase, type TBenchDatabase } from "./bench-database";
import { apiRows, runBaseline, sameRows } from "./baseline-sql";
import { httpCaller, loadTest, median, percentile, timeCalls } from "./http-timing";
import { copyRate, csvImportRate, faersImportRate, importPeakRss } from "./import-throughput";
import { BENCH_QUERIES } from "./queries";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "1000000" },
    json: { type: "string" },
    "import-mb": { type: "string", default: "1024" },
    "import-rows": { type: "string", default: "200000" },
    database: { type: "string" },
    keep: { type: "boolean", default: false },
    calls: { type: "string", default: "30" },
  },
});
const number = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return n;
};
const cases = number("cases", values.cases);
const calls = number("calls", values.calls);
const importRows = number("import-rows", values["import-rows"]);
const importMb = number("import-mb", values["import-mb"]);
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (n: number) => n.toFixed(1);

async function measureAggregates(baseUrl: string, token: string) {
  const call = httpCaller(baseUrl, token);
  const client = await getPgPool().connect();
  const rows = [];
  try {
    for (const query of BENCH_QUERIES) {
      const { times, body } = await timeCalls(call, `/api/v1/aggregates?${query}`, calls);
      const baselineTimes: number[] = [];
      let baseline = await runBaseline(client, query);
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        baseline = await runBaseline(client, query);
        baselineTimes.push(performance.now() - started);
      }
      const identical = sameRows(apiRows(JSON.parse(body) as Parameters<typeof apiRows>[0], query.includes("then=")), baseline);
      const sorted = [...times].sort((a, b) => a - b);
      const row = { query, medianMs: median(times), p95Ms: percentile(sorted, 95), baselineMedianMs: median(baselineTimes), identical, times };
      log(`${query}: ${ms(row.medianMs)} ms (p95 ${ms(row.p95Ms)}), GROUP BY ${ms(row.baselineMedianMs)} ms, identical ${identical}`);
      rows.push(row);
    }
  } finally {
    client.release();
  }
  const all = rows.flatMap((r) => r.times).sort((a, b) => a - b);
  const medianMs = percentile(all, 50);
  const baselineMedianMs = median(rows.map((r) => r.baselineMedianMs));
  return {
    perQuery: rows.map(({ times: _t, ...r }) => ({ ...r, speedup: r.baselineMedianMs / r.medianMs })),
    summary: { medianMs, p95Ms: percentile(all, 95), baselineMedianMs, speedup: baselineMedianMs / median(rows.map((r) => r.medianMs)), identical: rows.every((r) => r.identical) },
  };
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL must name the Postgres server the benchmark may create its database on (e.g. postgresql://postgres@127.0.0.1:5432/postgres)");
  let database: TBenchDatabase | undefined;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    database = await loadBenchDatabase(serverUrl, { cases, name: values.database, log });
    app = await startApp({ DATABASE_URL: database.url, NMS_DEMO_DATA: "off" });
    const { token } = await createApiToken({ name: "bench", role: "researcher" });
    log(`app on ${app.baseUrl}; aggregates: ${BENCH_QUERIES.length} queries × ${calls} calls`);
    const aggregates = await measureAggregates(app.baseUrl, token);

    log("32 clients for 30 s on the aggregate queries");
    const load = await loadTest(httpCaller(app.baseUrl, token), BENCH_QUERIES.map((q) => `/api/v1/aggregates?${q}`), 32, 30);
    await app.stop();
    app = undefined;

    log(`CSV import of ${importRows} rows`);
    const csv = await csvImportRate(importRows, 4242);
    log(`COPY of the same ${csv.rows} rows`);
    const copy = await copyRate(csv.jobId);
    log(`FAERS quarter of ${importRows} reports`);
    const faers = await faersImportRate(importRows, 4343);
    log(`CLI import of a ${importMb} MB file (peak RSS)`);
    const big = importMb > 0 ? await importPeakRss(database.url, importMb, 4444) : null;

    const result = {
      cases,
      aggregates: aggregates.summary,
      import: { csvRowsPerSec: csv.rowsPerSec, faersRowsPerSec: faers.rowsPerSec, copyRowsPerSec: copy.rowsPerSec, ratio: csv.rowsPerSec / copy.rowsPerSec, peakRssMb: big?.peakRssMb ?? null },
      load: { clients: load.clients, rps: load.rps, p99Ms: load.p99Ms, errors: load.errors },
      detail: { queries: aggregates.perQuery, csv, copy, faers, bigImport: big, load, seedSeconds: database.seedSeconds },
    };
    printTable(result);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await app?.stop();
    await getPrisma().$disconnect();
    if (database && values.keep) await database.forgetImports();
    await closePgPool();
    if (database && !values.keep) await database.drop();
  }
}

function printTable(r: {
  cases: number;
  aggregates: { medianMs: number; p95Ms: number; baselineMedianMs: number; speedup: number; identical: boolean };
  import: { csvRowsPerSec: number; faersRowsPerSec: number; copyRowsPerSec: number; ratio: number; peakRssMb: number | null };
  load: { clients: number; rps: number; p99Ms: number; errors: number };
  detail: { queries: { query: string; medianMs: number; p95Ms: number; baselineMedianMs: number; speedup: number; identical: boolean }[] };
}): void {
  const lines = [
    `NMS Watch benchmark — ${r.cases.toLocaleString("en")} cases`,
    "",
    "query                                                       median    p95  GROUP BY  speedup  same",
    ...r.detail.queries.map((q) => `${q.query.padEnd(58)} ${ms(q.medianMs).padStart(7)} ${ms(q.p95Ms).padStart(6)} ${ms(q.baselineMedianMs).padStart(9)} ${q.speedup.toFixed(1).padStart(7)}×  ${q.identical ? "yes" : "NO"}`),
    "",
    `aggregates: median ${ms(r.aggregates.medianMs)} ms, p95 ${ms(r.aggregates.p95Ms)} ms; GROUP BY median ${ms(r.aggregates.baselineMedianMs)} ms; speedup ${r.aggregates.speedup.toFixed(1)}×; identical ${r.aggregates.identical}`,
    `import: CSV ${Math.round(r.import.csvRowsPerSec)} rows/s, FAERS ${Math.round(r.import.faersRowsPerSec)} reports/s, COPY ${Math.round(r.import.copyRowsPerSec)} rows/s, CSV/COPY ${r.import.ratio.toFixed(2)}, peak RSS ${r.import.peakRssMb === null ? "not measured" : `${Math.round(r.import.peakRssMb)} MB`}`,
    `load: ${r.load.clients} clients, ${Math.round(r.load.rps)} requests/s, p99 ${ms(r.load.p99Ms)} ms, errors ${r.load.errors}`,
  ];
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});


