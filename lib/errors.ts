// The failures a caller can act on, without any framework: thrown by queries, commands, imports
// and exports alike, and turned into HTTP in one place (lib/api/errors.ts) or into a CLI message.
import type { z } from "zod";

/** Stable machine codes; lib/api/errors.ts gives each its HTTP status. */
export const ERROR_CODES = [
  "invalid_input",
  "invalid_json",
  "unauthenticated",
  "csrf",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "throttled",
  "database_unavailable",
] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];
export type TErrorIssue = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly issues: TErrorIssue[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const conflict = (message: string) => new AppError("conflict", message);

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

export function validationError(error: z.ZodError, what = "input"): AppError {
  const issues = zodIssues(error);
  const first = issues[0];
  return new AppError("invalid_input", first ? `Invalid ${what}: ${first.path} ${first.message}` : `Invalid ${what}`, issues);
}

type TLinkedError = {
  code?: unknown;
  kind?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
};

/** The error and the errors it wraps (cause chains, Prisma's driver-adapter error), a few levels deep. */
export function linkedErrors(error: unknown): TLinkedError[] {
  const found: TLinkedError[] = [];
  const queue: unknown[] = [error];
  while (queue.length && found.length < 12) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || found.includes(e)) continue;
    const record = e as TLinkedError;
    found.push(record);
    queue.push(record.cause, record.meta?.driverAdapterError);
  }
  return found;
}
