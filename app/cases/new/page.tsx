// /cases/new — enter a case report by hand (drug-safety officers and administrators).
import type { Metadata } from "next";
import { randomBytes } from "node:crypto";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_WRITERS } from "@/lib/auth/principal";
import { CaseForm } from "../_components/case-form";
import { emptyFormState } from "../_components/case-form-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New case · NMS Watch" };

/** A report id to start from (MAN-20250301-7F3A): editable, and unlikely to collide. */
function suggestedReportId(): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, "");
  return `MAN-${day}-${randomBytes(2).toString("hex").toUpperCase()}`;
}

export default async function NewCasePage() {
  await requirePageRole(CASE_WRITERS, "/cases/new");
  return (
    <>
      <h1>New case report</h1>
      <p className="muted">
        Leave what the report does not say as it is: blank values and &ldquo;Unknown&rdquo; are stored as unknown, never as
        &ldquo;no&rdquo;.
      </p>
      <CaseForm mode="create" initial={emptyFormState(suggestedReportId())} />
    </>
  );
}
