// The benchmark's own database on the server: created, migrated, loaded with reference data and
// N seeded cases (batches through the same writer as the demo seed), compacted and analysed —
// or an existing one reused (--database NAME) to measure again without reloading.
import pg from "pg";
import { compactRollup } from "@/lib/db/rollup-compaction";
import { analyzeCaseTables } from "@/lib/db/analyze";
import { getPrisma } from "@/lib/db/client";
import { serverMigrationAdapter } from "@/lib/db/migrate/adapters";
import { deployMigrations } from "@/lib/db/migrate/migrate";
import { writeDemoCases, writeDemoExposure } from "@/seed/write-demo-data";
import { ensureReferenceData } from "@/lib/reference/ensure-reference-data";

export type TBenchDatabase = {
  url: string;
  seedSeconds: number | null;
  drop(): Promise<void>;
  /** Removes what the import measurements added, so a kept database can be measured again. */
  forgetImports(): Promise<void>;
};

async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function loadBenchDatabase(
  serverUrl: string,
  options: { cases: number; name?: string; log: (line: string) => void },
): Promise<TBenchDatabase> {
  const name = options.name ?? `nms_bench_${process.pid}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--database must be lower-case letters, digits and _, got "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const exists = await onServer(
    serverUrl,
    async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1,
  );
  if (!exists) await onServer(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  process.env.DATABASE_URL = url.toString();
  const adapter = serverMigrationAdapter(url.toString());
  await deployMigrations(adapter).finally(() => adapter.close());
  const drop = () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  const stored = await getPrisma().caseReport.count();
  let seedSeconds: number | null = null;
  // Through ensureReferenceData, as every process opening a database does: it also stamps the
  // reference version, without which the app's first start re-derives every seeded case (at
  // 10,000,000 cases, longer than the bench waits for the app to answer).
  await ensureReferenceData();
  if (stored === 0) {
    options.log(`seeding ${options.cases} cases into ${name}`);
    const started = performance.now();
    await writeDemoCases(options.cases, { onProgress: (done) => done % 100_000 === 0 && options.log(`  ${done} cases`) });
    await writeDemoExposure(options.cases);
    seedSeconds = (performance.now() - started) / 1000;
    options.log(`seeded in ${seedSeconds.toFixed(0)} s; compacting the rollup`);
  } else if (stored !== options.cases) {
    throw new Error(`database ${name} holds ${stored} cases, not --cases ${options.cases}: drop it or pass the matching count`);
  } else {
    options.log(`reusing ${name} with ${stored} cases`);
  }
  const { before, after } = await compactRollup();
  options.log(`rollup: ${before} delta rows folded into ${after}`);
  await analyzeCaseTables();
  const forgetImports = async () => {
    await getPrisma().$executeRaw`DELETE FROM case_report WHERE import_job_id IS NOT NULL`;
    await compactRollup();
  };
  return { url: url.toString(), seedSeconds, drop, forgetImports };
}
