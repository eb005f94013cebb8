// Where sign-in may send the browser next: a path on this site, never another origin. Browsers
// read "/\evil" and "/<tab>/evil" as "//evil" (another host), so the check resolves the value as
// a URL parser does and compares origins, instead of looking at its first characters.
const BASE = "http://nms-watch.invalid";

export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/")) return "/";
  let resolved: URL;
  try {
    resolved = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (resolved.origin !== BASE) return "/";
  // Rebuilt from the parsed parts: no backslash or control character survives to the browser.
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
