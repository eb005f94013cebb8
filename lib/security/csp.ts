// The pages' Content-Security-Policy: scripts only from this origin and with this response's
// nonce (Next.js puts it on its own inline bootstrap scripts), nothing framed, no plugins.
// Style attributes stay allowed: React renders style={…} props (bar widths, chart geometry) as
// attributes, which nonces cannot cover; style elements still need the nonce or this origin.

type TDirective = [name: string, ...sources: string[]];

export function contentSecurityPolicy(nonce: string, development = false): string {
  const styles: TDirective[] = development
    ? // Hot reload inserts style elements without a nonce: allowed in development only.
      [["style-src", "'self'", "'unsafe-inline'"]]
    : [
        ["style-src", "'self'", `'nonce-${nonce}'`],
        ["style-src-elem", "'self'", `'nonce-${nonce}'`],
        ["style-src-attr", "'unsafe-inline'"],
      ];
  const directives: TDirective[] = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts the nonced bootstrap loads are trusted; 'self' is the fallback
    // for browsers without it. React needs eval only in development (error overlays).
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ...styles,
    ["img-src", "'self'", "blob:", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(development ? ["ws:", "wss:"] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** A fresh unguessable nonce per response (128 random bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
