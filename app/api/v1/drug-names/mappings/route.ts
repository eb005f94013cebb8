// GET /api/v1/drug-names/mappings — every mapping (JSON, or ?format=csv for the mappings CSV);
// POST — add one ({"name", "drug"} or {"name", "ignore": true}) or, with Content-Type text/csv,
// many from a mappings CSV; stored cases naming the names are re-derived in the same transaction.
import { NextResponse } from "next/server";
import { z } from "zod";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { ZDrugNameMapping } from "@/lib/domain/drug-name-mapping-schema";
import { saveMapping, saveMappings } from "@/lib/drug-names/mapping-commands";
import { mappingsToCsv, parseMappingsCsv } from "@/lib/drug-names/mappings-csv";
import { paramsObject } from "@/lib/domain/search-params";
import { ZMappingsQuery, findDrugNameMappings } from "@/lib/queries/find-drug-name-mappings";

export const dynamic = "force-dynamic";

const MAX_CSV_BYTES = 5_000_000;

export const GET = guarded(CASE_READERS, async (request: Request) => {
  const parsed = ZMappingsQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  const mappings = await findDrugNameMappings();
  if (parsed.data.format === "csv") {
    return new Response(mappingsToCsv(mappings), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="drug-name-mappings.csv"',
        "Cache-Control": "no-store",
      },
    });
  }
  return NextResponse.json({ mappings }, { headers: { "Cache-Control": "no-store" } });
});

export const POST = guarded(CASE_WRITERS, async (request: Request, _context: unknown, principal) => {
  const actor = actorOf(request, principal);
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("text/csv")) {
    const text = await request.text();
    if (text.length > MAX_CSV_BYTES)
      throw validationError(
        new z.ZodError([{ code: "custom", path: ["(body)"], message: "is larger than 5 MB", input: null }]),
        "mappings CSV",
      );
    return NextResponse.json(await saveMappings(parseMappingsCsv(text), actor));
  }
  const parsed = ZDrugNameMapping.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "mapping");
  const result = await saveMapping(parsed.data, actor);
  return NextResponse.json(result, { status: result.changed ? 201 : 200 });
});
