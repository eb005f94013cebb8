// GET /api/health — liveness and database reachability: 200, or 503 when the database cannot be
// reached. The case count is only for a signed-in staff member or token (anonymous callers learn
// nothing about the data: docs/security.md). With read replicas (DATABASE_READ_URL), each one's
// state (ok, lagging, down) and lag; a replica down or lagging does not make the app unhealthy —
// its reads go to the primary (docs/deployment.md). The error text and this process's read
// counts are for staff only (the error may name a host).
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/errors";
import { withApiHeaders } from "@/lib/api/response-headers";
import { authenticate } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { readEnv } from "@/lib/db/config";
import { replicaHealth } from "@/lib/db/replicas";
import { countCases } from "@/lib/queries/count-cases";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return withApiHeaders(request, await health(request));
}

async function health(request: Request): Promise<Response> {
  try {
    const cases = await countCases();
    const principal = await authenticate(request);
    const staff = principal !== null && CASE_READERS.includes(principal.role);
    const replicas = await replicaHealth();
    const reads = replicas && {
      replicas: replicas.replicas.map(({ error, ...state }) => (staff ? { ...state, error } : state)),
      maxLagSeconds: replicas.maxLagSeconds,
      ...(staff ? { served: replicas.reads } : {}),
    };
    return NextResponse.json({ status: "ok", database: readEnv().databaseKind, ...(staff ? { cases } : {}), ...(reads ? { reads } : {}) });
  } catch (error) {
    // Whatever stops the count (server down, bad credentials, not migrated) means "not healthy".
    const response = errorResponse(error);
    if (response.status !== 503) console.error("health check failed:", error);
    return response.status === 503
      ? response
      : errorResponse(new AppError("database_unavailable", "The database is not usable right now."));
  }
}
