// /signals/topics/new[?alert=<id>] — raise a signal topic: from an alert (its drug or class and
// numbers shown) or by hand for a drug or class, with an optional assignee and due date.
import type { Metadata } from "next";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_WRITERS } from "@/lib/auth/principal";
import { getPrisma } from "@/lib/db/client";
import { CreateTopicForm } from "../_components/topic-forms";
import { SUBJECT_OPTIONS, assigneeOptions } from "../staff-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New signal topic · NMS Watch" };

const ZSearch = z.object({ alert: z.uuid().optional().catch(undefined) });

export default async function NewTopicPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole(CASE_WRITERS, "/signals/topics/new");
  const { alert: alertId } = ZSearch.parse(await searchParams);
  const alert = alertId ? await getPrisma().signalAlert.findUnique({ where: { id: alertId } }) : null;
  return (
    <>
      <h1>New signal topic</h1>
      {alert ? (
        <p className="panel" data-testid="topic-alert">
          From the alert on <strong>{alert.subjectKey}</strong> ({alert.rule.replaceAll("_", " ")}): {alert.message} Creating the topic
          closes the alert.
        </p>
      ) : (
        <p className="muted">
          For a drug or a drug class; its signal numbers and the query behind them are frozen now and at every status change.
        </p>
      )}
      <section className="panel">
        <CreateTopicForm alertId={alert?.id ?? null} subjects={SUBJECT_OPTIONS} assignees={await assigneeOptions()} />
      </section>
    </>
  );
}
