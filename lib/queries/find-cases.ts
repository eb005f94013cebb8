// The line listing: live cases, filtered, searched, sorted and paginated on the server.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { ZIsoDate } from "@/lib/domain/case-schema";
import { ATTRIBUTING_ROLES, CASE_SOURCES, DRUG_CLASSES, OUTCOMES, SEXES } from "@/lib/domain/vocabulary";

const SORTABLE = ["onsetDate", "receivedDate", "ageYears", "consensusScore", "naranjoScore", "sourceId"] as const;
const repeatable = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(item));

export const ZCaseListQuery = z
  .object({
    page: z.coerce.number({ message: "must be a number" }).int().min(1).default(1),
    pageSize: z.coerce.number({ message: "must be a number" }).int().min(1).max(200).default(50),
    sort: z.string().regex(new RegExp(`^-?(${SORTABLE.join("|")})$`), `must be one of ${SORTABLE.join(", ")} (prefix - for descending)`).default("-receivedDate"),
    q: z.string().trim().max(200).optional(),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    sex: repeatable(z.enum(SEXES)),
    outcome: repeatable(z.enum(OUTCOMES)),
    source: repeatable(z.enum(CASE_SOURCES)),
    drugClass: repeatable(z.enum(DRUG_CLASSES)),
    drug: repeatable(z.string().trim().min(1)),
    meetsConsensus: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

/** URLSearchParams → plain object, repeated keys as arrays. */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

export async function findCases(query: TCaseListQuery) {
  const attributing = { role: { in: [...ATTRIBUTING_ROLES] } };
  const where: Prisma.CaseReportWhereInput = {
    deletedAt: null,
    ...(query.from || query.to ? { onsetDate: { gte: query.from ? new Date(query.from) : undefined, lte: query.to ? new Date(query.to) : undefined } } : {}),
    ...(query.sex.length ? { sex: { in: query.sex } } : {}),
    ...(query.outcome.length ? { outcome: { in: query.outcome } } : {}),
    ...(query.source.length ? { source: { in: query.source } } : {}),
    ...(query.meetsConsensus !== undefined ? { meetsConsensus: query.meetsConsensus } : {}),
    AND: [
      ...(query.drugClass.length ? [{ drugs: { some: { ...attributing, catalogueDrug: { drugClass: { in: query.drugClass } } } } }] : []),
      ...(query.drug.length ? [{ drugs: { some: { ...attributing, catalogueDrug: { name: { in: query.drug } } } } }] : []),
      ...(query.q
        ? [{ OR: [{ sourceId: { contains: query.q, mode: "insensitive" as const } }, { narrative: { contains: query.q, mode: "insensitive" as const } }, { drugs: { some: { reportedName: { contains: query.q, mode: "insensitive" as const } } } }] }]
        : []),
    ],
  };
  const descending = query.sort.startsWith("-");
  const field = query.sort.replace(/^-/, "") as (typeof SORTABLE)[number];
  const prisma = getPrisma();
  const [total, rows] = await Promise.all([
    prisma.caseReport.count({ where }),
    prisma.caseReport.findMany({
      where,
      orderBy: [{ [field]: { sort: descending ? "desc" : "asc", nulls: "last" } }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true, source: true, sourceId: true, onsetDate: true, receivedDate: true, country: true, sex: true, ageYears: true,
        outcome: true, consensusScore: true, consensusMaxScore: true, meetsConsensus: true, naranjoScore: true, revision: true,
        drugs: { where: attributing, select: { reportedName: true, role: true, catalogueDrug: { select: { name: true, drugClass: true } } } },
      },
    }),
  ]);
  return {
    page: query.page,
    pageSize: query.pageSize,
    total,
    cases: rows.map((r) => ({ ...r, onsetDate: r.onsetDate?.toISOString().slice(0, 10) ?? null, receivedDate: r.receivedDate?.toISOString().slice(0, 10) ?? null })),
  };
}
