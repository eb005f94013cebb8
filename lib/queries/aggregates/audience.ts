// Who an aggregate answer is for, and so which disclosure rule it passes (docs/security.md):
// staff roles get exact counts, researchers the cell-key rule with the configured threshold.
import type { Role } from "@/lib/domain/vocabulary";
import { DEFAULT_SUPPRESSION_THRESHOLD } from "@/lib/stats/suppression";

export type TAudience = { kind: "staff" } | { kind: "researcher"; threshold: number };

export const STAFF: TAudience = { kind: "staff" };

/** NMS_SUPPRESSION_THRESHOLD configures the minimum publishable count (default 5). */
export function configuredThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.NMS_SUPPRESSION_THRESHOLD);
  return Number.isInteger(value) && value >= 2 ? value : DEFAULT_SUPPRESSION_THRESHOLD;
}

export const audienceOf = (role: Role, threshold = configuredThreshold()): TAudience =>
  role === "researcher" ? { kind: "researcher", threshold } : STAFF;
