// How long reads wait while an import runs on the embedded database (docs/security.md, "Imports
// that yield in embedded mode"): this process owns a fresh embedded database and imports a
// synthetic canonical CSV of N rows, while a worker thread runs one small read every 100 ms over
// its own connection. The reader has its own event loop: PGlite executes statements on this
// process's main thread, so a reader on that thread could not even send a read while a statement
// runs, and would under-report the wait. Prints the import's duration and throughput and the
// reads' worst and median latency, as JSON.
//   npx tsx bench/embedded-read-latency.ts [rows=20000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { closePgPool } from "@/lib/db/pg-pool";
import { getPrisma } from "@/lib/db/client";
import { runImport } from "@/lib/imports/write/run-import";
import { openDatabase } from "@/lib/reference/open-database";
import { writeSyntheticCsv } from "./synthetic/canonical-csv";

/** One read: when it was sent and answered, in ms since the import started. */
type TRead = { sentMs: number; answeredMs: number };

/**
 * The reader (plain JS, run by a worker thread): connects, says "ready", reads from the "start"
 * message until told to stop, then posts its reads.
 */
const READ_LOOP = `
  const pg = require("pg");
  const { parentPort, workerData } = require("node:worker_threads");
  const client = new pg.Client({ connectionString: workerData.url });
  let stopping = false;
  const reads = [];
  parentPort.on("message", async (message) => {
    if (message.stop) {
      stopping = true;
      return;
    }
    const now = () => performance.timeOrigin + performance.now() - message.start;
    while (!stopping) {
      const sentMs = now();
      await client.query("SELECT count(*) FROM case_report");
      reads.push({ sentMs, answeredMs: now() });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.end();
    parentPort.postMessage(reads);
  });
  client.connect().then(() => parentPort.postMessage("ready"));
`;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 20_000);
  const dir = mkdtempSync(path.join(tmpdir(), "nms-read-latency-"));
  delete process.env.DATABASE_URL;
  process.env.NMS_DATA_DIR = path.join(dir, "data");
  const file = path.join(dir, "cases.csv");
  await writeSyntheticCsv(file, { rows });
  const database = await openDatabase();
  const reader = new Worker(READ_LOOP, { eval: true, workerData: { url: database.url } });
  const answer = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      reader.once("message", resolve);
      reader.once("error", reject);
    });
  await answer(); // connected before the import starts: a connection is not a read
  const started = performance.now();
  const reads = answer() as Promise<TRead[]>;
  reader.postMessage({ start: performance.timeOrigin + started });
  // Drafts too: the synthetic rows do not all meet the four minimum criteria of a valid case
  // (docs/case-processing.md), and a draft is written exactly like a valid case.
  const result = await runImport(file, { format: "csv", allowDrafts: true });
  const importMs = performance.now() - started;
  reader.postMessage({ stop: true });
  const latencies = (await reads).map((r) => r.answeredMs - r.sentMs);
  await reader.terminate();
  await getPrisma().$disconnect();
  await closePgPool();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      rows,
      imported: result.imported,
      importMs: Math.round(importMs),
      rowsPerSecond: Math.round(rows / (importMs / 1000)),
      reads: latencies.length,
      worstReadMs: Math.round(sorted.at(-1) ?? 0),
      medianReadMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
