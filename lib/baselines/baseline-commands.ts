// Administrators add, correct and remove baselines, each change audited with before and after in
// the same transaction. Shipped baselines (lib/domain/baselines.ts) are written again when a new
// release's reference data differs: docs/epidemiology.md.
import { conflict, notFound, validationError } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { withTransaction } from "@/lib/db/transaction";
import { ZBaselineMerged, type TBaselineCreate, type TBaselinePatch } from "@/lib/domain/baseline-schema";

type TActor = { name: string; requestId?: string | null };

export async function createBaseline(input: TBaselineCreate, actor: TActor) {
  return withTransaction(async ({ prisma: tx }) => {
    if (await tx.baseline.findUnique({ where: { key: input.key } })) throw conflict(`A baseline with key “${input.key}” exists`);
    const { id: _id, ...stored } = await tx.baseline.create({ data: input });
    await writeAuditEvent(tx, {
      actor: actor.name,
      action: "create",
      entity: "baseline",
      entityId: input.key,
      before: null,
      after: stored,
      requestId: actor.requestId ?? null,
    });
    return stored;
  });
}

export async function updateBaseline(key: string, patch: TBaselinePatch, actor: TActor) {
  return withTransaction(async ({ prisma: tx }) => {
    const existing = await tx.baseline.findUnique({ where: { key } });
    if (!existing) throw notFound(`Baseline “${key}”`);
    const { id, key: _key, ...before } = existing;
    const merged = ZBaselineMerged.safeParse({ ...before, ...patch });
    if (!merged.success) throw validationError(merged.error, "baseline");
    const { id: _storedId, ...after } = await tx.baseline.update({ where: { id }, data: merged.data });
    await writeAuditEvent(tx, {
      actor: actor.name,
      action: "update",
      entity: "baseline",
      entityId: key,
      before: { key, ...before },
      after,
      requestId: actor.requestId ?? null,
    });
    return after;
  });
}

export async function deleteBaseline(key: string, actor: TActor) {
  return withTransaction(async ({ prisma: tx }) => {
    const existing = await tx.baseline.findUnique({ where: { key } });
    if (!existing) throw notFound(`Baseline “${key}”`);
    const { id, ...before } = existing;
    await tx.baseline.delete({ where: { id } });
    await writeAuditEvent(tx, {
      actor: actor.name,
      action: "delete",
      entity: "baseline",
      entityId: key,
      before,
      after: null,
      requestId: actor.requestId ?? null,
    });
    return { key };
  });
}
