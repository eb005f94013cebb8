// Counts live case reports (not deleted, not a confirmed duplicate of another) — the health check and the home page header.
import { getPrisma } from "@/lib/db/client";

export async function countCases(): Promise<number> {
  return getPrisma().caseReport.count({ where: { deletedAt: null, duplicateOf: null } });
}
