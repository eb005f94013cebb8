// npm run bench -- [--cases N] [--json FILE] [--import-mb MB] [--database NAME] [--keep] [--import-only] [--write-path staged|copy] [--baseline-runs N]
//   [--storage-only] [--embedded | --embedded-only] [--embedded-cases N]
// Loads N synthetic cases into a fresh database of its own on the Postgres server given by
// DATABASE_URL, starts the app on it, and measures in one run: aggregates over HTTP against a
// hand-written GROUP BY (same counts checked), CSV and FAERS import against COPY, 32 clients
// for 30 s, and the peak RSS of importing a big file. Prints a table; writes the JSON.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { createApiToken } from "@/lib/auth/api-tokens";
import { getPrisma } from "@/lib/db/client";
import { closePgPool, getPgPool } from "@/lib/db/pg-pool";
import { startApp } from "../scripts/app-server";
import { loadBenchDatabase, type TBenchDatabase } from "./bench-database";
import { apiRows, runBaseline, sameRows } from "./baseline-sql";
import { httpCaller, loadTest, median, percentile, timeCalls } from "./http-timing";
import { copyRate, csvImportRate, faersImportRate, importPeakRss, type TBenchWritePath } from "./import-throughput";
import { BENCH_QUERIES } from "./queries";
import { embeddedLines, measureEmbedded } from "./embedded";
import { perRowMicros, type TCpuSeconds } from "./cpu-time";
import { measureStorage, storageLines } from "./storage";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "1000000" },
    json: { type: "string" },
    "import-mb": { type: "string", default: "1024" },
    "import-rows": { type: "string", default: "200000" },
    database: { type: "string" },
    keep: { type: "boolean", default: false },
    calls: { type: "string", default: "30" },
    // Timed runs of each plain GROUP BY (after one untimed): at 10,000,000 cases each takes seconds.
    "baseline-runs": { type: "string", default: "5" },
    // Where the bytes go: only seed (or reuse), import --import-rows CSV rows and report storage.
    "storage-only": { type: "boolean", default: false },
    // The embedded default at a researcher's size: --embedded-cases on PGlite (bench/embedded.ts).
    embedded: { type: "boolean", default: false },
    "embedded-only": { type: "boolean", default: false },
    "embedded-cases": { type: "string", default: "100000" },
    // Only the import section (CSV, COPY, FAERS, peak RSS), e.g. to compare two commits.
    "import-only": { type: "boolean", default: false },
    // The imports' write path (lib/imports/write/run-import.ts): "staged" (the default) or "copy".
    "write-path": { type: "string", default: "staged" },
  },
});
const number = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return n;
};
const cases = number("cases", values.cases);
const calls = number("calls", values.calls);
const baselineRuns = Math.max(1, number("baseline-runs", values["baseline-runs"]));
const importRows = number("import-rows", values["import-rows"]);
const importMb = number("import-mb", values["import-mb"]);
const embeddedCases = number("embedded-cases", values["embedded-cases"]);
const writePathArg = values["write-path"];
if (writePathArg !== "staged" && writePathArg !== "copy") throw new Error(`--write-path must be "staged" or "copy", got "${writePathArg}"`);
const writePath: TBenchWritePath = writePathArg;
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const ms = (n: number) => n.toFixed(1);

type TBaselineRun = { rows: Awaited<ReturnType<typeof runBaseline>>; times: number[] };

/** The hand-written GROUP BY of every benchmark query: its rows and --baseline-runs timed runs after one. */
async function measureBaselines(): Promise<Map<string, TBaselineRun>> {
  const client = await getPgPool().connect();
  const runs = new Map<string, TBaselineRun>();
  try {
    for (const query of BENCH_QUERIES) {
      let rows = await runBaseline(client, query);
      const times: number[] = [];
      for (let i = 0; i < baselineRuns; i++) {
        const started = performance.now();
        rows = await runBaseline(client, query);
        times.push(performance.now() - started);
      }
      runs.set(query, { rows, times });
      log(`GROUP BY ${query}: ${ms(median(times))} ms`);
    }
  } finally {
    client.release();
  }
  return runs;
}

async function measureAggregates(baseUrl: string, token: string, baselines: Map<string, TBaselineRun>, label: string) {
  const call = httpCaller(baseUrl, token);
  const rows = [];
  {
    for (const query of BENCH_QUERIES) {
      const { times, body } = await timeCalls(call, `/api/v1/aggregates?${query}`, calls);
      const { rows: baseline, times: baselineTimes } = baselines.get(query)!;
      const identical = sameRows(apiRows(JSON.parse(body) as Parameters<typeof apiRows>[0], query.includes("then=")), baseline);
      const sorted = [...times].sort((a, b) => a - b);
      const row = {
        query,
        medianMs: median(times),
        p95Ms: percentile(sorted, 95),
        baselineMedianMs: median(baselineTimes),
        identical,
        times,
      };
      log(
        `${label} ${query}: ${ms(row.medianMs)} ms (p95 ${ms(row.p95Ms)}), GROUP BY ${ms(row.baselineMedianMs)} ms, identical ${identical}`,
      );
      rows.push(row);
    }
  }
  const all = rows.flatMap((r) => r.times).sort((a, b) => a - b);
  const medianMs = percentile(all, 50);
  const baselineMedianMs = median(rows.map((r) => r.baselineMedianMs));
  return {
    perQuery: rows.map(({ times: _t, ...r }) => ({ ...r, speedup: r.baselineMedianMs / r.medianMs })),
    summary: {
      medianMs,
      p95Ms: percentile(all, 95),
      baselineMedianMs,
      speedup: baselineMedianMs / median(rows.map((r) => r.medianMs)),
      identical: rows.every((r) => r.identical),
    },
  };
}

async function measureServedApp(url: string, token: string, baselines: Map<string, TBaselineRun>, cache: "on" | "off") {
  const app = await startApp({ DATABASE_URL: url, NMS_DEMO_DATA: "off", NMS_AGGREGATE_CACHE: cache });
  try {
    log(`app on ${app.baseUrl} (answer cache ${cache}); ${BENCH_QUERIES.length} queries × ${calls} calls`);
    const aggregates = await measureAggregates(app.baseUrl, token, baselines, `cache ${cache}:`);
    log(`32 clients for 30 s on the aggregate queries (cache ${cache})`);
    const load = await loadTest(
      httpCaller(app.baseUrl, token),
      BENCH_QUERIES.map((q) => `/api/v1/aggregates?${q}`),
      32,
      30,
    );
    log(`  ${Math.round(load.rps)} requests/s, p99 ${ms(load.p99Ms)} ms, errors ${load.errors}`);
    return { aggregates, load };
  } finally {
    await app.stop();
  }
}

type TImportFigures = {
  csvRowsPerSec: number;
  faersRowsPerSec: number;
  copyRowsPerSec: number;
  ratio: number;
  /** CSV rows per second up to the import's commit (before its ANALYZE, duplicate scan and alert rules) against COPY. */
  committedRatio: number;
  /** CPU microseconds per row, Node and Postgres, of the CSV import (to its return) and of the COPY. */
  cpuMicrosPerRow: { import: TCpuSeconds; copy: TCpuSeconds };
  faersRatio: number;
  peakRssMb: number | null;
};

/** CSV import, COPY of the very rows it wrote, a FAERS quarter, and the CLI's peak RSS on a big file. */
async function measureImports(url: string) {
  log(`CSV import of ${importRows} rows (write path: ${writePath})`);
  const csv = await csvImportRate(importRows, 4242, writePath);
  log(`  ${Math.round(csv.rowsPerSec)} rows/s; COPY of the same ${csv.rows} rows`);
  const copy = await copyRate(csv.jobId);
  log(`  ${Math.round(copy.rowsPerSec)} rows/s; FAERS quarter of ${importRows} reports`);
  const faers = await faersImportRate(importRows, 4343, writePath);
  log(`  ${Math.round(faers.rowsPerSec)} reports/s; CLI import of a ${importMb} MB file (peak RSS)`);
  const big = importMb > 0 ? await importPeakRss(url, importMb, 4444) : null;
  const figures: TImportFigures = {
    csvRowsPerSec: csv.rowsPerSec,
    faersRowsPerSec: faers.rowsPerSec,
    copyRowsPerSec: copy.rowsPerSec,
    ratio: csv.rowsPerSec / copy.rowsPerSec,
    committedRatio: csv.rows / csv.committedSeconds / copy.rowsPerSec,
    cpuMicrosPerRow: { import: perRowMicros(csv.cpu, csv.rows), copy: perRowMicros(copy.cpu, copy.rows) },
    // FAERS reports per second against COPY rows per second: most reports are no case (2 % NMS),
    // so this says how fast a quarter is read, not how close its writes come to COPY.
    faersRatio: faers.rowsPerSec / copy.rowsPerSec,
    peakRssMb: big?.peakRssMb ?? null,
  };
  return { import: figures, detail: { writePath, csv, copy, faers, bigImport: big } };
}

const cpuText = (cpu: TCpuSeconds) => `Node ${Math.round(cpu.node)} + Postgres ${Math.round(cpu.postgres)} µs`;
const importLine = (i: TImportFigures) =>
  [
    `import: CSV ${Math.round(i.csvRowsPerSec)} rows/s, FAERS ${Math.round(i.faersRowsPerSec)} reports/s, COPY ${Math.round(i.copyRowsPerSec)} rows/s, CSV/COPY ${i.ratio.toFixed(2)} (to the commit ${i.committedRatio.toFixed(2)}), FAERS/COPY ${i.faersRatio.toFixed(2)}, peak RSS ${i.peakRssMb === null ? "not measured" : `${Math.round(i.peakRssMb)} MB`}`,
    `import CPU per row: CSV import ${cpuText(i.cpuMicrosPerRow.import)}, COPY ${cpuText(i.cpuMicrosPerRow.copy)}`,
  ].join("\n");

/** Storage of the bench database as it stands, with fresh row estimates. */
async function benchStorage() {
  const client = await getPgPool().connect();
  try {
    await client.query("ANALYZE");
    return await measureStorage(client);
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  if (values["embedded-only"]) {
    const embedded = await measureEmbedded({ cases: embeddedCases, calls, log });
    console.log(embeddedLines(embedded).join("\n"));
    if (values.json) writeFileSync(values.json, `${JSON.stringify({ embedded }, null, 2)}\n`);
    return;
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error(
      "DATABASE_URL must name the Postgres server the benchmark may create its database on (e.g. postgresql://postgres@127.0.0.1:5432/postgres)",
    );
  let database: TBenchDatabase | undefined;
  try {
    database = await loadBenchDatabase(serverUrl, { cases, name: values.database, log });
    if (values["storage-only"]) {
      const seeded = await benchStorage();
      log(`CSV import of ${importRows} rows`);
      if (importRows > 0) await csvImportRate(importRows, 4242);
      const storage = await benchStorage();
      console.log([...storageLines(seeded), "", "after the import:", ...storageLines(storage)].join("\n"));
      if (values.json) writeFileSync(values.json, `${JSON.stringify({ cases, importRows, storage, seededStorage: seeded }, null, 2)}\n`);
      return;
    }
    if (values["import-only"]) {
      const imports = await measureImports(database.url);
      console.log(importLine(imports.import));
      if (values.json) writeFileSync(values.json, `${JSON.stringify({ cases, ...imports }, null, 2)}\n`);
      return;
    }
    // A staff token: its answers are exact, so they can be compared with the plain GROUP BY (a
    // researcher's are perturbed by the cell-key rule; they come from the same rollup rows).
    const { token } = await createApiToken({ name: "bench", role: "safety_officer" });
    const baselines = await measureBaselines();
    // As served (the exact answer cache on), then computed afresh on every call (cache off).
    const served = await measureServedApp(database.url, token, baselines, "on");
    const uncached = await measureServedApp(database.url, token, baselines, "off");
    const aggregates = served.aggregates;
    const load = served.load;

    const imports = await measureImports(database.url);

    log("storage per table");
    const storage = await benchStorage();
    const embedded = values.embedded ? await measureEmbedded({ cases: embeddedCases, calls, log }) : null;
    const result = {
      cases,
      storage,
      embedded,
      aggregates: {
        ...aggregates.summary,
        uncachedMedianMs: uncached.aggregates.summary.medianMs,
        uncachedP95Ms: uncached.aggregates.summary.p95Ms,
        uncachedSpeedup: uncached.aggregates.summary.speedup,
      },
      import: imports.import,
      load: {
        clients: load.clients,
        rps: load.rps,
        p99Ms: load.p99Ms,
        errors: load.errors,
        uncachedRps: uncached.load.rps,
        uncachedP99Ms: uncached.load.p99Ms,
        uncachedErrors: uncached.load.errors,
      },
      detail: {
        queries: aggregates.perQuery,
        uncachedQueries: uncached.aggregates.perQuery,
        ...imports.detail,
        load,
        uncachedLoad: uncached.load,
        seedSeconds: database.seedSeconds,
      },
    };
    printTable(result);
    console.log(["", ...storageLines(storage), ...(embedded ? ["", ...embeddedLines(embedded)] : [])].join("\n"));
    if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await getPrisma().$disconnect();
    if (database && values.keep) await database.forgetImports();
    await closePgPool();
    if (database && !values.keep) await database.drop();
  }
}

type TQueryRow = { query: string; medianMs: number; p95Ms: number; baselineMedianMs: number; speedup: number; identical: boolean };

function printTable(r: {
  cases: number;
  aggregates: {
    medianMs: number;
    p95Ms: number;
    baselineMedianMs: number;
    speedup: number;
    identical: boolean;
    uncachedMedianMs: number;
    uncachedP95Ms: number;
    uncachedSpeedup: number;
  };
  import: TImportFigures;
  load: { clients: number; rps: number; p99Ms: number; errors: number; uncachedRps: number; uncachedP99Ms: number; uncachedErrors: number };
  detail: { queries: TQueryRow[]; uncachedQueries: TQueryRow[] };
}): void {
  const lines = [
    `NMS Watch benchmark — ${r.cases.toLocaleString("en")} cases`,
    "",
    "query                                                    served median   p95 | no cache median   p95 | GROUP BY | speedup (no cache) | same",
    ...r.detail.queries.map((q, i) => {
      const u = r.detail.uncachedQueries[i]!;
      return `${q.query.padEnd(58)} ${ms(q.medianMs).padStart(7)} ${ms(q.p95Ms).padStart(6)} | ${ms(u.medianMs).padStart(8)} ${ms(u.p95Ms).padStart(6)} | ${ms(q.baselineMedianMs).padStart(8)} | ${q.speedup.toFixed(0).padStart(6)}× (${u.speedup.toFixed(0)}×) | ${q.identical && u.identical ? "yes" : "NO"}`;
    }),
    "",
    `aggregates as served: median ${ms(r.aggregates.medianMs)} ms, p95 ${ms(r.aggregates.p95Ms)} ms; GROUP BY median ${ms(r.aggregates.baselineMedianMs)} ms; speedup ${r.aggregates.speedup.toFixed(1)}×; identical ${r.aggregates.identical}`,
    `aggregates without the answer cache: median ${ms(r.aggregates.uncachedMedianMs)} ms, p95 ${ms(r.aggregates.uncachedP95Ms)} ms; speedup ${r.aggregates.uncachedSpeedup.toFixed(1)}×`,
    importLine(r.import),
    `load: ${r.load.clients} clients, ${Math.round(r.load.rps)} requests/s, p99 ${ms(r.load.p99Ms)} ms, errors ${r.load.errors}; without the cache ${Math.round(r.load.uncachedRps)} requests/s, p99 ${ms(r.load.uncachedP99Ms)} ms, errors ${r.load.uncachedErrors}`,
  ];
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
