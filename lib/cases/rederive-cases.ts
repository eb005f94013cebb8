// Re-derives stored cases after the drug catalogue, a drug-name mapping or the derivation rules
// change: each case is read back as the input it was written from, mapped and scored again with
// the current catalogue and mappings (toCaseRows, the one write path), and only what changed is
// written — matched catalogue drug per drug row, attributing classes and drugs, stored scores.
// Runs on the caller's transaction: the rollup's statement triggers move the counts in the same
// transaction (one rollup write per batch), so every reader sees all of the change or none.
import type pg from "pg";
import { writeAuditEvents } from "@/lib/audit/write-audit-event";
import { storedCaseDocs } from "@/lib/db/bulk/stored-case-docs";
import type { TCaseInput } from "@/lib/domain/case-schema";
import { CASE_COLUMNS, DERIVED_CASE_FIELDS, DRUG_COLUMNS, snakeCase } from "@/lib/db/bulk/case-columns";
import type { TCaseRow, TDrugRow } from "@/lib/db/bulk/case-columns";
import { toCaseRows, type TCatalogueIndex } from "./to-case-rows";

/** Which cases to look at: every stored case, or those naming one of these verbatim drug names. */
export type TRederiveScope = { all: true } | { reportedNames: readonly string[] };

export type TRederiveResult = {
  examined: number;
  /** Cases whose derived facts changed. */
  changedCases: number;
  changedDrugRows: number;
  /** Net change of live cases attributed to each class (a case gaining a class: +1). */
  classMoves: Record<string, number>;
};

export type TRederiveProgress = (examined: number, total: number) => void;

/** Who re-derives, for the per-case events of the one input field a re-derivation can change. */
export type TRederiveOptions = { actor: string; requestId?: string | null; onProgress?: TRederiveProgress };

const BATCH = 2_000;
const castFor = (column: string, type: string) => (type === "date" ? `"${column}"::text AS "${column}"` : `"${column}"`);
const CASE_SELECT = `${CASE_COLUMNS.map(([, column, type]) => castFor(column, type)).join(", ")}, "deleted_at" IS NOT NULL AS "is_deleted"`;
const DRUG_SELECT = DRUG_COLUMNS.map(([, column, type]) => castFor(column, type)).join(", ");

type TRawRow = Record<string, unknown>;
const keyed = <Row>(raw: TRawRow, columns: readonly (readonly [keyof Row & string, string, string])[]): Row => {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) row[key] = raw[column] ?? null;
  return row as Row;
};

const NOT_INPUT_KEYS = ["id", "importJobId", ...DERIVED_CASE_FIELDS] as const;
/** A stored case as the input it was written from (the inverse of toCaseRows for input fields). */
function storedInput(row: TCaseRow, drugs: readonly TDrugRow[]): TCaseInput {
  const fields: Partial<TCaseRow> = { ...row };
  for (const key of NOT_INPUT_KEYS) delete fields[key];
  return {
    ...(fields as Omit<TCaseRow, (typeof NOT_INPUT_KEYS)[number]>),
    drugs: drugs.map((d) => ({
      name: d.reportedName,
      role: d.role,
      dose: d.dose,
      route: d.route,
      formulation: d.formulation,
      startDate: d.startDate,
      stopDate: d.stopDate,
      doseChange: d.doseChange,
      doseChangeDate: d.doseChangeDate,
    })),
  };
}

const sameArray = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sameDerived = (a: TCaseRow, b: TCaseRow) =>
  DERIVED_CASE_FIELDS.every((k) => (Array.isArray(a[k]) ? sameArray(a[k] as string[], b[k] as string[]) : a[k] === b[k]));

async function caseIdsInScope(client: pg.ClientBase, scope: TRederiveScope): Promise<string[] | null> {
  if ("all" in scope) return null;
  if (scope.reportedNames.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    'SELECT DISTINCT "case_id" AS "id" FROM "case_drug" WHERE "reported_name" = ANY($1::text[]) ORDER BY 1',
    [scope.reportedNames],
  );
  return rows.map((r) => r.id);
}

async function nextBatch(client: pg.ClientBase, ids: string[] | null, after: string | null, offset: number): Promise<TRawRow[]> {
  if (ids) {
    const slice = ids.slice(offset, offset + BATCH);
    if (slice.length === 0) return [];
    return (await client.query<TRawRow>(`SELECT ${CASE_SELECT} FROM "case_report" WHERE "id" = ANY($1::uuid[]) ORDER BY "id"`, [slice]))
      .rows;
  }
  return (
    await client.query<TRawRow>(
      `SELECT ${CASE_SELECT} FROM "case_report" WHERE ($1::uuid IS NULL OR "id" > $1::uuid) ORDER BY "id" LIMIT ${BATCH}`,
      [after],
    )
  ).rows;
}

const UPDATE_CASES = `UPDATE "case_report" c SET ${DERIVED_CASE_FIELDS.map((key) => `"${snakeCase(key)}" = u."${snakeCase(key)}"`).join(", ")}
  FROM json_populate_recordset(NULL::"case_report", $1::json) u WHERE c."id" = u."id"`;
const UPDATE_DRUGS = `UPDATE "case_drug" d SET "catalogue_drug_id" = u."catalogue_drug_id", "name_ignored" = u."name_ignored", "formulation" = u."formulation"
  FROM json_populate_recordset(NULL::"case_drug", $1::json) u WHERE d."id" = u."id"`;

export async function rederiveCases(
  client: pg.ClientBase,
  catalogue: TCatalogueIndex,
  scope: TRederiveScope,
  options: TRederiveOptions,
): Promise<TRederiveResult> {
  const ids = await caseIdsInScope(client, scope);
  const total = ids?.length ?? Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "case_report"')).rows[0]?.n ?? 0);
  const result: TRederiveResult = { examined: 0, changedCases: 0, changedDrugRows: 0, classMoves: {} };
  let lastId: string | null = null;
  for (;;) {
    const rawCases = await nextBatch(client, ids, lastId, result.examined);
    if (rawCases.length === 0) break;
    const cases = rawCases.map((raw) => keyed<TCaseRow>(raw, CASE_COLUMNS));
    const live = new Set(rawCases.filter((raw) => raw.is_deleted === false).map((raw) => String(raw.id)));
    const rawDrugs = (
      await client.query<TRawRow>(`SELECT ${DRUG_SELECT} FROM "case_drug" WHERE "case_id" = ANY($1::uuid[]) ORDER BY "case_id", "id"`, [
        cases.map((c) => c.id),
      ])
    ).rows;
    const drugsOf = new Map<string, TDrugRow[]>();
    for (const raw of rawDrugs) {
      const drug = keyed<TDrugRow>(raw, DRUG_COLUMNS);
      const list = drugsOf.get(drug.caseId);
      if (list) list.push(drug);
      else drugsOf.set(drug.caseId, [drug]);
    }
    const changedCases: TCaseRow[] = [];
    const changedDrugs: TDrugRow[] = [];
    const formulationBefore: (string | null)[] = [];
    for (const stored of cases) {
      const storedDrugs = drugsOf.get(stored.id) ?? [];
      const fresh = toCaseRows(storedInput(stored, storedDrugs), catalogue, { id: stored.id, importJobId: stored.importJobId });
      storedDrugs.forEach((drug, i) => {
        const next = fresh.drugRows[i];
        if (
          next &&
          (next.catalogueDrugId !== drug.catalogueDrugId || next.nameIgnored !== drug.nameIgnored || next.formulation !== drug.formulation)
        ) {
          formulationBefore.push(drug.formulation);
          changedDrugs.push({
            ...drug,
            catalogueDrugId: next.catalogueDrugId,
            nameIgnored: next.nameIgnored,
            formulation: next.formulation,
          });
        }
      });
      if (sameDerived(stored, fresh.caseRow)) continue;
      changedCases.push(fresh.caseRow);
      if (live.has(stored.id)) countMoves(result.classMoves, stored.attributingClasses, fresh.caseRow.attributingClasses);
    }
    // A drug's formulation is an input field (inferred as depot once its name matches): the case's
    // audit trail records the change as an update, so its documents — and the creation document an
    // import rebuilds from the next change (lib/audit/expand-audit-events.ts) — stay as written.
    const reformulated = [...new Set(changedDrugs.filter((d, i) => d.formulation !== formulationBefore[i]).map((d) => d.caseId))];
    const before = await storedCaseDocs(client, reformulated);
    if (changedDrugs.length)
      await client.query(UPDATE_DRUGS, [
        JSON.stringify(
          changedDrugs.map((d) => ({
            id: d.id,
            catalogue_drug_id: d.catalogueDrugId,
            name_ignored: d.nameIgnored,
            formulation: d.formulation,
          })),
        ),
      ]);
    const after = await storedCaseDocs(client, reformulated);
    await writeAuditEvents(
      client,
      reformulated.map((id) => ({
        actor: options.actor,
        action: "update" as const,
        entity: "case",
        entityId: id,
        before: before.get(id),
        after: after.get(id),
        requestId: options.requestId ?? null,
      })),
    );
    if (changedCases.length) {
      await client.query(UPDATE_CASES, [
        JSON.stringify(
          changedCases.map((c) => ({ id: c.id, ...Object.fromEntries(DERIVED_CASE_FIELDS.map((key) => [snakeCase(key), c[key]])) })),
        ),
      ]);
    }
    result.examined += cases.length;
    result.changedCases += changedCases.length;
    result.changedDrugRows += changedDrugs.length;
    lastId = cases[cases.length - 1]?.id ?? lastId;
    options.onProgress?.(result.examined, total);
  }
  return result;
}

function countMoves(moves: Record<string, number>, before: readonly string[], after: readonly string[]): void {
  for (const drugClass of after) if (!before.includes(drugClass)) moves[drugClass] = (moves[drugClass] ?? 0) + 1;
  for (const drugClass of before) if (!after.includes(drugClass)) moves[drugClass] = (moves[drugClass] ?? 0) - 1;
}
