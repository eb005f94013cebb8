// Makes a database hold the reference data of this build before anything else touches it: every
// process that opens a database (npm start/dev, each CLI command, db:migrate, tests) calls this.
// A database stamped with this build's REFERENCE_VERSION costs one read; otherwise the catalogue
// and baselines are written, every stored case is re-derived against them and the version is
// stamped — re-derivation and stamp in one transaction, so an interrupted upgrade is redone whole
// on the next open. Cases imported before the first `npm start` therefore count like later ones.
import type pg from "pg";
import { REFERENCE_DATA_ACTOR } from "@/lib/audit/baseline-audit-event";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { rederiveCases, type TRederiveProgress, type TRederiveResult } from "@/lib/cases/rederive-cases";
import { getPgPool } from "@/lib/db/pg-pool";
import { withTransaction } from "@/lib/db/transaction";
import { compactRollup } from "@/lib/db/rollup-compaction";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { REFERENCE_VERSION } from "./reference-version";
import { REFERENCE_LOCK_KEY, writeReferenceData } from "./write-reference-data";

export type TEnsureResult = { applied: false } | { applied: true; from: string | null; to: string; rederived: TRederiveResult };

async function storedVersion(client: Pick<pg.ClientBase, "query">): Promise<string | null> {
  const { rows } = await client.query<{ version: string }>('SELECT "version" FROM "reference_data_state" WHERE "id" = 1');
  return rows[0]?.version ?? null;
}

export async function ensureReferenceData(options: { onProgress?: TRederiveProgress } = {}): Promise<TEnsureResult> {
  if ((await storedVersion(getPgPool())) === REFERENCE_VERSION) return { applied: false };
  await writeReferenceData();
  const outcome = await withTransaction(async ({ sql: client }) => {
    await client.query(`SELECT pg_advisory_xact_lock(${REFERENCE_LOCK_KEY})`);
    const from = await storedVersion(client);
    if (from === REFERENCE_VERSION) return null; // another process finished it meanwhile
    const rederived = await rederiveCases(
      client,
      await getCatalogueIndex(client),
      { all: true },
      { actor: REFERENCE_DATA_ACTOR, onProgress: options.onProgress },
    );
    await client.query(
      `INSERT INTO "reference_data_state" ("id", "version", "applied_at") VALUES (1, $1, now())
       ON CONFLICT ("id") DO UPDATE SET "version" = EXCLUDED."version", "applied_at" = now()`,
      [REFERENCE_VERSION],
    );
    await writeAuditEvent(client, {
      actor: REFERENCE_DATA_ACTOR,
      action: from ? "update" : "create",
      entity: "reference-data",
      entityId: REFERENCE_VERSION,
      before: from ? { version: from } : null,
      after: { version: REFERENCE_VERSION, ...rederived },
    });
    return { applied: true as const, from, to: REFERENCE_VERSION, rederived };
  });
  if (!outcome) return { applied: false };
  if (outcome.rederived.changedCases > 0) await compactRollup();
  return outcome;
}
