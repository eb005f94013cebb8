// How much an aggregates export handed out, for the data-access audit (lib/audit/record-access.ts):
// its rows (the total, each group and each cross-tab cell) and count cells (cases, fatal and
// known outcome per row), with the normalised query that reproduces it.
import type { TAggregatesExport } from "./build-aggregates-export";

export function exportSize(data: TAggregatesExport): { query: string; rows: number; cells: number } {
  const rows = 1 + data.groups.length + data.groups.reduce((n, g) => n + (g.groups?.length ?? 0), 0);
  return { query: data.metadata.queryString, rows, cells: rows * 3 };
}
