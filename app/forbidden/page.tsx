// Shown when a signed-in user opens a page their role may not see; the message fits that role.
import Link from "next/link";
import { currentPrincipal } from "@/lib/auth/page-guard";
import type { Role } from "@/lib/domain/vocabulary";

export const dynamic = "force-dynamic";

const MESSAGES: Record<Role, string> = {
  researcher: "Researchers see aggregates and exports only; case-level pages need a safety-officer or administrator account.",
  safety_officer:
    "Drug-safety officers work with cases, imports and analytics; account administration, baseline changes and the audit trail need an administrator account.",
  admin: "This page is not open to administrators.",
};

export default async function ForbiddenPage() {
  const principal = await currentPrincipal().catch(() => null);
  return (
    <>
      <h1>Not available for your role</h1>
      <p className="muted" data-testid="forbidden-message">
        {principal ? MESSAGES[principal.role] : "Sign in with an account whose role may open this page."}
      </p>
      <p>{principal ? <Link href="/">Back to the overview</Link> : <Link href="/login">Sign in</Link>}</p>
    </>
  );
}
