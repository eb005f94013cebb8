// Case detail (safety officers and administrators): the report's facts, its timeline, drugs and
// clinical findings, every case-definition score with its criteria, and the narrative as text.
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { REPORTER_TYPE_LABELS } from "@/lib/domain/case-field-labels";
import { OUTCOME_LABELS, SEX_LABELS } from "@/lib/domain/vocabulary";
import { getCase } from "@/lib/queries/get-case";
import { recordAccess } from "@/lib/audit/record-access";
import { formatDate } from "@/lib/format";
import styles from "../case-pages.module.css";
import { ClinicalFindings, DrugsTable } from "./_detail/clinical";
import { ConsensusScore, NaranjoScore, OtherDefinitions } from "./_detail/scores";
import { CaseTimeline } from "./_detail/timeline";
import { CaseStatus } from "./_detail/case-status";
import { NullifyActions } from "./_detail/nullify-actions";
import { LocalTime } from "@/app/_components/local-time";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CaseDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requirePageRole(CASE_READERS, `/cases/${encodeURIComponent(id)}`);
  // A malformed id is simply a case that does not exist (the database would reject it as a uuid).
  const view = UUID.test(id) ? await getCase(id) : null;
  if (!view) notFound();
  await recordAccess({ kind: "case_view", actor: principal.actor, caseId: view.id, via: "page" });
  return (
    <>
      <nav className={styles.crumbs} aria-label="Case">
        <Link href="/cases">← Back to the case listing</Link>
        {!view.nullified && (
          <Link href={`/cases/${view.id}/edit`} className={styles.editLink}>
            {view.status === "draft" ? "Complete this draft" : "Edit this case"}
          </Link>
        )}
      </nav>
      <h1 className={styles.caseTitle}>
        Case {view.sourceId}{" "}
        <span className={styles.subtle}>
          ({view.source}, version {view.version ?? 1})
        </span>
      </h1>
      <CaseStatus view={view} />
      <dl className={styles.facts}>
        <div>
          <dt>Onset</dt>
          <dd>{view.onsetUnknown ? "Unknown (stated)" : formatDate(view.onsetDate)}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{formatDate(view.receivedDate)}</dd>
        </div>
        <div>
          <dt>Country</dt>
          <dd>{view.country ?? "Unknown"}</dd>
        </div>
        <div>
          <dt>Reporter</dt>
          <dd>{REPORTER_TYPE_LABELS[view.reporterType]}</dd>
        </div>
        <div>
          <dt>Sex</dt>
          <dd>{SEX_LABELS[view.sex]}</dd>
        </div>
        <div>
          <dt>Age</dt>
          <dd>{view.ageYears == null ? "Unknown" : `${view.ageYears} years`}</dd>
        </div>
        <div>
          <dt>Weight</dt>
          <dd>{view.weightKg == null ? "Unknown" : `${view.weightKg} kg`}</dd>
        </div>
        <div>
          <dt>Outcome</dt>
          <dd data-testid="case-outcome">{OUTCOME_LABELS[view.outcome]}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>
            <LocalTime iso={view.updatedAt} /> (revision {view.revision})
          </dd>
        </div>
      </dl>

      <div className={styles.twoColumns}>
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <CaseTimeline view={view} />
        </section>
        <section className="panel" aria-labelledby="narrative-title">
          <h2 id="narrative-title">Narrative</h2>
          {/* Rendered as text: whatever markup a report contains is shown, never interpreted. */}
          {view.narrative ? (
            <div className={styles.narrative} data-testid="case-narrative">
              {view.narrative}
            </div>
          ) : (
            <p className="muted">No narrative.</p>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="drugs-title">
        <h2 id="drugs-title">Drugs</h2>
        <div className={styles.scroll}>
          <DrugsTable view={view} />
        </div>
      </section>
      <section className="panel" aria-labelledby="clinical-title">
        <h2 id="clinical-title">Clinical findings</h2>
        <ClinicalFindings view={view} />
      </section>
      <ConsensusScore consensus={view.scores.consensus} />
      <OtherDefinitions scores={view.scores} />
      <NaranjoScore naranjo={view.scores.naranjo} />
      <section className="panel" aria-labelledby="nullify-title">
        <h2 id="nullify-title">{view.nullified ? "Restore" : "Nullify"}</h2>
        <p className="muted">A nullified case is kept with its history and counts nowhere; an administrator can restore it.</p>
        <NullifyActions
          caseId={view.id}
          revision={view.revision}
          nullified={Boolean(view.nullified)}
          canRestore={principal.role === "admin"}
        />
      </section>
    </>
  );
}
