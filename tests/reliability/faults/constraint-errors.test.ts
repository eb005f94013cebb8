// Constraint, resource and connection errors that reach the one error mapper (lib/api/errors.ts) become a
// clear 409/400/503 in the envelope, never a 500 and never the database's own wording (table,
// constraint, column names). The errors are real ones, raised by the Postgres server through
// pg and through Prisma — except "disk full", which cannot be provoked on a shared machine.
import { randomUUID } from "node:crypto";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorResponse } from "@/lib/api/errors";
import { createPrisma, getPrisma } from "@/lib/db/client";
import { closePgPool, getPgPool } from "@/lib/db/pg-pool";
import { createServerDatabase, serverUrl, type TServerDatabase } from "./fault-helpers";

let database: TServerDatabase;
let caseId = "";
beforeAll(async () => {
  database = await createServerDatabase("constraints", { migrate: true });
  process.env.DATABASE_URL = database.url;
  caseId = (await getPrisma().caseReport.create({ data: { source: "manual", sourceId: "C-1" }, select: { id: true } })).id;
});
afterAll(async () => {
  await getPrisma().$disconnect();
  await closePgPool();
  await database?.drop();
});

async function raised(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the database to refuse this");
}

async function mapped(error: unknown): Promise<{ status: number; body: { error: { code: string; message: string; issues: unknown[] } } }> {
  const response = errorResponse(error);
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; issues: unknown[] } } };
}

const leaksInternals = (message: string) => /case_report|case_drug|constraint|violates|_pkey|_fkey|relation|column/i.test(message);

describe("database constraint errors in the envelope", () => {
  it("maps a unique violation to 409, through Prisma (P2002) and pg (23505)", async () => {
    const viaPrisma = await mapped(await raised(() => getPrisma().caseReport.create({ data: { source: "manual", sourceId: "C-1" } })));
    const viaPg = await mapped(await raised(() => getPgPool().query("INSERT INTO case_report SELECT * FROM case_report LIMIT 1")));
    for (const answer of [viaPrisma, viaPg]) {
      expect(answer).toMatchObject({ status: 409, body: { error: { code: "conflict", issues: [] } } });
      expect(leaksInternals(answer.body.error.message)).toBe(false);
    }
  });

  it("maps a foreign-key violation to 409, through Prisma (P2003) and pg (23503)", async () => {
    const orphan = { id: randomUUID(), caseId: randomUUID(), reportedName: "haloperidol", role: "suspect" as const };
    const viaPrisma = await mapped(await raised(() => getPrisma().caseDrug.create({ data: orphan })));
    const viaPg = await mapped(
      await raised(() =>
        getPgPool().query("INSERT INTO case_drug (id, case_id, reported_name, role) VALUES ($1, $2, 'x', 'suspect')", [
          randomUUID(),
          randomUUID(),
        ]),
      ),
    );
    // An edit pointing a case at an import job that does not exist (every key here cascades or
    // sets null on delete, so only the referring side can be violated).
    const viaUpdate = await mapped(
      await raised(() => getPgPool().query("UPDATE case_report SET import_job_id = $1 WHERE id = $2", [randomUUID(), caseId])),
    );
    for (const answer of [viaPrisma, viaPg, viaUpdate]) {
      expect(answer).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
      expect(leaksInternals(answer.body.error.message)).toBe(false);
    }
  });

  it("maps an out-of-range value (22003) and a NOT NULL violation (23502) to 400", async () => {
    const overflow = await mapped(await raised(() => getPgPool().query("SELECT 32767::smallint + 1::smallint")));
    const notNull = await mapped(await raised(() => getPgPool().query("UPDATE case_report SET source_id = NULL WHERE id = $1", [caseId])));
    for (const answer of [overflow, notNull]) expect(answer).toMatchObject({ status: 400, body: { error: { code: "invalid_input" } } });
  });

  it("maps running out of connections (53300) and disk (53100) to 503", async () => {
    // A role allowed no connections gets the server's real 53300 at log-in.
    const role = `nms_rel_noconn_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE "${role}" LOGIN CONNECTION LIMIT 0`);
      const url = new URL(database.url);
      url.username = role;
      const refused = new pg.Client({ connectionString: url.toString() });
      const error = await raised(() => refused.connect());
      expect(error).toMatchObject({ code: "53300" });
      expect(await mapped(error)).toMatchObject({ status: 503, body: { error: { code: "database_unavailable" } } });
    } finally {
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    }
    // Disk full cannot be provoked here: pg's own error class with the server's SQLSTATE.
    const diskFull = Object.assign(new pg.DatabaseError('could not extend file "base/16384/16385": No space left on device', 0, "error"), {
      code: "53100",
    });
    expect(await mapped(diskFull)).toMatchObject({ status: 503, body: { error: { code: "database_unavailable" } } });
  });

  it("maps an unreachable server to 503, through Prisma (P1001) and pg (ECONNREFUSED)", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port)); // nothing listens there any more
      });
    });
    const url = `postgresql://postgres@127.0.0.1:${closed}/none`;
    const prisma = createPrisma(url);
    const viaPrisma = await mapped(await raised(() => prisma.caseReport.count()));
    await prisma.$disconnect();
    const viaPg = await mapped(await raised(() => new pg.Client({ connectionString: url }).connect()));
    for (const answer of [viaPrisma, viaPg])
      expect(answer).toMatchObject({ status: 503, body: { error: { code: "database_unavailable" } } });
  });

  it("still hides anything else behind a generic 500", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const unknown = await mapped(await raised(() => getPgPool().query("SELECT no_such_function()")));
    expect(logged).toHaveBeenCalledOnce(); // the operator's log gets the details the caller does not
    logged.mockRestore();
    expect(unknown).toEqual({ status: 500, body: { error: { code: "internal", message: "Internal error", issues: [] } } });
  });
});
