// Next.js Proxy (formerly middleware): gives every page response a fresh CSP nonce. Next reads
// the nonce from the request's Content-Security-Policy header and puts it on the inline scripts
// it renders, so pages hydrate without 'unsafe-inline'. API routes and static files keep the
// static headers of next.config.js (they serve no HTML); so do Next's own /_next/ paths (assets,
// the development hot-reload socket, which a proxy in its path breaks).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/|favicon.ico).*)",
      // Prefetches get no HTML of their own to protect.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
