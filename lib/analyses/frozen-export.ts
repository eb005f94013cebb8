// A frozen result exported later: the stored export re-serialised by the live exporters, with
// only its timestamp new — so the file is the one exported at freezing, byte for byte otherwise.
import { AppError } from "@/lib/errors";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import type { TFrozenResult } from "./frozen-schema";

/** The section asked for (a dashboard has one per breakdown; default the first), stamped now. */
export function frozenExport(result: TFrozenResult, section: string | undefined, now = new Date()): TAggregatesExport {
  if (result.kind === "signals") {
    throw new AppError("invalid_input", "Invalid request: a frozen signals view has no aggregates export", [
      { path: "id", message: "is a signals analysis; its frozen numbers are shown on its page and in GET /api/v1/analyses/{id}" },
    ]);
  }
  const chosen = section === undefined ? result.sections[0] : result.sections.find((s) => s.key === section);
  if (!chosen) {
    const keys = result.sections.map((s) => s.key).join(", ");
    throw new AppError("invalid_input", `Invalid query: section must be one of ${keys}`, [
      { path: "section", message: `must be one of ${keys}` },
    ]);
  }
  // Only generatedAt changes; the object keeps its key order, so JSON.stringify writes the stored bytes.
  return { ...chosen.export, metadata: { ...chosen.export.metadata, generatedAt: now.toISOString() } };
}
