// Request helpers shared by route handlers: the JSON body (a clear 400 when it is not JSON)
// and the actor recorded in audit events.
import { randomUUID } from "node:crypto";
import { ApiError } from "./errors";
import type { TPrincipal } from "@/lib/auth/principal";
import type { TActor } from "@/lib/cases/case-commands";

export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 1_000_000) throw new ApiError(413, "payload_too_large", "The request body is larger than 1 MB");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON", [{ path: "(body)", message: "is not valid JSON" }]);
  }
}

/** Who is acting, for audit events; the request id ties audit rows to logs. */
export function actorOf(request: Request, principal: TPrincipal): TActor {
  return { name: principal.actor, requestId: request.headers.get("x-request-id") ?? randomUUID() };
}
