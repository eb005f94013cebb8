// /analyses — the library of saved analyses: mine, and those shared with my role (administrators
// see all). Open goes to the view with its saved query; a frozen one also has its own page.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/page-guard";
import { AGGREGATE_READERS, ROLE_LABELS } from "@/lib/auth/principal";
import { KIND_LABELS } from "@/lib/analyses/analysis-schema";
import type { TAnalysisView } from "@/lib/analyses/analysis-view";
import { findAnalyses } from "@/lib/analyses/find-analyses";
import { AnalysisActions } from "./_components/analysis-actions";
import styles from "./analyses.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Saved analyses · NMS Watch" };

export default async function AnalysesPage() {
  const principal = await requirePageRole(AGGREGATE_READERS, "/analyses");
  const { mine, shared } = await findAnalyses(principal);
  return (
    <>
      <h1>Saved analyses</h1>
      <p className="muted">
        Dashboard, signals and export views saved with “Save this view”. A frozen analysis keeps every number as it was when saved, with its
        data and app versions, and reopens beside today&apos;s numbers.
      </p>
      <section className="panel" aria-labelledby="mine">
        <h2 id="mine">Mine</h2>
        <AnalysisTable rows={mine} empty="You have not saved a view yet: use “Save this view” on the overview, signals or exports page." />
      </section>
      <section className="panel" aria-labelledby="shared">
        <h2 id="shared">{principal.role === "admin" ? "Everyone else's" : `Shared with ${ROLE_LABELS[principal.role].toLowerCase()}s`}</h2>
        <AnalysisTable rows={shared} empty="Nothing shared with your role yet." />
      </section>
    </>
  );
}

function AnalysisTable({ rows, empty }: { rows: TAnalysisView[]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Name</th>
            <th>View</th>
            <th>Who may open it</th>
            <th>Frozen</th>
            <th>Saved by</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-testid="analysis-row">
              <td>
                <Link href={`/analyses/${a.id}`}>{a.name}</Link>
                {a.description && <div className="muted">{a.description}</div>}
              </td>
              <td>
                <Link href={a.openUrl}>Open {KIND_LABELS[a.kind].toLowerCase()}</Link>
              </td>
              <td>{a.sharedWith ? `${ROLE_LABELS[a.sharedWith]}s` : "Only the owner"}</td>
              <td>{a.frozenAt ? a.frozenAt.slice(0, 16).replace("T", " ") + " UTC" : "—"}</td>
              <td>{a.mine ? "me" : a.owner}</td>
              <td>{a.canChange && <AnalysisActions id={a.id} name={a.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
