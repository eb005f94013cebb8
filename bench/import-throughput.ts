// Import throughput: the canonical CSV and a FAERS quarter through runImport (what the CLI and
// the upload run), COPY of the very rows the CSV import wrote into the same tables (the
// ceiling), and the peak RSS of the CLI importing a big file.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { getPgPool } from "@/lib/db/pg-pool";
import { runImport } from "@/lib/imports/write/run-import";
import { cpuNow, cpuSince, type TCpuSeconds } from "./cpu-time";
import { writeSyntheticCsv } from "./synthetic/canonical-csv";
import { writeSyntheticFaersQuarter } from "./synthetic/faers-quarter";

/** The generated files (up to --import-mb each), removed when the bench process exits. */
const workDirs: string[] = [];
process.once("exit", () => workDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const workDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nms-bench-"));
  workDirs.push(dir);
  return dir;
};
/**
 * The synthetic files follow the demo's distributions, which include reports that miss a minimum
 * criterion of a valid case (no age or sex, no reporter): imported as drafts, so every row is written
 * (by default the importer would refuse the file at the first such row).
 */
const IMPORT_OPTIONS = { actor: "bench", allowDrafts: true } as const;
/** The import's write path (lib/imports/write/run-import.ts, `writePath`): the default, or COPY batch by batch. */
export type TBenchWritePath = "staged" | "copy";

export async function csvImportRate(
  rows: number,
  seed: number,
  writePath: TBenchWritePath = "staged",
): Promise<{ rows: number; seconds: number; rowsPerSec: number; committedSeconds: number; cpu: TCpuSeconds; jobId: string }> {
  const file = path.join(workDir(), "bench.csv");
  await writeSyntheticCsv(file, { rows, seed });
  const cpu = cpuNow();
  const started = performance.now();
  const result = await runImport(file, { ...IMPORT_OPTIONS, writePath });
  const seconds = (performance.now() - started) / 1000;
  return {
    rows: result.read,
    seconds,
    rowsPerSec: result.read / seconds,
    committedSeconds: result.committedSeconds,
    cpu: cpuSince(cpu),
    jobId: result.jobId,
  };
}

export async function faersImportRate(
  reports: number,
  seed: number,
  writePath: TBenchWritePath = "staged",
): Promise<{ reports: number; nmsCases: number; seconds: number; rowsPerSec: number }> {
  const dir = path.join(workDir(), "faers_ascii_2024Q1");
  await writeSyntheticFaersQuarter(dir, { reports, seed });
  const started = performance.now();
  const result = await runImport(dir, { ...IMPORT_OPTIONS, writePath });
  const seconds = (performance.now() - started) / 1000;
  const read = result.summary?.totalReports ?? reports;
  return { reports: read, nmsCases: result.imported, seconds, rowsPerSec: read / seconds };
}

/**
 * COPY of the same rows: the import's cases and drugs are copied out, deleted, and copied back
 * in one transaction (the same tables, indexes and rollup triggers the import wrote through).
 */
export async function copyRate(jobId: string): Promise<{ rows: number; seconds: number; rowsPerSec: number; cpu: TCpuSeconds }> {
  const dir = workDir();
  const [casesFile, drugsFile] = [path.join(dir, "cases.copy"), path.join(dir, "drugs.copy")];
  const client = await getPgPool().connect();
  try {
    const job = client.escapeLiteral(jobId);
    await pipeline(
      client.query(copyTo(`COPY (SELECT * FROM case_report WHERE import_job_id = ${job}) TO STDOUT`)),
      createWriteStream(casesFile),
    );
    await pipeline(
      client.query(
        copyTo(`COPY (SELECT d.* FROM case_drug d JOIN case_report c ON c.id = d.case_id WHERE c.import_job_id = ${job}) TO STDOUT`),
      ),
      createWriteStream(drugsFile),
    );
    const { rowCount } = await client.query(`DELETE FROM case_report WHERE import_job_id = ${job}`);
    const cpu = cpuNow();
    const started = performance.now();
    await client.query("BEGIN");
    await pipeline(createReadStream(casesFile), client.query(copyFrom("COPY case_report FROM STDIN")));
    await pipeline(createReadStream(drugsFile), client.query(copyFrom("COPY case_drug FROM STDIN")));
    await client.query("COMMIT");
    const seconds = (performance.now() - started) / 1000;
    return { rows: rowCount ?? 0, seconds, rowsPerSec: (rowCount ?? 0) / seconds, cpu: cpuSince(cpu) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Peak resident memory (VmHWM) of `npm run cli -- import` on a file of about `megabytes`. */
export async function importPeakRss(
  databaseUrl: string,
  megabytes: number,
  seed: number,
): Promise<{ bytes: number; rows: number; seconds: number; peakRssMb: number }> {
  const file = path.join(workDir(), "big.csv");
  const written = await writeSyntheticCsv(file, { targetBytes: megabytes * 1024 * 1024, seed });
  const started = performance.now();
  // The same heap cap as `npm run cli` (package.json): the CLI import as users run it.
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=128", "--import", "tsx", "lib/cli/main.ts", "import", file, "--allow-drafts"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  let peakKb = 0;
  const sample = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // The process has exited between samples.
    }
  };
  const timer = setInterval(sample, 100);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`the CLI import exited with ${code}: ${stderr}`);
  return { bytes: written.bytes, rows: written.rows, seconds: (performance.now() - started) / 1000, peakRssMb: peakKb / 1024 };
}
