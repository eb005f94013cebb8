// Create, edit, nullify and restore a case: each is one transaction that writes the change and
// its audit event together (who, when, before, after), or neither. The case status is settled
// against ICH E2D's minimum criteria on every write (docs/case-processing.md).
import { AppError, conflict, notFound } from "@/lib/errors";
import { insertCaseRows } from "@/lib/db/bulk/insert-cases";
import { nullifyCaseRow, restoreCaseRow, updateCaseRow } from "@/lib/db/bulk/update-case";
import { withTransaction } from "@/lib/db/transaction";
import { scheduleRollupCompaction } from "@/lib/db/rollup-compaction";
import { scheduleDuplicateScan } from "@/lib/duplicates/scan-queue";
import { ZCaseInput, type TCaseInput, type TCasePatch } from "@/lib/domain/case-schema";
import { settleStatus } from "@/lib/domain/case-validity";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getCase, type TCaseView } from "@/lib/queries/get-case";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { toCaseRows } from "./to-case-rows";

export type TActor = { name: string; requestId?: string | null };

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "23505";

/**
 * The case with its settled status: a draft when a minimum criterion is missing. A request to
 * mark such a case complete (or follow-up requested) is a 400 naming each missing criterion.
 */
function withStatus(input: TCaseInput): TCaseInput {
  const settled = settleStatus(input.status, input);
  if (!settled.refused) return { ...input, status: settled.status };
  const issues = settled.missing.map((m) => ({ path: m.field, message: m.message }));
  throw new AppError(
    "invalid_input",
    `Invalid case: cannot be ${input.status === "complete" ? "complete" : "marked for follow-up"}: ${issues.map((i) => i.message).join("; ")}`,
    issues,
  );
}

export async function createCase(requested: TCaseInput, actor: TActor): Promise<TCaseView> {
  const input = withStatus(requested);
  const { caseRow, drugRows } = toCaseRows(input, await getCatalogueIndex());
  try {
    await withTransaction(async ({ sql: client }) => {
      await insertCaseRows(client, [caseRow], drugRows);
      await writeAuditEvent(client, {
        actor: actor.name,
        action: "create",
        entity: "case",
        entityId: caseRow.id,
        before: null,
        after: input,
        requestId: actor.requestId,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`a case with source ${input.source} and id ${input.sourceId} already exists`);
    throw error;
  }
  scheduleRollupCompaction();
  scheduleDuplicateScan([caseRow.id]);
  return (await getCase(caseRow.id))!;
}

async function current(id: string, expectedRevision: number): Promise<TCaseView> {
  const existing = await getCase(id);
  if (!existing) throw notFound("the case");
  if (existing.revision !== expectedRevision) {
    throw conflict(`the case was changed by someone else (revision ${existing.revision}, you read ${expectedRevision}): reload it`);
  }
  return existing;
}

const stale = () => conflict("the case was changed by someone else meanwhile: reload it");

/** The case as its own input, without what the view adds (for a merge and the audit's "before"). */
function inputOf(view: TCaseView) {
  const {
    id: _id,
    revision: _r,
    createdAt: _c,
    updatedAt: _u,
    importJobId: _i,
    scores: _s,
    missingCriteria: _m,
    nullified: _n,
    ...input
  } = view;
  return { ...input, drugs: view.drugs.map(({ catalogue: _cat, ...d }) => d) };
}

/**
 * Applies a partial edit at the revision the editor read; the merged case is validated whole. An
 * edit that gives an onset date withdraws a stored "onset unknown"; one that does not name the
 * status lets the criteria settle it again (a completed draft becomes complete, a case that
 * loses a criterion becomes a draft).
 */
export async function updateCase(id: string, patch: TCasePatch, actor: TActor): Promise<TCaseView> {
  const { expectedRevision, ...fields } = patch;
  const before = await current(id, expectedRevision);
  if (before.nullified) throw conflict("the case is nullified: an administrator must restore it before it can be edited");
  const beforeInput = inputOf(before);
  // Unless the edit names a status, a requested follow-up stays requested and otherwise the criteria decide.
  const carried = {
    ...beforeInput,
    ...(fields.onsetDate ? { onsetUnknown: false } : {}),
    status: before.status === "follow_up_requested" ? before.status : undefined,
  };
  const merged = withStatus(ZCaseInput.parse({ ...carried, ...fields }));
  const { caseRow, drugRows } = toCaseRows(merged, await getCatalogueIndex(), { id, importJobId: before.importJobId });
  await withTransaction(async ({ sql: client }) => {
    if (!(await updateCaseRow(client, caseRow, drugRows, expectedRevision))) throw stale();
    await writeAuditEvent(client, {
      actor: actor.name,
      action: "update",
      entity: "case",
      entityId: id,
      before: beforeInput,
      after: merged,
      requestId: actor.requestId,
    });
  });
  scheduleRollupCompaction();
  scheduleDuplicateScan([id]);
  return (await getCase(id))!;
}

/**
 * Nullifies a case instead of deleting it: it stays, with its history, visible to safety
 * officers, and counts nowhere. The reason is required and audited.
 */
export async function nullifyCase(id: string, expectedRevision: number, reason: string, actor: TActor): Promise<void> {
  const before = await current(id, expectedRevision);
  if (before.nullified) throw conflict("the case is already nullified");
  await withTransaction(async ({ sql: client }) => {
    if (!(await nullifyCaseRow(client, id, expectedRevision, reason, actor.name))) throw stale();
    await writeAuditEvent(client, {
      actor: actor.name,
      action: "delete",
      entity: "case",
      entityId: id,
      before: inputOf(before),
      after: { nullified: true, reason },
      requestId: actor.requestId,
    });
  });
  scheduleRollupCompaction();
  scheduleDuplicateScan([id]);
}

/** Reverses a nullification (administrators): the case counts again, as it did before. */
export async function restoreCase(id: string, expectedRevision: number, actor: TActor): Promise<TCaseView> {
  const before = await current(id, expectedRevision);
  if (!before.nullified) throw conflict("the case is not nullified");
  await withTransaction(async ({ sql: client }) => {
    if (!(await restoreCaseRow(client, id, expectedRevision))) throw stale();
    await writeAuditEvent(client, {
      actor: actor.name,
      action: "update",
      entity: "case",
      entityId: id,
      before: { nullified: true, reason: before.nullified?.reason ?? null },
      after: { nullified: false, restored: true },
      requestId: actor.requestId,
    });
  });
  scheduleRollupCompaction();
  scheduleDuplicateScan([id]);
  return (await getCase(id))!;
}
