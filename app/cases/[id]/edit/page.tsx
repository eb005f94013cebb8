// /cases/{id}/edit — edit a case at the revision loaded here (a concurrent save makes it a 409).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_WRITERS } from "@/lib/auth/principal";
import { getCase } from "@/lib/queries/get-case";
import { CaseForm } from "../../_components/case-form";
import { formStateOf } from "../../_components/case-form-state";
import { LocalTime } from "@/app/_components/local-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit case · NMS Watch" };

export default async function EditCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageRole(CASE_WRITERS, `/cases/${encodeURIComponent(id)}/edit`);
  const parsed = z.uuid().safeParse(id);
  const found = parsed.success ? await getCase(parsed.data) : null;
  // A nullified case is not edited: an administrator restores it first (its page says so).
  if (!found || found.nullified) notFound();
  return (
    <>
      <h1>
        Edit case {found.source} · {found.sourceId}
      </h1>
      <p className="muted">
        Revision {found.revision}, last saved <LocalTime iso={found.updatedAt} />.
      </p>
      <CaseForm
        mode="edit"
        caseId={found.id}
        revision={found.revision}
        identity={{ source: found.source, sourceId: found.sourceId, version: found.version }}
        initial={formStateOf(found)}
      />
    </>
  );
}
