// Read-your-writes with read replicas (docs/deployment.md): a request that may have written (any
// method but GET/HEAD/OPTIONS) gets the primary's WAL position back, as the cookie nms_read_after
// (browsers) and the header X-NMS-Read-After (API clients send it back as that header). A later
// request carrying it reads from a replica only once that replica has replayed past it
// (lib/db/replicas.ts), so whoever wrote sees the write at once, on any app process. The value
// only ever moves reads to the primary: a forged one costs its sender a replica, nothing else.
import { cookies, headers } from "next/headers";
import { primaryWalLsn, registerReadFence, replicasConfigured } from "@/lib/db/replicas";
import { isHttps } from "./response-headers";

const READ_AFTER_COOKIE = "nms_read_after";
const READ_AFTER_HEADER = "x-nms-read-after";
/** Longer than any lag a replica is read at (NMS_REPLICA_MAX_LAG_SECONDS): by then it is past the write. */
const READ_AFTER_SECONDS = 15 * 60;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Once per process: the position the current request (route handler or page) must read past. */
export function installReadFence(): void {
  registerReadFence(async () => {
    try {
      const sent = (await headers()).get(READ_AFTER_HEADER);
      return sent ?? (await cookies()).get(READ_AFTER_COOKIE)?.value ?? null;
    } catch {
      return null; // outside a request (the CLI, a test): no fence
    }
  });
}

/** Adds the primary's WAL position to the answer of a request that may have written. */
export async function withReadAfter(request: Request | null, response: Response): Promise<Response> {
  if (!request || SAFE_METHODS.has(request.method) || !replicasConfigured()) return response;
  // Read after the handler returned: past the commit of everything it wrote.
  const lsn = await primaryWalLsn().catch(() => null);
  if (!lsn) return response; // the primary is down: the request itself failed, nothing to wait for
  let out = response;
  try {
    out.headers.set(READ_AFTER_HEADER, lsn);
  } catch {
    out = new Response(out.body, out); // immutable headers (a redirect): copy once
    out.headers.set(READ_AFTER_HEADER, lsn);
  }
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${READ_AFTER_SECONDS}`, ...(isHttps(request) ? ["Secure"] : [])];
  out.headers.append("Set-Cookie", [`${READ_AFTER_COOKIE}=${lsn}`, ...attributes].join("; "));
  return out;
}
