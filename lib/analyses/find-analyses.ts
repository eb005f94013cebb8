// The library: the viewer's own analyses and those shared with the viewer's role (an
// administrator sees every analysis under "shared", to delete what should not be kept).
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import type { TViewer } from "./analysis-access";
import { analysisView, type TAnalysisView } from "./analysis-view";

export type TAnalysisList = { view: "all" | "mine" | "shared"; mine: TAnalysisView[]; shared: TAnalysisView[] };

export async function findAnalyses(viewer: TViewer, view: TAnalysisList["view"] = "all"): Promise<TAnalysisList> {
  const sharedWhere: Prisma.SavedAnalysisWhereInput =
    viewer.role === "admin" ? { owner: { not: viewer.actor } } : { owner: { not: viewer.actor }, sharedWith: viewer.role };
  const order = [{ updatedAt: "desc" as const }, { id: "asc" as const }];
  // The list leaves out the frozen text: it can be large, and the library only says whether there is one.
  const select = {
    id: true,
    kind: true,
    name: true,
    description: true,
    query: true,
    owner: true,
    sharedWith: true,
    frozenAt: true,
    createdAt: true,
    updatedAt: true,
  } as const;
  const prisma = getPrisma();
  const [mine, shared] = await Promise.all([
    view === "shared" ? [] : prisma.savedAnalysis.findMany({ where: { owner: viewer.actor }, orderBy: order, select }),
    view === "mine" ? [] : prisma.savedAnalysis.findMany({ where: sharedWhere, orderBy: order, select }),
  ]);
  // frozenAt is set exactly when a frozen result is stored.
  const toView = (row: (typeof mine)[number]) => analysisView({ ...row, frozen: row.frozenAt ? "" : null }, viewer);
  return { view, mine: mine.map(toView), shared: shared.map(toView) };
}
