// One saved analysis as reopened: its fields, the frozen result read back through its schema
// (a damaged one reported, never recomputed), the same view computed today for the viewer, and
// the difference figure by figure.
import { AppError, notFound } from "@/lib/errors";
import { getPrisma } from "@/lib/db/client";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import { canOpen, frozenForStaff, type TViewer } from "./analysis-access";
import type { TAnalysisKind } from "./analysis-schema";
import { analysisView, type TAnalysisView } from "./analysis-view";
import { compareFrozen, type TComparison } from "./compare-frozen";
import { computeView } from "./compute-view";
import { readFrozen, type TFrozenResult } from "./frozen-schema";
import { parseView } from "./view-query";

type TFrozenState =
  | { status: "none" }
  | { status: "ok"; result: TFrozenResult; today: TFrozenResult; comparison: TComparison }
  | { status: "invalid"; message: string; issues: { path: string; message: string }[] };

export type TOpenedAnalysis = { analysis: TAnalysisView; frozen: TFrozenState };

/** The row, if the viewer may open it (else not found: an analysis not shared with you does not exist for you). */
async function getAnalysisRow(id: string, viewer: TViewer) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound("Saved analysis");
  const row = await getPrisma().savedAnalysis.findUnique({ where: { id } });
  if (!row || !canOpen(row, viewer)) throw notFound("Saved analysis");
  if (viewer.role === "researcher" && frozenForStaff(row.frozen)) {
    throw new AppError("forbidden", "This saved analysis holds exact staff counts; researchers cannot open it");
  }
  return row;
}

/** The stored frozen result, checked (throws the 409 of frozen-schema.ts when damaged). */
export async function getFrozenResult(id: string, viewer: TViewer): Promise<{ analysis: TAnalysisView; result: TFrozenResult }> {
  const row = await getAnalysisRow(id, viewer);
  if (row.frozen === null) throw notFound("A frozen result of this saved analysis");
  return { analysis: analysisView(row, viewer), result: readFrozen(row.frozen, row.id) };
}

export async function openAnalysis(id: string, viewer: TViewer, options: { compare?: boolean } = {}): Promise<TOpenedAnalysis> {
  const row = await getAnalysisRow(id, viewer);
  const analysis = analysisView(row, viewer);
  if (row.frozen === null) return { analysis, frozen: { status: "none" } };
  let result: TFrozenResult;
  try {
    result = readFrozen(row.frozen, row.id);
  } catch (error) {
    if (error instanceof AppError) return { analysis, frozen: { status: "invalid", message: error.message, issues: error.issues } };
    throw error;
  }
  if (options.compare === false)
    return { analysis, frozen: { status: "ok", result, today: result, comparison: compareFrozen(result, result) } };
  // Today's numbers for the viewer (a researcher's protected and suppressed like the frozen ones).
  const today = await computeView(parseView(row.kind as TAnalysisKind, row.query, viewer.role), audienceOf(viewer.role));
  return { analysis, frozen: { status: "ok", result, today, comparison: compareFrozen(result, today) } };
}
