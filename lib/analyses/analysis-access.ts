// Who may do what with a saved analysis: its owner and administrators change and delete it; it is
// opened by its owner, by the role it is shared with, and by administrators. A frozen result made
// for staff holds exact counts, so a researcher never opens one (nor may it be shared with them).
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/domain/vocabulary";

export type TViewer = { actor: string; role: Role };
export type TAnalysisRow = { owner: string; sharedWith: Role | null; frozen: string | null };

export const isOwner = (row: TAnalysisRow, viewer: TViewer) => row.owner === viewer.actor;

export const canOpen = (row: TAnalysisRow, viewer: TViewer) =>
  isOwner(row, viewer) || viewer.role === "admin" || row.sharedWith === viewer.role;

export const canChange = (row: TAnalysisRow, viewer: TViewer) => isOwner(row, viewer) || viewer.role === "admin";

/** True when the stored frozen answer was made for staff (exact counts): kept from researchers. */
export function frozenForStaff(frozen: string | null): boolean {
  if (frozen === null) return false;
  // The audience is checked on the parsed form too (frozen-schema.ts); this reads it without parsing the whole answer.
  try {
    const audience = (JSON.parse(frozen) as { audience?: { kind?: unknown } }).audience;
    return audience?.kind !== "researcher";
  } catch {
    return true;
  }
}

export function refuseStaffResultForResearchers(row: TAnalysisRow, sharedWith: Role | null): void {
  if (sharedWith === "researcher" && frozenForStaff(row.frozen)) {
    throw new AppError("invalid_input", "Invalid analysis: sharedWith cannot be researcher: its frozen result holds exact staff counts", [
      { path: "sharedWith", message: "cannot be researcher: the frozen result holds exact (unsuppressed) counts" },
    ]);
  }
}
