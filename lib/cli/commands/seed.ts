// `cli seed --cases N [--seed S] [--force]`: streams N synthetic cases in batches with flat
// memory; refuses a database that is not on this machine unless --force.
import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { analyzeCaseTables } from "@/lib/db/analyze";
import { readEnv } from "@/lib/db/config";
import { writeDemoCases, writeDemoExposure } from "@/seed/write-demo-data";
import { startProgress } from "../progress";

const ZSeedArgs = z.object({
  cases: z.coerce
    .number({ message: "--cases must be a number" })
    .int("--cases must be a whole number")
    .min(0, "--cases must not be negative")
    .max(50_000_000, "--cases must be at most 50,000,000"),
  seed: z.coerce.number({ message: "--seed must be a number" }).int().optional(),
  force: z.boolean().default(false),
});

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export async function seedCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const args = ZSeedArgs.parse({ cases: values.cases ?? 5000, seed: values.seed, force: values.force ?? false });
  const url = readEnv().databaseUrl;
  if (url && !LOCAL_HOSTS.has(new URL(url).hostname) && !args.force) {
    throw new Error(`refusing to seed ${new URL(url).hostname}, which is not a local database: pass --force to insist`);
  }
  // Continue the demo numbering, so a second seed adds cases instead of colliding.
  const startIndex = await getPrisma().caseReport.count({ where: { source: "manual", sourceId: { startsWith: "DEMO-" } } });
  // Denominators are written once (their unique key has a nullable column, so a second write
  // would duplicate them), sized for the cases this first seed brings.
  if ((await getPrisma().exposureDenominator.count()) === 0) await writeDemoExposure(startIndex + args.cases, args.seed);
  const progress = startProgress("Seeding", args.cases, "cases");
  const started = Date.now();
  const { cases, drugs, drafts } = await writeDemoCases(args.cases, {
    seed: args.seed,
    startIndex,
    onProgress: (done) => progress.update(done),
  });
  progress.stop();
  await analyzeCaseTables();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Seeded ${cases} cases (${drugs} drug rows) in ${seconds.toFixed(1)} s — ${Math.round(cases / Math.max(seconds, 0.001))} cases/s.` +
      (drafts ? ` ${drafts} miss an ICH E2D minimum criterion and are drafts (they count nowhere).` : ""),
  );
}
