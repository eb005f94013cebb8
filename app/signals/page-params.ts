// The signals page's URL: the API's query parameters (source, range, thresholds) plus the view
// state — sort column and direction, and the drug whose trend is drawn — so a view can be shared.
import { AppError } from "@/lib/errors";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import { parseSignalQuery, type TSignalQuery } from "@/lib/queries/signals/signal-query";

/** View-only parameters; everything else must be a parameter of `GET /api/v1/signals`. */
export const VIEW_KEYS = ["sort", "dir", "trend"] as const;

export type TPageParams =
  { ok: true; query: TSignalQuery; trend: string | null; apiSearch: string } | { ok: false; issues: { path: string; message: string }[] };

export function parsePageParams(raw: Record<string, string | string[] | undefined>): TPageParams {
  const apiParams: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined && !(VIEW_KEYS as readonly string[]).includes(key)) apiParams[key] = value;
  }
  const trendValue = typeof raw.trend === "string" ? raw.trend.trim().toLowerCase() : null;
  const trendIssues = trendValue && !catalogueDrugByName(trendValue) ? [{ path: "trend", message: "must be a catalogue drug name" }] : [];
  try {
    // The page lists every drug; drug=/drugClass= narrow the API's answer, not the page's.
    const query = parseSignalQuery(apiParams);
    if (query.focus)
      return {
        ok: false,
        issues: [
          {
            path: query.focus.kind === "drug" ? "drug" : "drugClass",
            message: "is an API filter; the page shows every drug (use trend= to pick the chart's drug)",
          },
        ],
      };
    if (trendIssues.length) return { ok: false, issues: trendIssues };
    // The same parameters give the API's answer with the page's numbers (linked from the page).
    const apiSearch = new URLSearchParams(
      Object.entries(apiParams).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])),
    ).toString();
    return { ok: true, query, trend: trendValue, apiSearch };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, issues: [...error.issues, ...trendIssues] };
    throw error;
  }
}
