// Who is calling: a signed-in user (session cookie) or an API token, with one role.
import type { Role } from "@/lib/domain/vocabulary";

export type TPrincipal = {
  kind: "session" | "token";
  role: Role;
  /** Name recorded in audit events: the user's email, or "token:<name>". */
  actor: string;
  userId: string | null;
  /** Session id (hashed) when signed in; CSRF checks need its token. */
  sessionId: string | null;
  csrfToken: string | null;
};

/** What each role may do. Researchers see aggregates only — never a case row or free text. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  safety_officer: "Drug-safety officer",
  researcher: "Researcher",
};

export const CASE_READERS: readonly Role[] = ["admin", "safety_officer"];
export const CASE_WRITERS: readonly Role[] = ["admin", "safety_officer"];
export const AGGREGATE_READERS: readonly Role[] = ["admin", "safety_officer", "researcher"];
export const ADMINS: readonly Role[] = ["admin"];
