// The duplicate review queue: pairs of one status, highest score first, with each case's identity.
// Candidates whose cases are already in one confirmed group, or one of which was deleted, are
// not shown: there is nothing left to decide about them.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";

export const DUPLICATE_STATUSES = ["candidate", "duplicate", "distinct"] as const;
export const ZDuplicatePairQuery = z
  .object({
    status: z.enum(DUPLICATE_STATUSES).default("candidate"),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type TDuplicatePairQuery = z.infer<typeof ZDuplicatePairQuery>;

export type TDuplicatePairCase = { id: string; source: string; sourceId: string; revision: number; duplicateOf: string | null };
export type TDuplicatePair = {
  id: string;
  score: number;
  status: (typeof DUPLICATE_STATUSES)[number];
  master: string | null;
  /** The case received later: the suspected copy while undecided. */
  later: string;
  decidedBy: string | null;
  decidedAt: string | null;
  cases: [TDuplicatePairCase, TDuplicatePairCase];
};

type TRow = {
  id: string;
  score: number;
  status: TDuplicatePair["status"];
  master_id: string | null;
  later_id: string;
  decided_by: string | null;
  decided_at: Date | null;
  a_id: string;
  a_source: string;
  a_source_id: string;
  a_revision: number;
  a_dup: string | null;
  b_id: string;
  b_source: string;
  b_source_id: string;
  b_revision: number;
  b_dup: string | null;
};

const SELECT = Prisma.sql`
  SELECT p.id, p.score, p.status::text AS status, p.master_id, p.later_id, p.decided_by, p.decided_at,
    a.id AS a_id, a.source::text AS a_source, a.source_id AS a_source_id, a.revision AS a_revision, a.duplicate_of AS a_dup,
    b.id AS b_id, b.source::text AS b_source, b.source_id AS b_source_id, b.revision AS b_revision, b.duplicate_of AS b_dup
  FROM duplicate_pair p
  JOIN case_report a ON a.id = p.case_a_id AND a.deleted_at IS NULL
  JOIN case_report b ON b.id = p.case_b_id AND b.deleted_at IS NULL`;

function toPair(r: TRow): TDuplicatePair {
  return {
    id: r.id,
    score: Number(r.score),
    status: r.status,
    master: r.master_id,
    later: r.later_id,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    cases: [
      { id: r.a_id, source: r.a_source, sourceId: r.a_source_id, revision: r.a_revision, duplicateOf: r.a_dup },
      { id: r.b_id, source: r.b_source, sourceId: r.b_source_id, revision: r.b_revision, duplicateOf: r.b_dup },
    ],
  };
}

export async function findDuplicatePairs(query: TDuplicatePairQuery): Promise<{ pairs: TDuplicatePair[] }> {
  const sameGroup = Prisma.sql`(p.status = 'candidate' AND COALESCE(a.duplicate_of, a.id) = COALESCE(b.duplicate_of, b.id))`;
  const rows = await getPrisma().$queryRaw<TRow[]>(Prisma.sql`${SELECT}
    WHERE p.status = ${query.status}::"DuplicateStatus" AND NOT ${sameGroup}
    ORDER BY p.score DESC, p.id LIMIT ${query.limit} OFFSET ${query.offset}`);
  return { pairs: rows.map(toPair) };
}

export async function getDuplicatePair(id: string): Promise<TDuplicatePair | null> {
  const rows = await getPrisma().$queryRaw<TRow[]>(Prisma.sql`${SELECT} WHERE p.id = ${id}::uuid`);
  return rows[0] ? toPair(rows[0]) : null;
}

/** Undecided pairs in the queue (the dashboard's "possible inflation" note). */
export async function countSuspectedDuplicates(): Promise<number> {
  const rows = await getPrisma().$queryRaw<{ n: bigint }[]>(Prisma.sql`
    SELECT count(DISTINCT p.later_id) AS n FROM duplicate_pair p
    JOIN case_report a ON a.id = p.case_a_id AND a.deleted_at IS NULL AND a.duplicate_of IS NULL
    JOIN case_report b ON b.id = p.case_b_id AND b.deleted_at IS NULL AND b.duplicate_of IS NULL
    WHERE p.status = 'candidate'`);
  return Number(rows[0]?.n ?? 0);
}
