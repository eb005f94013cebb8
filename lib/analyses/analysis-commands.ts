// Saving, changing and deleting saved analyses (Prisma, one transaction each, audited through the
// one audit writer). Saving parses the view's query as its page would; freezing stores the whole
// answer, made for the saver's audience (a researcher's already protected and suppressed).
import { AppError, notFound } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import type { TActor } from "@/lib/cases/case-commands";
import { canChange, refuseStaffResultForResearchers, type TViewer } from "./analysis-access";
import type { TAnalysisCreate, TAnalysisKind, TAnalysisPatch } from "./analysis-schema";
import { computeView } from "./compute-view";
import { analysisView, type TAnalysisView } from "./analysis-view";
import { parseView } from "./view-query";

const ENTITY = "saved_analysis";

/** What the audit trail keeps of an analysis: everything but the frozen numbers themselves. */
function audited(row: {
  kind: string;
  name: string;
  description: string;
  query: string;
  owner: string;
  sharedWith: string | null;
  frozenAt: Date | null;
}) {
  return {
    kind: row.kind,
    name: row.name,
    description: row.description,
    query: row.query,
    owner: row.owner,
    sharedWith: row.sharedWith,
    frozenAt: row.frozenAt,
  };
}

export async function createAnalysis(input: TAnalysisCreate, viewer: TViewer, actor: TActor): Promise<TAnalysisView> {
  const view = parseView(input.kind, input.query, viewer.role);
  const frozen = input.freeze ? await computeView(view, audienceOf(viewer.role)) : null;
  const text = frozen ? JSON.stringify(frozen) : null;
  refuseStaffResultForResearchers({ owner: viewer.actor, sharedWith: input.sharedWith, frozen: text }, input.sharedWith);
  const row = await withTransaction(async ({ prisma: tx }) => {
    const created = await tx.savedAnalysis.create({
      data: {
        kind: input.kind,
        name: input.name,
        description: input.description,
        query: view.search,
        owner: viewer.actor,
        sharedWith: input.sharedWith,
        frozen: text,
        frozenAt: frozen ? new Date(frozen.frozenAt) : null,
      },
    });
    const after = { ...audited(created), dataVersion: frozen?.dataVersion ?? null };
    await writeAuditEvent(tx, {
      actor: actor.name,
      action: "create",
      entity: ENTITY,
      entityId: created.id,
      before: null,
      after,
      requestId: actor.requestId ?? null,
    });
    return created;
  });
  return analysisView(row, viewer);
}

async function changeable(id: string, viewer: TViewer) {
  const row = await getPrisma().savedAnalysis.findUnique({ where: { id } });
  if (!row) throw notFound("Saved analysis");
  if (!canChange(row, viewer)) {
    // One not shared with the viewer is as absent as one that does not exist.
    if (row.sharedWith !== viewer.role) throw notFound("Saved analysis");
    throw new AppError("forbidden", "Only its owner or an administrator may change or delete a saved analysis");
  }
  return row;
}

export async function updateAnalysis(id: string, patch: TAnalysisPatch, viewer: TViewer, actor: TActor): Promise<TAnalysisView> {
  const row = await changeable(id, viewer);
  if (patch.sharedWith !== undefined) refuseStaffResultForResearchers(row, patch.sharedWith);
  const updated = await withTransaction(async ({ prisma: tx }) => {
    const next = await tx.savedAnalysis.update({ where: { id }, data: { ...patch, updatedAt: new Date() } });
    await writeAuditEvent(tx, {
      actor: actor.name,
      action: "update",
      entity: ENTITY,
      entityId: id,
      before: audited(row),
      after: audited(next),
      requestId: actor.requestId ?? null,
    });
    return next;
  });
  return analysisView(updated, viewer);
}

export async function deleteAnalysis(
  id: string,
  viewer: TViewer,
  actor: TActor,
): Promise<{ id: string; deleted: true; kind: TAnalysisKind }> {
  const row = await changeable(id, viewer);
  await withTransaction(async ({ prisma: tx }) => {
    await tx.savedAnalysis.delete({ where: { id } });
    await writeAuditEvent(tx, {
      actor: actor.name,
      action: "delete",
      entity: ENTITY,
      entityId: id,
      before: audited(row),
      after: null,
      requestId: actor.requestId ?? null,
    });
  });
  return { id, deleted: true, kind: row.kind as TAnalysisKind };
}
