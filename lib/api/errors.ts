// One error envelope and one mapper for every route:
// {"error":{"code","message","issues":[{"path","message"}]}} — never a stack trace.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, linkedErrors, notFound, validationError, type TErrorCode, type TErrorIssue } from "@/lib/errors";
import { withApiHeaders } from "./response-headers";
import { installReadFence, withReadAfter } from "./read-after";

installReadFence(); // every route handler runs through handle()

export type TErrorBody = { error: { code: string; message: string; issues: TErrorIssue[] } };

/** The one mapping of the framework-free error codes (lib/errors.ts) to HTTP statuses. */
export const HTTP_STATUS: Record<TErrorCode, number> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthenticated: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  throttled: 429,
  database_unavailable: 503,
};

/**
 * "Cannot reach the database" in each of its shapes: Node socket codes (pg), SQLSTATE class 08
 * and server shutdown (57P01–57P03), Prisma's P1001/P1002/P1017 and pool timeout P2024, and the
 * driver-adapter kinds Prisma carries in `meta.driverAdapterError` (its message alone says
 * only "Can't reach database server", which a message pattern would miss).
 */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);
const CONNECTION_ERROR_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** True for failures that mean "the database cannot be reached right now". */
export function isDatabaseUnavailable(error: unknown): boolean {
  return linkedErrors(error).some(
    (record) =>
      (typeof record.code === "string" && (CONNECTION_ERROR_CODES.has(record.code) || record.code.startsWith("08"))) ||
      (typeof record.kind === "string" && CONNECTION_ERROR_KINDS.has(record.kind)) ||
      record.name === "DatabaseNotConfiguredError" ||
      (typeof record.message === "string" &&
        /connect|Connection terminated|database system is (starting|shutting)|DatabaseNotReachable|timeout exceeded when trying to connect|Can't reach database server/i.test(
          record.message,
        )),
  );
}

/** The SQLSTATEs mapped below start with a digit; Node's errno codes (EPIPE, EBUSY) never do. */
const SQLSTATE = /^[0-9][0-9A-Z]{4}$/;

/** SQLSTATE (pg, or adapter-pg inside Prisma's error) or Prisma's own P-code, wherever nested. */
function databaseCodeOf(error: unknown): string | null {
  for (const record of linkedErrors(error)) {
    const original = (record.cause as { originalCode?: unknown } | undefined)?.originalCode;
    if (typeof original === "string" && SQLSTATE.test(original)) return original;
    if (typeof record.code === "string" && (SQLSTATE.test(record.code) || /^P\d{4}$/.test(record.code))) return record.code;
  }
  return null;
}

/**
 * Constraint and resource failures a route did not anticipate, mapped to what the caller can do
 * about them rather than a 500 (the route's own check, e.g. a duplicate case, usually answers
 * first with a better message). Internals — table, constraint and column names — stay hidden.
 */
const DATABASE_CODES: { match: (code: string) => boolean; error: () => AppError }[] = [
  {
    match: (c) => c === "23505" || c === "P2002",
    error: () => new AppError("conflict", "A record with the same identity already exists."),
  },
  {
    match: (c) => c === "23503" || c === "P2003",
    error: () => new AppError("conflict", "The change refers to a record that does not exist, or removes one that others still refer to."),
  },
  {
    match: (c) => c === "40001" || c === "40P01" || c === "P2034",
    error: () => new AppError("conflict", "The change collided with a concurrent one; try again."),
  },
  { match: (c) => c === "P2025", error: () => notFound("the record") },
  {
    match: (c) => c.startsWith("22") || c.startsWith("23") || c === "P2000" || c === "P2011",
    error: () => new AppError("invalid_input", "A value is out of range or missing for the database."),
  },
  // Disk full, out of memory, too many connections: the database cannot take the work now.
  {
    match: (c) => c.startsWith("53"),
    error: () => new AppError("database_unavailable", "The database is out of resources (disk, memory or connections); try again shortly."),
  },
];

export function errorResponse(error: unknown): NextResponse<TErrorBody> {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, issues: error.issues } },
      { status: HTTP_STATUS[error.code] },
    );
  }
  if (error instanceof z.ZodError) return errorResponse(validationError(error));
  if (isDatabaseUnavailable(error)) {
    return NextResponse.json(
      { error: { code: "database_unavailable", message: "The database cannot be reached; try again shortly.", issues: [] } },
      { status: 503 },
    );
  }
  const code = databaseCodeOf(error);
  const known = code ? DATABASE_CODES.find((entry) => entry.match(code)) : undefined;
  if (known) return errorResponse(known.error());
  console.error("Unhandled error in route handler:", error);
  return NextResponse.json({ error: { code: "internal", message: "Internal error", issues: [] } }, { status: 500 });
}

/**
 * Wraps a route handler so every failure becomes the envelope, and every answer carries the
 * headers of lib/api/response-headers.ts (no-store unless the route chose otherwise; HSTS over HTTPS).
 */
export function handle<A extends unknown[]>(run: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const request = args[0] instanceof Request ? args[0] : null;
    let response: Response;
    try {
      response = await run(...args);
    } catch (error) {
      response = errorResponse(error);
    }
    return withApiHeaders(request, await withReadAfter(request, response));
  };
}
