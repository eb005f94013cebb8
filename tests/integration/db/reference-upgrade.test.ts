// What a new build does to an existing database on its first open: the catalogue is rewritten
// from code and every stored case re-derived (one audited upgrade), while a baseline an
// administrator edited keeps the administrator's figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { getPrisma } from "@/lib/db/client";
import { BASELINES } from "@/lib/domain/baselines";
import { ensureReferenceData } from "@/lib/reference/ensure-reference-data";
import { REFERENCE_VERSION } from "@/lib/reference/reference-version";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("a reference-data upgrade", () => {
  it("is a no-op at the same version and rewrites the catalogue at another, keeping administrators' baseline edits", async () => {
    expect(await ensureReferenceData()).toEqual({ applied: false });
    const shipped = BASELINES[0]!;
    const pool = getPgPool();
    // An administrator corrected a shipped baseline (audited as the admin pages do)…
    await pool.query(`UPDATE "baseline" SET "citation" = 'Corrected by the safety team' WHERE "key" = $1`, [shipped.key]);
    await pool.query(
      `INSERT INTO "audit_event" ("actor", "action", "entity", "entity_id") VALUES ('admin@nms.local', 'update', 'baseline', $1)`,
      [shipped.key],
    );
    // …and someone tampered with a catalogue row, which is code-owned.
    await pool.query(`UPDATE "catalogue_drug" SET "drug_class" = 'antiemetic' WHERE "name" = 'haloperidol'`);
    await pool.query(`UPDATE "reference_data_state" SET "version" = 'an-older-build'`);

    const upgrade = await ensureReferenceData();
    expect(upgrade).toMatchObject({ applied: true, from: "an-older-build", to: REFERENCE_VERSION });
    const haloperidol = await getPrisma().catalogueDrug.findUniqueOrThrow({ where: { name: "haloperidol" } });
    expect(haloperidol.drugClass).toBe("first_generation");
    const kept = await getPrisma().baseline.findUniqueOrThrow({ where: { key: shipped.key } });
    expect(kept.citation).toBe("Corrected by the safety team");
    const events = await getPrisma().auditEvent.findMany({ where: { entity: "reference-data" }, orderBy: { id: "asc" } });
    expect(events.at(-1)).toMatchObject({ action: "update", entityId: REFERENCE_VERSION, before: { version: "an-older-build" } });
    expect(await ensureReferenceData()).toEqual({ applied: false });
  });
});
