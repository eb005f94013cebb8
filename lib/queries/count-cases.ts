// Counts live case reports (not nullified, not a confirmed duplicate of another, not a draft) — the
// health check and the home page header.
import { getPrisma } from "@/lib/db/client";

export async function countCases(): Promise<number> {
  return getPrisma().caseReport.count({ where: { deletedAt: null, duplicateOf: null, status: { not: "draft" } } });
}
