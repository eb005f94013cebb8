// GET /api/health — liveness and database reachability: 200 with the case count, 503 when
// the database cannot be reached.
import { NextResponse } from "next/server";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { readEnv } from "@/lib/db/config";
import { countCases } from "@/lib/queries/count-cases";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const cases = await countCases();
    return NextResponse.json({ status: "ok", database: readEnv().databaseKind, cases });
  } catch (error) {
    // Whatever stops the count (server down, bad credentials, not migrated) means "not healthy".
    const response = errorResponse(error);
    if (response.status !== 503) console.error("health check failed:", error);
    return response.status === 503 ? response : errorResponse(new ApiError(503, "database_unavailable", "The database is not usable right now."));
  }
}
