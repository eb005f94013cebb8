// Request helpers shared by route handlers: the JSON body (capped while it streams, a clear 400
// when it is not JSON), the client's address for throttling, and the actor recorded in audit events.
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { TPrincipal } from "@/lib/auth/principal";
import type { TActor } from "@/lib/cases/case-commands";

/** The largest JSON body any route reads. */
export const MAX_JSON_BODY_BYTES = 1_000_000;

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `The request body is larger than ${limit.toLocaleString("en")} bytes`);

/**
 * The body as text, refused with 413 as soon as it is known to pass `limit` bytes: a declared
 * Content-Length over the limit is refused unread, and a streamed body is read chunk by chunk
 * and abandoned at the first byte past the limit — memory never holds more than the limit.
 */
export async function readBodyText(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON", [{ path: "(body)", message: "is not valid JSON" }]);
  }
}

/**
 * The client's address for throttling. Next fills X-Forwarded-For with the socket's address when
 * the request brings none, and keeps a client's own value otherwise, so without a proxy a client
 * can pick its address (docs/security.md: the account throttle bounds guessing regardless). With
 * NMS_TRUST_PROXY=on the last hop — the address the trusted proxy saw — is used.
 */
export function clientAddress(request: Request, trustProxy = process.env.NMS_TRUST_PROXY === "on"): string {
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (trustProxy) return forwarded.at(-1) ?? "unknown";
  return forwarded[0]?.slice(0, 64) ?? "unknown";
}

/** Who is acting, for audit events; the request id ties audit rows to logs. */
export function actorOf(request: Request, principal: TPrincipal): TActor {
  return { name: principal.actor, requestId: request.headers.get("x-request-id") ?? randomUUID() };
}
