// What both frozen-export routes (export.csv, export.json) do before serialising: validate the
// query, load the viewer's frozen result, pick its section and record the export as a data access.
import { recordAccess } from "@/lib/audit/record-access";
import { paramsObject } from "@/lib/domain/search-params";
import { validationError } from "@/lib/errors";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import { exportSize } from "@/lib/exports/export-size";
import type { TViewer } from "./analysis-access";
import { ZFrozenExportQuery } from "./analysis-schema";
import { frozenExport } from "./frozen-export";
import { getFrozenResult } from "./get-analysis";

export async function readFrozenExport(request: Request, id: string, viewer: TViewer, format: "csv" | "json"): Promise<TAggregatesExport> {
  const parsed = ZFrozenExportQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  const { result } = await getFrozenResult(id, viewer);
  const data = frozenExport(result, parsed.data.section);
  await recordAccess({ kind: "export", actor: viewer.actor, export: `analyses/${id}/export.${format}`, ...exportSize(data) });
  return data;
}
