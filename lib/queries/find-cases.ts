// The line listing: live cases (a confirmed duplicate under its master), filtered, searched, sorted and paginated on the server. Its filters
// are the aggregate filters, applied through the aggregates engine's own WHERE, so a drill-down
// from any bar of the dashboard lands on exactly the cases that bar counted.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { onReadServer, readPrisma } from "@/lib/db/replicas";
import { STORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/domain/storable-text";
import { ATTRIBUTING_ROLES } from "@/lib/domain/vocabulary";
import { CASE_STATUSES } from "@/lib/domain/case-validity";
import { FILTER_SHAPE, ZQueryDate, asList, pickFilters, type TAggregateQuery } from "./aggregates/query-schema";
import { whereSql } from "./aggregates/where";

/** Sort keys and the column each orders by (a fixed table: no identifier ever comes from input). */
const SORT_COLUMNS = {
  onsetDate: "c.onset_date",
  receivedDate: "c.received_date",
  ageYears: "c.age_years",
  consensusScore: "c.consensus_score",
  naranjoScore: "c.naranjo_score",
  sourceId: "c.source_id",
} as const;
export const CASE_SORT_KEYS = Object.keys(SORT_COLUMNS) as (keyof typeof SORT_COLUMNS)[];
export type TCaseSortKey = keyof typeof SORT_COLUMNS;

export const ZCaseListQuery = z
  .object({
    page: z.coerce.number({ message: "must be a number" }).int().min(1).default(1),
    pageSize: z.coerce.number({ message: "must be a number" }).int().min(1).max(200).default(50),
    sort: z
      .string()
      .regex(new RegExp(`^-?(${CASE_SORT_KEYS.join("|")})$`), `must be one of ${CASE_SORT_KEYS.join(", ")} (prefix - for descending)`)
      .default("-receivedDate"),
    // Free text goes into SQL parameters: a NUL would be a database error, so it is a 400 here.
    q: z.string().trim().max(200).refine(isStorableText, STORABLE_TEXT_MESSAGE).optional(),
    from: ZQueryDate.optional(),
    to: ZQueryDate.optional(),
    // The aggregates' own filters (lib/queries/aggregates/descriptors.ts), onset latency among them: the same URL means the same cases.
    ...FILTER_SHAPE,
    meetsConsensus: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    /**
     * Case status, repeatable (`status=draft`): drafts are listed only when asked for by name; none
     * given is the cases that count (complete and awaiting follow-up), as every figure counts them.
     */
    status: z.preprocess(asList, z.array(z.enum(CASE_STATUSES, { message: `must be one of ${CASE_STATUSES.join(", ")}` }))),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

/** The listing's filters as the aggregates query whose WHERE they share (by/then/ci play no part in it). */
function aggregateFilters(query: TCaseListQuery): TAggregateQuery {
  return {
    by: "drugClass",
    then: null,
    ci: "wilson",
    from: query.from ?? null,
    to: query.to ?? null,
    ...pickFilters(query),
    meetsConsensus: query.meetsConsensus ?? null,
  };
}

/** `%`, `_` and `\` match themselves in the search box, not as LIKE wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function listWhereSql(query: TCaseListQuery): Prisma.Sql {
  const statuses = [...new Set(query.status)].sort();
  const conditions = [whereSql(aggregateFilters(query), { drafts: statuses.includes("draft") })];
  if (statuses.length) conditions.push(Prisma.sql`c.status::text IN (${Prisma.join(statuses)})`);
  if (query.q) {
    const pattern = likePattern(query.q);
    conditions.push(Prisma.sql`(c.source_id ILIKE ${pattern} OR c.narrative ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM case_drug sd WHERE sd.case_id = c.id AND sd.reported_name ILIKE ${pattern}))`);
  }
  return Prisma.join(conditions, " AND ");
}

/** One page of the line listing, read from a replica when one is usable (lib/db/replicas.ts). */
export function findCases(query: TCaseListQuery) {
  return onReadServer(() => findCasePage(query));
}

async function findCasePage(query: TCaseListQuery) {
  const where = listWhereSql(query);
  const descending = query.sort.startsWith("-");
  const column = Prisma.raw(SORT_COLUMNS[query.sort.replace(/^-/, "") as TCaseSortKey]);
  const prisma = readPrisma();
  // One page of ids in SQL (the shared WHERE), then the rows and their drugs through Prisma.
  const [counted, page] = await Promise.all([
    prisma.$queryRaw<{ total: bigint }[]>(Prisma.sql`SELECT count(*) AS total FROM case_report c WHERE ${where}`),
    prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT c.id FROM case_report c WHERE ${where}
      ORDER BY ${column} ${descending ? Prisma.sql`DESC` : Prisma.sql`ASC`} NULLS LAST, c.id ASC
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`),
  ]);
  const attributing = { role: { in: [...ATTRIBUTING_ROLES] } };
  const rows = await prisma.caseReport.findMany({
    where: { id: { in: page.map((row) => row.id) } },
    select: {
      id: true,
      source: true,
      sourceId: true,
      onsetDate: true,
      receivedDate: true,
      country: true,
      sex: true,
      ageYears: true,
      outcome: true,
      status: true,
      consensusScore: true,
      consensusMaxScore: true,
      meetsConsensus: true,
      naranjoScore: true,
      revision: true,
      drugs: { where: attributing, select: { reportedName: true, role: true, catalogueDrug: { select: { name: true, drugClass: true } } } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // Confirmed duplicates are not rows of their own: each is listed under its master.
  const secondaries = await prisma.caseReport.findMany({
    where: { duplicateOf: { in: page.map((row) => row.id) }, deletedAt: null },
    select: { id: true, source: true, sourceId: true, duplicateOf: true },
    orderBy: [{ source: "asc" }, { sourceId: "asc" }],
  });
  const duplicatesOf = new Map<string, { id: string; source: string; sourceId: string }[]>();
  for (const s of secondaries)
    if (s.duplicateOf)
      duplicatesOf.set(s.duplicateOf, [...(duplicatesOf.get(s.duplicateOf) ?? []), { id: s.id, source: s.source, sourceId: s.sourceId }]);
  return {
    page: query.page,
    pageSize: query.pageSize,
    total: Number(counted[0]?.total ?? 0),
    cases: page
      .map((row) => byId.get(row.id))
      .filter((row) => row !== undefined)
      .map((r) => ({
        ...r,
        duplicates: duplicatesOf.get(r.id) ?? [],
        onsetDate: r.onsetDate?.toISOString().slice(0, 10) ?? null,
        receivedDate: r.receivedDate?.toISOString().slice(0, 10) ?? null,
      })),
  };
}
export type TCaseListPage = Awaited<ReturnType<typeof findCases>>;
export type TCaseListRow = TCaseListPage["cases"][number];
