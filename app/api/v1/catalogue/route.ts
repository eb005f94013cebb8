// GET /api/v1/catalogue?q=&limit= — catalogue agents matching a typed drug name (by name,
// synonym or brand), each with its class: the case form's drug autocomplete.
import { NextResponse } from "next/server";
import { z } from "zod";
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { searchCatalogue } from "@/lib/domain/search-catalogue";
import { paramsObject } from "@/lib/domain/search-params";

export const dynamic = "force-dynamic";

const ZCatalogueQuery = z
  .object({
    q: z.string().max(200, "must be at most 200 characters").default(""),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .strict();

// The catalogue is the in-code one the database is seeded from: no query needed.
export const GET = guarded(CASE_READERS, (request: Request) => {
  const parsed = ZCatalogueQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return Promise.resolve(NextResponse.json({ drugs: searchCatalogue(parsed.data.q, parsed.data.limit) }));
});
