// One live case with its drugs (and their catalogue class) and every score with the criteria
// behind it. Score totals are stored for filtering; the criteria detail is derived here from
// the same fields with the same code, so the two cannot disagree.
import { caseToInput } from "@/lib/cases/case-to-input";
import { scoreCaseInput } from "@/lib/cases/to-case-rows";
import { getPrisma } from "@/lib/db/client";
import { getCatalogueIndex } from "./get-catalogue-index";

export async function getCase(id: string) {
  const stored = await getPrisma().caseReport.findFirst({
    where: { id, deletedAt: null },
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
    drugs: input.drugs.map((drug, i) => ({ ...drug, catalogue: stored.drugs[i]?.catalogueDrug ?? null })),
    scores,
  };
}
export type TCaseView = NonNullable<Awaited<ReturnType<typeof getCase>>>;
