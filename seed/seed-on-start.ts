// What a start adds to the data (the reference data is already ensured by openDatabase): demo
// accounts, and demo cases and exposure only into an embedded database that has never held a
// case (soft-deleted rows count, so deleting every case never brings the demo back).
import { getPrisma } from "@/lib/db/client";
import { writeDemoAccounts } from "@/lib/auth/users";
import { analyzeCaseTables } from "@/lib/db/analyze";
import { DEFAULT_DEMO_CASES, writeDemoCases, writeDemoExposure } from "./write-demo-data";

export async function seedOnStart(options: { demoData: boolean }): Promise<void> {
  if (!options.demoData) return;
  await writeDemoAccounts();
  const everHeldCases = (await getPrisma().caseReport.findFirst({ select: { id: true } })) !== null;
  if (everHeldCases) return;
  const started = Date.now();
  process.stdout.write(`Seeding ${DEFAULT_DEMO_CASES} demo case reports… `);
  // One transaction: an interrupted first start leaves no half demo, and the next start retries.
  await writeDemoCases(DEFAULT_DEMO_CASES, { batchSize: DEFAULT_DEMO_CASES });
  await writeDemoExposure(DEFAULT_DEMO_CASES);
  await analyzeCaseTables();
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
