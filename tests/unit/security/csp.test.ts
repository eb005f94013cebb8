// The pages' CSP: nonce-only scripts in production (no 'unsafe-inline', no eval), nothing framed,
// no plugins; development adds only what hot reload needs.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce only in production", () => {
    const policy = contentSecurityPolicy("abc");
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(directive(policy, "style-src-elem")).toBe("style-src-elem 'self' 'nonce-abc'");
    expect(policy).not.toMatch(/unsafe-eval|ws:/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy).toContain(d);
  });

  it("relaxes styles, eval and the hot-reload socket in development only", () => {
    const policy = contentSecurityPolicy("abc", true);
    expect(directive(policy, "script-src")).toContain("'unsafe-eval'");
    expect(directive(policy, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' ws: wss:");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});
