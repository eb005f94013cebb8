// The new user's path: the FIRST command on a brand-new database is a CLI import (canonical CSV,
// then a FAERS quarter), before the app ever started. The drug classes must count exactly as
// when the same files are imported into a database the app has already opened — on the embedded
// database (a fresh data directory) and on a Postgres server (a database with no tables yet).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { runImport } from "@/lib/imports/write/run-import";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { openDatabase } from "@/lib/reference/open-database";
import { createServerDatabase, openTestDatabase, testServerUrl } from "../../helpers/test-database";
import { writeFaersQuarter, writeRealisticCsv } from "./real-data-fixture";

const work = mkdtempSync(path.join(os.tmpdir(), "nms-first-import-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type TClassCounts = Record<string, number>;

async function classCounts(): Promise<{
  total: number;
  classes: TClassCounts;
  drugs: TClassCounts;
  fromRollup: unknown;
  fromCases: unknown;
}> {
  const byClass = ZAggregateQuery.parse({ by: "drugClass" });
  const answer = await getAggregates(byClass);
  const byDrug = await getAggregates(ZAggregateQuery.parse({ by: "drug" }));
  return {
    total: answer.total.cases ?? -1,
    classes: Object.fromEntries(answer.groups.map((g) => [g.key, g.cases ?? -1])),
    drugs: Object.fromEntries(byDrug.groups.filter((g) => (g.cases ?? 0) > 0).map((g) => [g.key, g.cases ?? -1])),
    fromRollup: answer,
    fromCases: await getAggregates(byClass, { source: "cases" }),
  };
}

function cli(args: string[], env: Record<string, string>): string {
  const { DATABASE_URL: _url, NMS_DATABASE_KIND: _kind, ...inherited } = process.env;
  const run = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args], {
    cwd: process.cwd(),
    env: { ...inherited, NMS_DEMO_DATA: "off", ...env },
    encoding: "utf8",
    timeout: 240_000,
  });
  expect(run.status, `cli ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

let csvFile: string;
let faersFolder: string;
let started: Awaited<ReturnType<typeof classCounts>>;

beforeAll(async () => {
  csvFile = writeRealisticCsv(work, 200);
  faersFolder = await writeFaersQuarter(work);
  // The reference answer: a database opened the usual way first, then the same two imports.
  const database = await openTestDatabase();
  try {
    await runImport(csvFile, { actor: "test" });
    await runImport(faersFolder, { actor: "test" });
    started = await classCounts();
  } finally {
    await database.close();
  }
}, 300_000);

describe("a CLI import before the first start", () => {
  it("counts every drug class as an import into a started database does", async () => {
    expect(started.total).toBeGreaterThan(200);
    expect(started.classes.first_generation).toBeGreaterThan(0);
    expect(started.classes.dopaminergic_withdrawal).toBeGreaterThan(0);

    const serverUrl = testServerUrl();
    let env: Record<string, string>;
    let dropDatabase = async () => {};
    if (serverUrl) {
      // A database with no tables at all: the CLI migrates it and writes the reference data.
      const created = await createServerDatabase(serverUrl, "nms_first");
      env = { DATABASE_URL: created.url };
      dropDatabase = created.drop;
    } else {
      env = { NMS_DATA_DIR: path.join(work, "fresh-data-dir") };
    }
    try {
      const csvOutput = cli(["import", csvFile], env);
      expect(csvOutput).toMatch(/Reference data written/);
      expect(csvOutput).not.toMatch(/Drug names not in the catalogue.*haloperidol[ ,]/);
      cli(["import", faersFolder], env);

      // Now the app's first start opens the same database.
      const saved = {
        DATABASE_URL: process.env.DATABASE_URL,
        NMS_DATA_DIR: process.env.NMS_DATA_DIR,
        NMS_DATABASE_KIND: process.env.NMS_DATABASE_KIND,
      };
      delete process.env.DATABASE_URL;
      delete process.env.NMS_DATABASE_KIND;
      Object.assign(process.env, env);
      const database = await openDatabase();
      try {
        expect(database.reference.applied).toBe(false); // the CLI already brought it up to date
        const afterStart = await classCounts();
        expect(afterStart.total).toBe(started.total);
        expect(afterStart.classes).toEqual(started.classes);
        expect(afterStart.drugs).toEqual(started.drugs);
        expect(afterStart.fromRollup).toEqual(afterStart.fromCases);
      } finally {
        await getPrisma().$disconnect();
        await closePgPool();
        await database.close();
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
    } finally {
      await dropDatabase();
    }
  }, 600_000);
});
