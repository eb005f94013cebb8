// Stores a scan's candidate pairs in the caller's transaction (so a killed scan writes nothing):
// new pairs become candidates; a pair decided "distinct" is remembered unless one of its cases
// changed since (then it is a candidate again); "duplicate" decisions stay. In-scope pairs the
// scan no longer finds are dropped unless decided and unchanged.
import type pg from "pg";

export type TScoredPair = { a: string; b: string; revA: number; revB: number; score: number; later: string };
/** Which stored pairs the scan speaks for: every pair, or those of the given cases / import job. */
export type TPairScope =
  { kind: "all" } | { kind: "cases"; ids: readonly string[] } | { kind: "import"; jobId: string; ids: readonly string[] };

const CHUNK = 5_000;
/** One scan writes at a time: two would each drop the other's new pairs as "not found". */
const WRITE_LOCK = 15_015;

function scopeSql(scope: TPairScope, params: unknown[]): string {
  if (scope.kind === "all") return "TRUE";
  params.push(scope.ids);
  const ids = `$${params.length}::uuid[]`;
  if (scope.kind === "cases") return `(p."case_a_id" = ANY(${ids}) OR p."case_b_id" = ANY(${ids}))`;
  params.push(scope.jobId);
  const job = `$${params.length}::uuid`;
  return `(p."case_a_id" = ANY(${ids}) OR p."case_b_id" = ANY(${ids})
    OR EXISTS (SELECT 1 FROM "case_report" c WHERE c."id" IN (p."case_a_id", p."case_b_id") AND c."import_job_id" = ${job}))`;
}

export async function writeScoredPairs(
  client: pg.ClientBase,
  pairs: readonly TScoredPair[],
  scope: TPairScope,
): Promise<{ stored: number; removed: number }> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
  await client.query(
    `CREATE TEMP TABLE "scan_pair" ("a" uuid, "b" uuid, "rev_a" int4, "rev_b" int4, "score" float8, "later" uuid) ON COMMIT DROP`,
  );
  for (let at = 0; at < pairs.length; at += CHUNK) {
    await client.query(
      `INSERT INTO "scan_pair" SELECT * FROM json_to_recordset($1::json) AS x("a" uuid, "b" uuid, "rev_a" int4, "rev_b" int4, "score" float8, "later" uuid)`,
      [
        JSON.stringify(
          pairs.slice(at, at + CHUNK).map((p) => ({ a: p.a, b: p.b, rev_a: p.revA, rev_b: p.revB, score: p.score, later: p.later })),
        ),
      ],
    );
  }
  // A case changed after the scan read it: that change's own scan speaks for its pairs.
  await client.query(`DELETE FROM "scan_pair" s USING "case_report" a, "case_report" b
    WHERE a."id" = s."a" AND b."id" = s."b" AND (a."revision" <> s."rev_a" OR b."revision" <> s."rev_b" OR a."deleted_at" IS NOT NULL OR b."deleted_at" IS NOT NULL)`);
  const params: unknown[] = [];
  const scope$ = scopeSql(scope, params);
  const removed = await client.query(
    `DELETE FROM "duplicate_pair" p WHERE ${scope$} AND p."status" <> 'duplicate'
       AND NOT EXISTS (SELECT 1 FROM "scan_pair" s WHERE s."a" = p."case_a_id" AND s."b" = p."case_b_id")
       AND (p."status" = 'candidate' OR NOT EXISTS (
         SELECT 1 FROM "case_report" a, "case_report" b WHERE a."id" = p."case_a_id" AND b."id" = p."case_b_id"
           AND a."revision" = p."revision_a" AND b."revision" = p."revision_b" AND a."deleted_at" IS NULL AND b."deleted_at" IS NULL))`,
    params,
  );
  const reopened = `"duplicate_pair"."status" = 'distinct' AND ("duplicate_pair"."revision_a" <> EXCLUDED."revision_a" OR "duplicate_pair"."revision_b" <> EXCLUDED."revision_b")`;
  const stored = await client.query(`
    INSERT INTO "duplicate_pair" ("id", "case_a_id", "case_b_id", "revision_a", "revision_b", "score", "later_id", "status", "scored_at")
    SELECT gen_random_uuid(), s."a", s."b", s."rev_a", s."rev_b", s."score", s."later", 'candidate', now() FROM "scan_pair" s
    ON CONFLICT ("case_a_id", "case_b_id") DO UPDATE SET
      "status" = CASE WHEN ${reopened} THEN 'candidate'::"DuplicateStatus" ELSE "duplicate_pair"."status" END,
      "decided_by" = CASE WHEN ${reopened} THEN NULL ELSE "duplicate_pair"."decided_by" END,
      "decided_at" = CASE WHEN ${reopened} THEN NULL ELSE "duplicate_pair"."decided_at" END,
      "revision_a" = EXCLUDED."revision_a", "revision_b" = EXCLUDED."revision_b", "score" = EXCLUDED."score",
      "later_id" = EXCLUDED."later_id", "scored_at" = now()
    WHERE ("duplicate_pair"."revision_a", "duplicate_pair"."revision_b", "duplicate_pair"."score")
      IS DISTINCT FROM (EXCLUDED."revision_a", EXCLUDED."revision_b", EXCLUDED."score")`);
  return { stored: stored.rowCount ?? 0, removed: removed.rowCount ?? 0 };
}
