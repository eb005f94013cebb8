// Child process of the embedded benchmark (bench/embedded.ts): opens the embedded database in
// NMS_DATA_DIR as `npm start` would (migrations, reference data), writes the demo accounts and
// N synthetic cases through the seed's writer, settles the rollup and statistics, and prints the
// seconds it took as JSON. A process of its own because the benchmark's process is bound to the
// Postgres server it measures.
//   NMS_DATA_DIR=DIR node --import tsx bench/embedded-seed.ts CASES
import { writeDemoAccounts } from "@/lib/auth/users";
import { analyzeCaseTables } from "@/lib/db/analyze";
import { getPrisma } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { openDatabase } from "@/lib/reference/open-database";
import { writeDemoCases, writeDemoExposure } from "@/seed/write-demo-data";

async function main(): Promise<void> {
  const cases = Number(process.argv[2]);
  if (!Number.isInteger(cases) || cases < 1) throw new Error(`CASES must be a whole number above 0, got "${process.argv[2]}"`);
  if (process.env.DATABASE_URL) throw new Error("the embedded benchmark seeds the embedded database: unset DATABASE_URL");
  const database = await openDatabase();
  try {
    const started = performance.now();
    await writeDemoAccounts();
    await writeDemoCases(cases, { onProgress: (done) => done % 20_000 === 0 && console.error(`  ${done} cases`) });
    await writeDemoExposure(cases);
    await analyzeCaseTables();
    console.log(JSON.stringify({ seedSeconds: (performance.now() - started) / 1000 }));
  } finally {
    await getPrisma().$disconnect();
    await closePgPool();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
