// The safety officer's work queue (docs/case-processing.md): drafts to complete (with the minimum
// criteria each misses), cases awaiting follow-up (earliest due first) and nullified cases (latest
// first). None of these counts in any figure; this is where they are found again.
import { caseToInput } from "@/lib/cases/case-to-input";
import { getPrisma } from "@/lib/db/client";
import { missingCriteria, type TMissingCriterion } from "@/lib/domain/case-validity";

/** Each list is capped; the counts are the whole. */
export const WORK_QUEUE_LIMIT = 200;

export type TQueueCase = {
  id: string;
  source: string;
  sourceId: string;
  onsetDate: string | null;
  updatedAt: string;
  missing: TMissingCriterion[];
  followUpDue: string | null;
  nullified: { at: string; by: string | null; reason: string } | null;
};
export type TWorkQueue = {
  drafts: TQueueCase[];
  followUps: TQueueCase[];
  nullified: TQueueCase[];
  counts: { drafts: number; followUps: number; nullified: number };
};

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export async function findCaseWorkQueue(): Promise<TWorkQueue> {
  const prisma = getPrisma();
  const include = { drugs: true } as const;
  const [drafts, followUps, nullified, counts] = await Promise.all([
    prisma.caseReport.findMany({
      where: { status: "draft", deletedAt: null },
      include,
      orderBy: { updatedAt: "desc" },
      take: WORK_QUEUE_LIMIT,
    }),
    prisma.caseReport.findMany({
      where: { status: "follow_up_requested", deletedAt: null },
      include,
      orderBy: [{ followUpDue: "asc" }, { updatedAt: "desc" }],
      take: WORK_QUEUE_LIMIT,
    }),
    prisma.caseReport.findMany({ where: { deletedAt: { not: null } }, include, orderBy: { deletedAt: "desc" }, take: WORK_QUEUE_LIMIT }),
    Promise.all([
      prisma.caseReport.count({ where: { status: "draft", deletedAt: null } }),
      prisma.caseReport.count({ where: { status: "follow_up_requested", deletedAt: null } }),
      prisma.caseReport.count({ where: { deletedAt: { not: null } } }),
    ]),
  ]);
  const shape = (row: (typeof drafts)[number]): TQueueCase => ({
    id: row.id,
    source: row.source,
    sourceId: row.sourceId,
    onsetDate: isoDate(row.onsetDate),
    updatedAt: row.updatedAt.toISOString(),
    missing: missingCriteria(caseToInput(row)),
    followUpDue: isoDate(row.followUpDue),
    nullified: row.deletedAt
      ? { at: row.deletedAt.toISOString(), by: row.nullifiedBy, reason: row.nullificationReason ?? "deleted by its source's deletion list" }
      : null,
  });
  return {
    drafts: drafts.map(shape),
    followUps: followUps.map(shape),
    nullified: nullified.map(shape),
    counts: { drafts: counts[0], followUps: counts[1], nullified: counts[2] },
  };
}
