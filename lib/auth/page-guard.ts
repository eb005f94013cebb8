// Server-component guard for pages: the signed-in principal with an allowed role, or a
// redirect to sign-in (no session) / the forbidden page (wrong role).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Role } from "@/lib/domain/vocabulary";
import type { TPrincipal } from "./principal";
import { SESSION_COOKIE_NAMES, principalFromSession } from "./sessions";
import { installReadFence } from "@/lib/api/read-after";

installReadFence(); // pages read their data after this guard: a replica only once past the reader's writes

export async function currentPrincipal(): Promise<TPrincipal | null> {
  const jar = await cookies();
  const value = SESSION_COOKIE_NAMES.map((name) => jar.get(name)?.value).find(Boolean);
  return value ? principalFromSession(value) : null;
}

export async function requirePageRole(roles: readonly Role[], nextPath: string): Promise<TPrincipal> {
  const principal = await currentPrincipal();
  if (!principal) redirect(`/login?next=${encodeURIComponent(nextPath)}`);
  if (!roles.includes(principal.role)) redirect("/forbidden");
  return principal;
}
