// The rollup table holds exactly the key columns the query layer derives from the dimension
// descriptors (lib/queries/aggregates/rollup.ts): a descriptor naming a rollup column that no
// migration added, or a migration column no descriptor names, fails here.
import { afterAll, beforeAll, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { ROLLUP_MEASURES } from "@/lib/db/rollup-compaction";
import { ROLLUP_COLUMNS } from "@/lib/queries/aggregates/rollup";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

it("case_rollup's key columns are the descriptors' rollup columns", async () => {
  const rows = await getPrisma().$queryRaw<{ name: string }[]>`SELECT column_name::text AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'case_rollup'`;
  const keys = rows.map((r) => r.name).filter((name) => !["id", "cuboid", ...ROLLUP_MEASURES].includes(name));
  expect(keys.sort()).toEqual([...ROLLUP_COLUMNS].sort());
});
