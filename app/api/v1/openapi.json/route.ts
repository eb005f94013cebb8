// GET /api/v1/openapi.json — the OpenAPI 3.1 description of every route. Public: it describes
// the API and holds no data.
import { NextResponse } from "next/server";
import { handle } from "@/lib/api/errors";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = handle(async () => {
  document ??= buildOpenApiDocument();
  return Promise.resolve(NextResponse.json(document, { headers: { "Cache-Control": "public, max-age=300" } }));
});
