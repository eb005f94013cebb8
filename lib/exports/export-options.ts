// The export-only URL parameters (`suppress`, `threshold`) beside the aggregates query, and who
// gets suppression: researchers always (at least the configured threshold), staff on request.
import { z } from "zod";
import { AppError, validationError } from "@/lib/errors";
import type { Role } from "@/lib/domain/vocabulary";
import { configuredThreshold } from "@/lib/queries/aggregates/audience";
import { paramsObject } from "@/lib/domain/search-params";
import { parseAggregateQuery, type TAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { querySearch } from "@/lib/queries/aggregates/query-url";

export const EXPORT_PARAMS = ["suppress", "threshold"] as const;

export { configuredThreshold };

export const ZExportOptions = z
  .object({
    suppress: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
    threshold: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(2).max(1000).optional(),
  })
  .strict();

export type TSuppression = { applied: boolean; threshold: number };
export type TExportRequest = { query: TAggregateQuery; suppression: TSuppression };

/** Splits the URL into the aggregates query (parsed by ZAggregateQuery) and the export options. */
export function parseExportRequest(params: URLSearchParams, role: Role): TExportRequest {
  const queryParams = new URLSearchParams(params);
  for (const name of EXPORT_PARAMS) queryParams.delete(name);
  const query = parseAggregateQuery(queryParams);
  const exportParams = Object.fromEntries(EXPORT_PARAMS.filter((n) => params.has(n)).map((n) => [n, paramsObject(params)[n]]));
  const parsed = ZExportOptions.safeParse(exportParams);
  if (!parsed.success) throw validationError(parsed.error, "query");
  const minimum = configuredThreshold();
  const threshold = parsed.data.threshold ?? minimum;
  if (role === "researcher") {
    if (parsed.data.suppress === "false") throw new AppError("forbidden", "Exports for researchers are always small-cell suppressed");
    if (threshold < minimum) {
      throw new AppError("invalid_input", `Invalid query: threshold must be at least ${minimum}`, [
        { path: "threshold", message: `must be at least ${minimum}` },
      ]);
    }
    return { query, suppression: { applied: true, threshold } };
  }
  return { query, suppression: { applied: parsed.data.suppress === "true", threshold } };
}

/** The normalised query as a canonical URL query string (the interval method always named). */
export function canonicalQueryString(query: TAggregateQuery): string {
  return querySearch(query, { explicitCi: true }).toString();
}

/** A download name that says what the file holds: dimension(s) and data version. */
export function exportFileName(metadata: { query: TAggregateQuery; dataVersion: { version: string } }, extension: "csv" | "json"): string {
  const dims = [metadata.query.by, metadata.query.then].filter(Boolean).join("-");
  return `nms-aggregates-${dims}-${metadata.dataVersion.version}.${extension}`;
}
