// One error envelope and one mapper for every route (SPEC §4, STYLE §8):
// {"error":{"code","message","issues":[{"path","message"}]}} — never a stack trace.
import { NextResponse } from "next/server";
import { z } from "zod";

export type TErrorIssue = { path: string; message: string };
export type TErrorBody = { error: { code: string; message: string; issues: TErrorIssue[] } };

/** A failure the caller can act on, with its HTTP status and a stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: TErrorIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found`);
export const conflict = (message: string) => new ApiError(409, "conflict", message);

/** zod issues → field-level issues naming the parameter or field ("drugs.0.role"). */
export function zodIssues(error: z.ZodError): TErrorIssue[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // An unknown key is named itself, so a typo in a filter is never silently ignored.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...at, key].join("."), message: "is not a recognised field or parameter" }));
    }
    return [{ path: at.join(".") || "(body)", message: issue.message }];
  });
}

export function validationError(error: z.ZodError, what = "input"): ApiError {
  const issues = zodIssues(error);
  const first = issues[0];
  return new ApiError(400, "invalid_input", first ? `Invalid ${what}: ${first.path} ${first.message}` : `Invalid ${what}`, issues);
}

const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P03"]);

/** True for failures that mean "the database cannot be reached right now". */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== "object") return false;
    const record = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof record.code === "string" && CONNECTION_ERROR_CODES.has(record.code)) return true;
    if (record.name === "DatabaseNotConfiguredError") return true;
    if (typeof record.message === "string" && /connect|Connection terminated|database system is (starting|shutting)|DatabaseNotReachable|timeout exceeded when trying to connect/i.test(record.message)) return true;
    e = record.cause;
  }
  return false;
}

export function errorResponse(error: unknown): NextResponse<TErrorBody> {
  if (error instanceof ApiError) {
    return NextResponse.json({ error: { code: error.code, message: error.message, issues: error.issues } }, { status: error.status });
  }
  if (error instanceof z.ZodError) return errorResponse(validationError(error));
  if (isDatabaseUnavailable(error)) {
    return NextResponse.json(
      { error: { code: "database_unavailable", message: "The database cannot be reached; try again shortly.", issues: [] } },
      { status: 503 },
    );
  }
  console.error("Unhandled error in route handler:", error);
  return NextResponse.json({ error: { code: "internal", message: "Internal error", issues: [] } }, { status: 500 });
}

/** Wraps a route handler so every failure becomes the envelope. */
export function handle<A extends unknown[]>(run: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
