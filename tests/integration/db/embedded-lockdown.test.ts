// The embedded database's wire server is locked down (docs/security.md): a connection needs the
// owner's random password, which only the owner's user can read (owner.json 0600, data directory
// 0700), and a client idle inside a transaction is cut off so the one session serves everyone.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "@/lib/db/embedded/owner";

let dir: string;
let database: TEmbeddedDatabase;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "nms-lockdown-"));
  process.env.NMS_EMBEDDED_IDLE_TX_SECONDS = "1";
  try {
    database = await startEmbeddedDatabase(dir);
  } finally {
    delete process.env.NMS_EMBEDDED_IDLE_TX_SECONDS;
  }
}, 60_000);
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const withPassword = (password: string) => {
  const url = new URL(database.url);
  url.password = password;
  return url.toString();
};

describe("the embedded database's port", () => {
  it("refuses a connection without the owner's password, whatever user it claims", async () => {
    for (const password of ["postgres", "", "anything"]) {
      const client = new pg.Client({ connectionString: withPassword(password) });
      await expect(client.connect()).rejects.toThrow(/password authentication failed/);
      await client.end().catch(() => undefined);
    }
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    expect((await owner.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await owner.end();
  });

  it("keeps the password where only the owner's user can read it", () => {
    expect(statSync(path.join(dir, "owner.json")).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const published = JSON.parse(readFileSync(path.join(dir, "owner.json"), "utf8")) as { url: string };
    expect(new URL(published.url).password.length).toBeGreaterThanOrEqual(24);
  });

  it("cuts off a client idle inside a transaction, so the others are answered", async () => {
    const idle = new pg.Client({ connectionString: database.url });
    idle.on("error", () => undefined);
    await idle.connect();
    await idle.query("BEGIN");
    await idle.query("SELECT 1");
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    // Queued behind the open transaction until the idle client is cut off and rolled back.
    expect((await other.query<{ two: number }>("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
    await expect(idle.query("SELECT 3")).rejects.toThrow();
    await other.end();
    await idle.end().catch(() => undefined);
  }, 30_000);
});
