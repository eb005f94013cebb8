// A safety officer's decision on a candidate pair — "duplicate" (with the master), "distinct", or
// "candidate" to undo either — in one transaction with its audit event. Confirmed groups are the
// connected components of "duplicate" pairs; each component's master is the one chosen by its
// most recent decision, and every other member gets duplicate_of = master, which takes it out of
// every count (the rollup trigger sees the UPDATE). docs/duplicates.md.
import type pg from "pg";
import { z } from "zod";
import { AppError, conflict, notFound } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { withTransaction } from "@/lib/db/transaction";
import { scheduleRollupCompaction } from "@/lib/db/rollup-compaction";

export const ZDuplicateDecision = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("duplicate"), master: z.uuid({ message: "must be the id of one of the pair's cases" }) }).strict(),
  z.object({ decision: z.literal("distinct") }).strict(),
  z.object({ decision: z.literal("candidate") }).strict(),
]);
export type TDuplicateDecision = z.infer<typeof ZDuplicateDecision>;

type TPairRow = {
  id: string;
  case_a_id: string;
  case_b_id: string;
  revision_a: number;
  revision_b: number;
  status: string;
  master_id: string | null;
};
export type TDecisionResult = { id: string; status: string; master: string | null; groups: { master: string; members: string[] }[] };

/** The cases linked to `seeds` through "duplicate" pairs, and those pairs (newest decision last). */
async function component(client: pg.ClientBase, seeds: readonly string[]) {
  const members = new Set(seeds);
  let pairs: { a: string; b: string; master: string }[] = [];
  for (;;) {
    const { rows } = await client.query<{ a: string; b: string; master: string }>(
      `SELECT "case_a_id" AS a, "case_b_id" AS b, "master_id" AS master FROM "duplicate_pair"
       WHERE "status" = 'duplicate' AND ("case_a_id" = ANY($1::uuid[]) OR "case_b_id" = ANY($1::uuid[]))
       ORDER BY "decided_at", "id"`,
      [[...members]],
    );
    pairs = rows;
    const before = members.size;
    for (const p of rows) members.add(p.a).add(p.b);
    if (members.size === before) return { members, pairs };
  }
}

/** Union–find over the pairs: each member's master (itself when it has none). */
function mastersOf(members: ReadonlySet<string>, pairs: readonly { a: string; b: string; master: string }[]): Map<string, string> {
  const parent = new Map([...members].map((m) => [m, m]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    return root;
  };
  for (const p of pairs) parent.set(find(p.a), find(p.b));
  // The latest decision in a component names its master (pairs come oldest first).
  const chosen = new Map<string, string>();
  for (const p of pairs) chosen.set(find(p.a), p.master);
  return new Map([...members].map((m) => [m, chosen.get(find(m)) ?? m]));
}

export async function decideDuplicatePair(
  pairId: string,
  decision: TDuplicateDecision,
  actor: { name: string; requestId?: string | null },
): Promise<TDecisionResult> {
  const result = await withTransaction(async ({ sql: client }) => {
    const found = await client.query<TPairRow>(`SELECT * FROM "duplicate_pair" WHERE "id" = $1::uuid FOR UPDATE`, [pairId]);
    const pair = found.rows[0];
    if (!pair) throw notFound("the duplicate pair");
    if (decision.decision === "duplicate" && decision.master !== pair.case_a_id && decision.master !== pair.case_b_id) {
      throw new AppError("invalid_input", "Invalid decision: master must be one of the pair's two cases", [
        { path: "master", message: "is not one of the pair's cases" },
      ]);
    }
    if (decision.decision === "candidate" ? pair.status === "candidate" : pair.status !== "candidate") {
      throw conflict(
        decision.decision === "candidate"
          ? "the pair is undecided already"
          : `the pair was decided "${pair.status}" meanwhile: reload it (undo with {"decision": "candidate"})`,
      );
    }
    const cases = await client.query<{ id: string; revision: number; deleted: boolean }>(
      `SELECT "id", "revision", "deleted_at" IS NOT NULL AS deleted FROM "case_report" WHERE "id" IN ($1::uuid, $2::uuid) ORDER BY "id" FOR UPDATE`,
      [pair.case_a_id, pair.case_b_id],
    );
    const revision = new Map(cases.rows.filter((c) => !c.deleted).map((c) => [c.id, c.revision]));
    if (revision.get(pair.case_a_id) !== pair.revision_a || revision.get(pair.case_b_id) !== pair.revision_b) {
      throw conflict("a case of this pair changed since it was scored: it will be scored again; reload the queue");
    }
    const before = await component(client, [pair.case_a_id, pair.case_b_id]);
    const master = decision.decision === "duplicate" ? decision.master : null;
    await client.query(
      `UPDATE "duplicate_pair" SET "status" = $2::"DuplicateStatus", "master_id" = $3::uuid,
         "decided_by" = CASE WHEN $2 = 'candidate' THEN NULL ELSE $4 END, "decided_at" = CASE WHEN $2 = 'candidate' THEN NULL ELSE clock_timestamp() END
       WHERE "id" = $1::uuid`,
      [pairId, decision.decision, master, actor.name],
    );
    const after = await component(client, [...before.members]);
    const masters = mastersOf(after.members, after.pairs);
    const changes = [...masters].map(([id, m]) => ({ id, duplicateOf: m === id ? null : m }));
    // Only rows whose master changes are written: each write moves a case in or out of the counts.
    await client.query(
      `UPDATE "case_report" c SET "duplicate_of" = x."duplicate_of", "updated_at" = now()
       FROM json_to_recordset($1::json) AS x("id" uuid, "duplicate_of" uuid)
       WHERE c."id" = x."id" AND c."duplicate_of" IS DISTINCT FROM x."duplicate_of"`,
      [JSON.stringify(changes.map((c) => ({ id: c.id, duplicate_of: c.duplicateOf })))],
    );
    const groups = new Map<string, string[]>();
    for (const [id, m] of masters) if (m !== id) groups.set(m, [...(groups.get(m) ?? []), id]);
    const outcome: TDecisionResult = {
      id: pairId,
      status: decision.decision,
      master,
      groups: [...groups].map(([m, members]) => ({ master: m, members: members.sort() })),
    };
    await writeAuditEvent(client, {
      actor: actor.name,
      action: "update",
      entity: "duplicate_pair",
      entityId: pairId,
      before: { status: pair.status, master: pair.master_id },
      after: { status: outcome.status, master, groups: outcome.groups },
      requestId: actor.requestId,
    });
    return outcome;
  });
  scheduleRollupCompaction();
  return result;
}
