// Create, edit and delete a case: each is one transaction that writes the change and its
// audit event together (who, when, before, after), or neither.
import { conflict, notFound } from "@/lib/api/errors";
import { insertCaseRows } from "@/lib/db/bulk/insert-cases";
import { softDeleteCase, updateCaseRow } from "@/lib/db/bulk/update-case";
import { inTransaction } from "@/lib/db/pg-pool";
import { scheduleRollupCompaction } from "@/lib/db/rollup-compaction";
import { scheduleDuplicateScan } from "@/lib/duplicates/scan-queue";
import { ZCaseInput, type TCaseInput, type TCasePatch } from "@/lib/domain/case-schema";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getCase, type TCaseView } from "@/lib/queries/get-case";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { toCaseRows } from "./to-case-rows";

export type TActor = { name: string; requestId?: string | null };

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "23505";

export async function createCase(input: TCaseInput, actor: TActor): Promise<TCaseView> {
  const { caseRow, drugRows } = toCaseRows(input, await getCatalogueIndex());
  try {
    await inTransaction(async (client) => {
      await insertCaseRows(client, [caseRow], drugRows);
      await writeAuditEvent(client, { actor: actor.name, action: "create", entity: "case", entityId: caseRow.id, before: null, after: input, requestId: actor.requestId });
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

/** Applies a partial edit at the revision the editor read; the merged case is validated whole. */
export async function updateCase(id: string, patch: TCasePatch, actor: TActor): Promise<TCaseView> {
  const { expectedRevision, ...fields } = patch;
  const before = await current(id, expectedRevision);
  const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, importJobId: _i, scores: _s, ...beforeInput } = before;
  const merged = ZCaseInput.parse({ ...beforeInput, drugs: before.drugs.map(({ catalogue: _cat, ...d }) => d), ...fields });
  const { caseRow, drugRows } = toCaseRows(merged, await getCatalogueIndex(), { id, importJobId: before.importJobId });
  await inTransaction(async (client) => {
    if (!(await updateCaseRow(client, caseRow, drugRows, expectedRevision))) throw stale();
    await writeAuditEvent(client, { actor: actor.name, action: "update", entity: "case", entityId: id, before: beforeInput, after: merged, requestId: actor.requestId });
  });
  scheduleRollupCompaction();
  scheduleDuplicateScan([id]);
  return (await getCase(id))!;
}

export async function deleteCase(id: string, expectedRevision: number, actor: TActor): Promise<void> {
  const before = await current(id, expectedRevision);
  await inTransaction(async (client) => {
    if (!(await softDeleteCase(client, id, expectedRevision))) throw stale();
    await writeAuditEvent(client, { actor: actor.name, action: "delete", entity: "case", entityId: id, before, after: null, requestId: actor.requestId });
  });
  scheduleRollupCompaction();
  scheduleDuplicateScan([id]);
}
