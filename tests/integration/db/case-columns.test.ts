// The bulk writers' column lists (lib/db/bulk/case-columns.ts, derived from Prisma's model types)
// against the migrated database: every listed column exists with the listed Postgres type, and
// every column of case_report and case_drug is either listed or named as one the writers leave
// alone — so the SQL the writers build and the schema cannot disagree unnoticed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_COLUMNS, CASE_COLUMNS_NOT_WRITTEN, DRUG_COLUMNS, snakeCase } from "@/lib/db/bulk/case-columns";
import { getPgPool } from "@/lib/db/pg-pool";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** information_schema's udt_name for a type as the writers cast to it: `"Sex"` → Sex, `text[]` → _text. */
const udtName = (pgType: string) => (pgType.endsWith("[]") ? `_${pgType.slice(0, -2)}` : pgType.replaceAll('"', ""));

async function tableColumns(table: string): Promise<Map<string, string>> {
  const { rows } = await getPgPool().query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r.udt_name]));
}

describe("case column lists", () => {
  const tables: [string, readonly (readonly [string, string, string])[], readonly string[]][] = [
    ["case_report", CASE_COLUMNS, CASE_COLUMNS_NOT_WRITTEN.map(snakeCase)],
    ["case_drug", DRUG_COLUMNS, []],
  ];
  it.each(tables)("%s: the listed columns and types are the table's", async (table, columns, notWritten) => {
    const stored = await tableColumns(table);
    expect(stored.size).toBeGreaterThan(0);
    const listed = new Map(columns.map(([, column, pgType]) => [column, udtName(pgType)]));
    // Same names, listed once each.
    expect(listed.size).toBe(columns.length);
    for (const [column, udt] of listed) expect({ column, udt: stored.get(column) }).toEqual({ column, udt });
    const unaccounted = [...stored.keys()].filter((c) => !listed.has(c) && !notWritten.includes(c)).sort();
    expect(unaccounted).toEqual([]);
    for (const column of notWritten) expect(stored.has(column), column).toBe(true);
  });
});
