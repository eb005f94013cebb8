// A saved analysis as the API and pages show it: its fields, where it opens, whether it is the
// viewer's own, and whether it holds frozen numbers (never the frozen numbers themselves here).
import type { Role } from "@/lib/domain/vocabulary";
import { canChange, isOwner, type TViewer } from "./analysis-access";
import { VIEW_PATHS, type TAnalysisKind } from "./analysis-schema";

export type TAnalysisView = {
  id: string;
  kind: TAnalysisKind;
  name: string;
  description: string;
  query: string;
  /** The page with the saved query: opening the analysis goes there. */
  openUrl: string;
  owner: string;
  mine: boolean;
  canChange: boolean;
  sharedWith: Role | null;
  frozen: boolean;
  frozenAt: string | null;
  createdAt: string;
  updatedAt: string;
};

type TRow = {
  id: string;
  kind: string;
  name: string;
  description: string;
  query: string;
  owner: string;
  sharedWith: Role | null;
  frozen: string | null;
  frozenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const openUrlOf = (kind: TAnalysisKind, query: string) => (query ? `${VIEW_PATHS[kind]}?${query}` : VIEW_PATHS[kind]);

export function analysisView(row: TRow, viewer: TViewer): TAnalysisView {
  const kind = row.kind as TAnalysisKind;
  return {
    id: row.id,
    kind,
    name: row.name,
    description: row.description,
    query: row.query,
    openUrl: openUrlOf(kind, row.query),
    owner: row.owner,
    mine: isOwner(row, viewer),
    canChange: canChange(row, viewer),
    sharedWith: row.sharedWith,
    frozen: row.frozen !== null,
    frozenAt: row.frozenAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
