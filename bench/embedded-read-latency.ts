// How long reads wait while an import runs on the embedded database (docs/security.md, "Not
// done: imports that yield"): this process owns a fresh embedded database, imports a synthetic
// canonical CSV of N rows, and a second connection runs one small read every 100 ms meanwhile.
// Prints the import's duration and the reads' worst and median latency, as JSON.
//   npx tsx bench/embedded-read-latency.ts [rows=20000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { closePgPool } from "@/lib/db/pg-pool";
import { getPrisma } from "@/lib/db/client";
import { runImport } from "@/lib/imports/write/run-import";
import { openDatabase } from "@/lib/reference/open-database";
import { writeSyntheticCsv } from "./synthetic/canonical-csv";

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 20_000);
  const dir = mkdtempSync(path.join(tmpdir(), "nms-read-latency-"));
  delete process.env.DATABASE_URL;
  process.env.NMS_DATA_DIR = path.join(dir, "data");
  const file = path.join(dir, "cases.csv");
  await writeSyntheticCsv(file, { rows });
  const database = await openDatabase();
  const reader = new pg.Client({ connectionString: database.url });
  await reader.connect();
  const latencies: number[] = [];
  let importing = true;
  const reading = (async () => {
    while (importing) {
      const started = performance.now();
      await reader.query("SELECT count(*) FROM case_report");
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  const result = await runImport(file, { format: "csv" });
  const importMs = performance.now() - started;
  importing = false;
  await reading;
  await reader.end();
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
