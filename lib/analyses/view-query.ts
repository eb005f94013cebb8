// A saved view's URL query, parsed and normalised as its page reads it: the dashboard's filters,
// the export's aggregates query with its suppression options, or the signals query with the
// page's view state (sort, trend). A bad parameter is refused naming it, as the page would.
import { AppError, type TErrorIssue } from "@/lib/errors";
import type { Role } from "@/lib/domain/vocabulary";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import { parseDashboardFilters, type TDashboardFilters } from "@/lib/dashboard/filters";
import { canonicalQueryString, parseExportRequest, type TExportRequest } from "@/lib/exports/export-options";
import { parseSignalQuery, type TSignalQuery } from "@/lib/queries/signals/signal-query";
import type { TAnalysisKind } from "./analysis-schema";

/** The signals page's own parameters, beside the API's (app/signals/page-params.ts). */
const SIGNAL_VIEW_KEYS = ["sort", "dir", "trend"];

export type TParsedView =
  | { kind: "dashboard"; search: string; filters: TDashboardFilters }
  | { kind: "export"; search: string; request: TExportRequest }
  | { kind: "signals"; search: string; query: TSignalQuery; trend: string | null };

const invalid = (issues: TErrorIssue[]) => {
  const named = issues.map((i) => ({ path: `query.${i.path}`, message: i.message }));
  return new AppError("invalid_input", `Invalid query: ${named[0]?.path ?? "query"} ${named[0]?.message ?? "cannot be used"}`, named);
};

/** Parameters with a blank value dropped (forms submit empty fields), in their order. */
function cleanParams(query: string): URLSearchParams {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  return new URLSearchParams([...params].filter(([, value]) => value.trim() !== "").map(([k, v]) => [k, v.trim()]));
}

/** `role`: an export's suppression depends on who saves it (researchers always suppressed). */
export function parseView(kind: TAnalysisKind, query: string, role: Role): TParsedView {
  const params = cleanParams(query);
  if (kind === "dashboard") {
    const parsed = parseDashboardFilters(params);
    if (!parsed.ok) throw invalid(parsed.issues);
    return { kind, search: parsed.search, filters: parsed.filters };
  }
  if (kind === "export") {
    if (!params.has("by")) params.set("by", "drugClass");
    try {
      const request = parseExportRequest(params, role);
      const search = new URLSearchParams(canonicalQueryString(request.query));
      if (request.suppression.applied) {
        search.set("suppress", "true");
        search.set("threshold", String(request.suppression.threshold));
      }
      return { kind, search: search.toString(), request };
    } catch (error) {
      if (error instanceof AppError && error.code === "invalid_input") throw invalid(error.issues);
      throw error;
    }
  }
  const apiParams: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    if (SIGNAL_VIEW_KEYS.includes(key)) continue;
    const values = params.getAll(key);
    apiParams[key] = values.length === 1 ? values[0]! : values;
  }
  let signalQuery: TSignalQuery;
  try {
    signalQuery = parseSignalQuery(apiParams);
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_input") throw invalid(error.issues);
    throw error;
  }
  if (signalQuery.focus)
    throw invalid([
      { path: signalQuery.focus.kind === "drug" ? "drug" : "drugClass", message: "is an API filter; the signals page shows every drug" },
    ]);
  const trend = params.get("trend")?.toLowerCase() ?? null;
  if (trend && !catalogueDrugByName(trend)) throw invalid([{ path: "trend", message: "must be a catalogue drug name" }]);
  // Keys sorted so the same view always reads the same.
  const search = new URLSearchParams([...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { kind, search: search.toString(), query: signalQuery, trend };
}
