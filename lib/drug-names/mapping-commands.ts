// Adds, replaces and deletes drug-name mappings. Each change is one transaction that writes the
// mapping, re-derives every stored case naming the name (lib/cases/rederive-cases.ts), and
// audits both — so the dashboard's counts move with the decision, at once, or not at all.
import type pg from "pg";
import { AppError, conflict, notFound } from "@/lib/errors";
import { writeAuditEvents, type TAuditEvent } from "@/lib/audit/write-audit-event";
import { rederiveCases, type TRederiveResult } from "@/lib/cases/rederive-cases";
import type { TActor } from "@/lib/cases/case-commands";
import { withTransaction } from "@/lib/db/transaction";
import { scheduleRollupCompaction } from "@/lib/db/rollup-compaction";
import { mappingTarget, type TDrugNameMapping } from "@/lib/domain/drug-name-mapping-schema";
import { normaliseDrugText } from "@/lib/domain/drug-name-normaliser";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { REFERENCE_LOCK_KEY } from "@/lib/reference/write-reference-data";

export type TStoredMapping = { key: string; name: string; drug: string | null; ignore: boolean };
export type TMappingChange = { mapping: TStoredMapping | null; changed: boolean; rederived: TRederiveResult | null };

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "23505";
const nameIssue = (message: string, path = "name") =>
  new AppError("invalid_input", `Invalid mapping: ${path} ${message}`, [{ path, message }]);

async function storedMapping(client: pg.ClientBase, key: string): Promise<TStoredMapping | null> {
  const { rows } = await client.query<TStoredMapping>(
    `SELECT m."key", m."name", c."name" AS "drug", m."ignore" FROM "drug_name_mapping" m
     LEFT JOIN "catalogue_drug" c ON c."id" = m."catalogue_drug_id" WHERE m."key" = $1 FOR UPDATE OF m`,
    [key],
  );
  return rows[0] ?? null;
}

/** Every stored verbatim spelling whose normalised text is one of `keys`. */
async function spellingsOf(client: pg.ClientBase, keys: ReadonlySet<string>): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>('SELECT DISTINCT "reported_name" AS "name" FROM "case_drug"');
  return rows.map((r) => r.name).filter((name) => keys.has(normaliseDrugText(name)));
}

/** Re-derives the cases naming any of `keys`, audited as one event; run inside the change's transaction. */
async function rederiveNames(client: pg.ClientBase, keys: ReadonlySet<string>, actor: TActor, why: string): Promise<TRederiveResult> {
  // Serialised with reference-data upgrades and other mapping changes: each sees the others' result.
  await client.query(`SELECT pg_advisory_xact_lock(${REFERENCE_LOCK_KEY})`);
  const result = await rederiveCases(
    client,
    await getCatalogueIndex(client),
    { reportedNames: await spellingsOf(client, keys) },
    {
      actor: actor.name,
      requestId: actor.requestId,
    },
  );
  await writeAuditEvents(client, [
    { actor: actor.name, action: "update", entity: "derivation", entityId: why, before: null, after: result, requestId: actor.requestId },
  ]);
  return result;
}

async function writeMapping(
  client: pg.ClientBase,
  input: TDrugNameMapping,
  actor: TActor,
  events: TAuditEvent[],
): Promise<TStoredMapping | "unchanged"> {
  const key = normaliseDrugText(input.name);
  const target = mappingTarget(input);
  const existing = await storedMapping(client, key);
  if (existing && existing.drug === target) return "unchanged";
  if (existing && !input.replace) {
    throw nameIssue(
      `is already mapped to ${existing.drug ?? "“not an antidopaminergic agent”"} (as “${existing.name}”): delete that mapping first, or send "replace": true`,
    );
  }
  const after: TStoredMapping = { key, name: input.name, drug: target, ignore: target === null };
  if (existing) await client.query('DELETE FROM "drug_name_mapping" WHERE "key" = $1', [key]);
  await client.query(
    `INSERT INTO "drug_name_mapping" ("key", "name", "catalogue_drug_id", "ignore", "created_by")
     VALUES ($1, $2, (SELECT "id" FROM "catalogue_drug" WHERE "name" = $3), $4, $5)`,
    [key, input.name, target, target === null, actor.name],
  );
  events.push({
    actor: actor.name,
    action: existing ? "update" : "create",
    entity: "drug-name-mapping",
    entityId: key,
    before: existing,
    after,
    requestId: actor.requestId,
  });
  return after;
}

async function inMappingTransaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  try {
    const result = await withTransaction(({ sql }) => work(sql));
    scheduleRollupCompaction();
    return result;
  } catch (error) {
    // Two people mapping one name at once: the second insert meets the first's key.
    if (isUniqueViolation(error)) throw conflict("someone else mapped this name at the same moment: reload and check their decision");
    throw error;
  }
}

export async function saveMapping(input: TDrugNameMapping, actor: TActor): Promise<TMappingChange> {
  return inMappingTransaction(async (client) => {
    const events: TAuditEvent[] = [];
    const written = await writeMapping(client, input, actor, events);
    if (written === "unchanged")
      return { mapping: await storedMapping(client, normaliseDrugText(input.name)), changed: false, rederived: null };
    await writeAuditEvents(client, events);
    const rederived = await rederiveNames(client, new Set([written.key]), actor, `mapping:${written.key}`);
    return { mapping: written, changed: true, rederived };
  });
}

export async function deleteMapping(name: string, actor: TActor): Promise<TMappingChange> {
  const key = normaliseDrugText(name);
  return inMappingTransaction(async (client) => {
    const existing = await storedMapping(client, key);
    if (!existing) throw notFound(`a mapping for “${name}”`);
    await client.query('DELETE FROM "drug_name_mapping" WHERE "key" = $1', [key]);
    await writeAuditEvents(client, [
      {
        actor: actor.name,
        action: "delete",
        entity: "drug-name-mapping",
        entityId: key,
        before: existing,
        after: null,
        requestId: actor.requestId,
      },
    ]);
    const rederived = await rederiveNames(client, new Set([key]), actor, `mapping:${key}`);
    return { mapping: null, changed: true, rederived };
  });
}

/** Many mappings at once (the mappings CSV): all of them or none, one re-derivation. */
export async function saveMappings(
  inputs: readonly TDrugNameMapping[],
  actor: TActor,
): Promise<{ saved: number; unchanged: number; rederived: TRederiveResult | null }> {
  return inMappingTransaction(async (client) => {
    const events: TAuditEvent[] = [];
    const keys = new Set<string>();
    let unchanged = 0;
    for (const [i, input] of inputs.entries()) {
      try {
        const written = await writeMapping(client, input, actor, events);
        if (written === "unchanged") unchanged++;
        else keys.add(written.key);
      } catch (error) {
        if (error instanceof AppError)
          throw new AppError(
            "invalid_input",
            `Line ${i + 2}: ${error.message}`,
            error.issues.map((issue) => ({ ...issue, path: `line ${i + 2}.${issue.path}` })),
          );
        throw error;
      }
    }
    await writeAuditEvents(client, events);
    const rederived = keys.size ? await rederiveNames(client, keys, actor, `mappings-csv:${keys.size}`) : null;
    return { saved: keys.size, unchanged, rederived };
  });
}
