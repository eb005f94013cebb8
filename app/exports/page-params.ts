// The exports page's URL is the export's own query: the aggregates parameters plus the export
// options, blank form fields dropped. The download links carry exactly these parameters.
import { AppError, type TErrorIssue } from "@/lib/errors";
import type { Role } from "@/lib/domain/vocabulary";
import { parseExportRequest, type TExportRequest } from "@/lib/exports/export-options";
import { LISTING_FILTER_PARAMS } from "@/lib/queries/aggregates/query-schema";

export type TPageParams = { search: URLSearchParams; listingSearch: URLSearchParams } & (
  { ok: true; request: TExportRequest } | { ok: false; issues: TErrorIssue[]; message: string }
);

/** Parameters the line listing (GET /api/v1/cases) shares with the aggregates query. */
const LISTING_KEYS: readonly string[] = LISTING_FILTER_PARAMS;

export function parsePageParams(raw: Record<string, string | string[] | undefined>, role: Role): TPageParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined && item.trim() !== "") search.append(key, item.trim());
  }
  if (!search.has("by")) search.set("by", "drugClass");
  const listingSearch = new URLSearchParams([...search].filter(([key]) => LISTING_KEYS.includes(key)));
  try {
    return { search, listingSearch, ok: true, request: parseExportRequest(search, role) };
  } catch (error) {
    if (error instanceof AppError) return { search, listingSearch, ok: false, issues: error.issues, message: error.message };
    throw error;
  }
}
