// One case with its drugs (and their catalogue class), every score with the criteria behind it,
// the minimum criteria it misses, and — when nullified — who nullified it, when and why. Score
// totals are stored for filtering; the criteria detail is derived here from the same fields with
// the same code, so the two cannot disagree. Nullified cases stay readable (docs/case-processing.md).
import { caseToInput } from "@/lib/cases/case-to-input";
import { scoreCaseInput } from "@/lib/cases/to-case-rows";
import { getPrisma } from "@/lib/db/client";
import { missingCriteria } from "@/lib/domain/case-validity";
import { getCatalogueIndex } from "./get-catalogue-index";

export async function getCase(id: string) {
  const stored = await getPrisma().caseReport.findFirst({
    where: { id },
    include: { drugs: { include: { catalogueDrug: { select: { name: true, displayName: true, drugClass: true, potency: true } } } } },
  });
  if (!stored) return null;
  const input = caseToInput(stored);
  const scores = scoreCaseInput(input, await getCatalogueIndex());
  return {
    id: stored.id,
    revision: stored.revision,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
    importJobId: stored.importJobId,
    ...input,
    status: stored.status,
    drugs: input.drugs.map((drug, i) => ({ ...drug, catalogue: stored.drugs[i]?.catalogueDrug ?? null })),
    scores,
    missingCriteria: missingCriteria(input),
    nullified: stored.deletedAt
      ? {
          at: stored.deletedAt.toISOString(),
          by: stored.nullifiedBy,
          reason: stored.nullificationReason ?? "deleted by its source's deletion list",
        }
      : null,
  };
}
export type TCaseView = NonNullable<Awaited<ReturnType<typeof getCase>>>;
