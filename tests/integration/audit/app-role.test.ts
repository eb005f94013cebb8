// On a Postgres deployment the app runs as a role that owns nothing (docs/security.md, "Postgres
// deployment"): it reads and writes rows, but cannot switch off, drop or bypass the audit
// trail's append-only trigger, nor truncate the trail. Needs NMS_TEST_POSTGRES_URL (the embedded
// database has one superuser session; there the file permissions are the defence).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testServerUrl, type TTestDatabase } from "../../helpers/test-database";

const server = testServerUrl();
const role = `nms_app_${process.pid}`;
let database: TTestDatabase;
let app: pg.Client;
const count = async () => (await app.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event")).rows[0]!.n;

/** The grants docs/security.md gives for the app role, on this test's database. */
const GRANTS = (name: string) => [
  `CREATE ROLE "${name}" LOGIN`,
  `GRANT USAGE ON SCHEMA public TO "${name}"`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${name}"`,
  `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${name}"`,
];

describe.skipIf(!server)("the app's database role on Postgres", () => {
  beforeAll(async () => {
    database = await openTestDatabase();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    for (const statement of GRANTS(role)) await admin.query(statement);
    await admin.query(`INSERT INTO audit_event (actor, action, entity, entity_id) VALUES ('test', 'create', 'case', 'x')`);
    await admin.end();
    const url = new URL(database.url);
    url.username = role;
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await database?.close();
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it("writes audit events", async () => {
    const before = await count();
    await app.query(`INSERT INTO audit_event (actor, action, entity, entity_id) VALUES ('app', 'create', 'case', 'y')`);
    expect(await count()).toBe(before + 1);
  });

  it.each([
    ["delete an event", "DELETE FROM audit_event", /append-only/],
    ["change an event", "UPDATE audit_event SET actor = 'someone else'", /append-only/],
    ["switch the trigger off", "ALTER TABLE audit_event DISABLE TRIGGER ALL", /must be owner/],
    ["drop the trigger", `DROP TRIGGER "audit_event_no_update_or_delete" ON audit_event`, /must be owner/],
    [
      "replace the trigger function",
      `CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
      /must be owner|permission denied/,
    ],
    ["skip triggers for the session", "SET session_replication_role = replica", /permission denied/],
    ["truncate the trail", "TRUNCATE audit_event", /permission denied/],
  ])("cannot %s", async (_what, sql, refusal) => {
    const before = await count();
    await expect(app.query(sql)).rejects.toThrow(refusal);
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
