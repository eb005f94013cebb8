// /alerts — signal alerts (safety officers, administrators): what crossed, the numbers before and
// after, links to the cases behind each and to the signals page, its history; open ones first. A
// safety officer dismisses an alert with a reason, or takes the dismissal back (docs/signals.md).
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASS_LABELS, type DrugClass } from "@/lib/domain/vocabulary";
import { ALERT_STATUSES, findAlerts, type TAlert } from "@/lib/queries/find-alerts";
import { AlertActions } from "./_components/alert-actions";
import styles from "./alerts.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts · NMS Watch" };

const ZSearch = z.object({ status: z.enum(ALERT_STATUSES).catch("open") });
const EVENT_LABELS: Record<TAlert["history"][number]["kind"], string> = {
  raised: "raised",
  updated: "updated by a later check",
  dismissed: "dismissed",
  reopened: "reopened",
};
const RULE_LABELS: Record<string, string> = {
  threshold_crossing: "First threshold crossing",
  strengthening: "Strengthening",
  baseline_drift: "Baseline drift",
};

/** "ROR lower 1.32 (a = 26)" from an alert's before/after snapshot; the JSON as a fallback. */
function describe(numbers: unknown): string {
  if (numbers === null || typeof numbers !== "object") return "—";
  const parts = Object.entries(numbers as Record<string, unknown>).flatMap(([key, value]) => {
    if (value && typeof value === "object" && "lower" in value) {
      const lower = (value as { lower: number | null }).lower;
      return [`${key.toUpperCase()} lower ${lower === null ? "—" : lower.toPrecision(3)}`];
    }
    if (typeof value === "number" || typeof value === "string")
      return [`${key} ${typeof value === "number" && !Number.isInteger(value) ? value.toPrecision(3) : value}`];
    return [];
  });
  return parts.join("; ") || "—";
}

const subjectLabel = (a: TAlert) =>
  a.subjectKind === "class"
    ? (DRUG_CLASS_LABELS[a.subjectKey as DrugClass] ?? a.subjectKey)
    : (catalogueDrugByName(a.subjectKey)?.displayName ?? a.subjectKey);

function AlertRow({ alert, writer }: { alert: TAlert; writer: boolean }) {
  return (
    <li className={`panel ${styles.alert}`} data-testid="alert" data-alert-id={alert.id} data-rule={alert.rule} data-status={alert.status}>
      <h2>
        <span className={styles.rule}>{RULE_LABELS[alert.rule] ?? alert.rule}</span> {subjectLabel(alert)}
        <span className="muted">
          {" "}
          · {alert.source === "cases" ? "all cases" : alert.source.toUpperCase()} · {alert.methods.join(", ").toUpperCase()}
        </span>
      </h2>
      <p>{alert.message}</p>
      {alert.status === "dismissed" && (
        <p data-testid="dismissed-note">
          <strong>Dismissed</strong> by {alert.closedBy} on {alert.closedAt?.slice(0, 10)}: “{alert.dismissReason}”. A later check raises
          this rule again only if its numbers change.
        </p>
      )}
      <dl className={styles.numbers}>
        <dt>Before</dt>
        <dd>{alert.before === null ? "not flagged (first check or first crossing)" : describe(alert.before)}</dd>
        <dt>After</dt>
        <dd>{describe(alert.after)}</dd>
      </dl>
      <p className={styles.links}>
        <Link href={alert.casesUrl}>Cases behind it</Link>
        {alert.signalsUrl && <Link href={alert.signalsUrl}>Signals page</Link>}
        {alert.status === "open" && (
          <Link href={`/signals/topics/new?alert=${alert.id}`} data-testid="create-topic">
            Create a topic
          </Link>
        )}
        {writer && <AlertActions id={alert.id} status={alert.status} />}
        <span className="muted">
          Raised {alert.createdAt.slice(0, 10)}
          {alert.updatedAt !== alert.createdAt ? `, updated ${alert.updatedAt.slice(0, 10)}` : ""}
        </span>
      </p>
      {alert.history.length > 0 && (
        <details>
          <summary>History ({alert.history.length})</summary>
          <ol className={styles.history} data-testid="alert-history">
            {alert.history.map((e, i) => (
              <li key={i} data-kind={e.kind}>
                {e.at.slice(0, 16).replace("T", " ")} · {EVENT_LABELS[e.kind]} by {e.actor}
                {e.reason ? `: “${e.reason}”` : ""}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageRole(CASE_READERS, "/alerts");
  const writer = CASE_WRITERS.includes(principal.role);
  const { status } = ZSearch.parse(await searchParams);
  const { alerts } = await findAlerts({ status });
  return (
    <>
      <h1>Signal alerts</h1>
      <p className="muted">
        Raised after each import (and by <code>npm run cli -- signals check</code>): a method crossing its threshold for the first time, a
        lower bound rising by the configured margin, a drug class drifting from a comparable baseline. One open alert per drug or class and
        rule (docs/signals.md). Closed: a topic was raised from it; dismissed: a safety officer judged it needs no topic, and said why.
        Topics raised from alerts are in the <Link href="/signals/topics">signal review</Link> inbox.
      </p>
      <nav className={styles.tabs} aria-label="Status">
        {ALERT_STATUSES.map((s) => (
          <Link key={s} href={`/alerts?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {s[0]!.toUpperCase() + s.slice(1)}
          </Link>
        ))}
      </nav>
      {alerts.length === 0 ? (
        <p className="panel muted" data-testid="alerts-empty">
          No {status === "all" ? "" : `${status} `}alerts. Alerts appear after an import brings background counts or cases.
        </p>
      ) : (
        <ul className={styles.list}>
          {alerts.map((a) => (
            <AlertRow key={a.id} alert={a} writer={writer} />
          ))}
        </ul>
      )}
    </>
  );
}
