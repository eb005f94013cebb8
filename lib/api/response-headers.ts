// Headers every API answer carries (docs/security.md): `Cache-Control: no-store` — answers hold
// case data, sessions and CSRF tokens, which no browser or proxy cache may keep — unless a route
// set its own; and HSTS when the request came over HTTPS.
export const NO_STORE = { "Cache-Control": "no-store" } as const;

export const HSTS = "max-age=31536000; includeSubDomains";

/** Over HTTPS: the URL says so, or (behind a trusted proxy, NMS_TRUST_PROXY=on) X-Forwarded-Proto does. */
export function isHttps(request: Request, trustProxy = process.env.NMS_TRUST_PROXY === "on"): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  return trustProxy && request.headers.get("x-forwarded-proto") === "https";
}

export function withApiHeaders(request: Request | null, response: Response): Response {
  // Some responses (redirects, fetched bodies) have immutable headers: copy them once then.
  let out = response;
  const set = (name: string, value: string) => {
    try {
      out.headers.set(name, value);
    } catch {
      out = new Response(out.body, out);
      out.headers.set(name, value);
    }
  };
  if (!out.headers.has("cache-control")) set("Cache-Control", "no-store");
  if (request && isHttps(request)) set("Strict-Transport-Security", HSTS);
  return out;
}
