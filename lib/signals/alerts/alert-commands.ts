// Dismissing a signal alert without raising a topic, and taking a dismissal back (docs/signals.md,
// "Dismissing an alert"): the status, who and why are stored on the alert and audited in the same
// transaction; the audit events are the alert's history (lib/queries/find-alerts.ts). A dismissed
// alert keeps the numbers it was dismissed at; the alert check raises its rule again only when
// the numbers differ (check-alerts.ts).
import { AppError, notFound } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { withTransaction } from "@/lib/db/transaction";
import type { TAlertChange } from "./alert-schema";

export type TAlertActor = { name: string; requestId?: string | null };

type TAlertRow = { status: string; source: string; subject_kind: string; subject_key: string; rule: string };

export async function changeAlert(id: string, change: TAlertChange, actor: TAlertActor): Promise<void> {
  await withTransaction(async ({ sql: client }) => {
    const found = await client.query<TAlertRow>(
      `SELECT status, source, subject_kind, subject_key, rule FROM signal_alert WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const alert = found.rows[0];
    if (!alert) throw notFound("the signal alert");
    if (change.status === "dismissed") {
      if (alert.status !== "open")
        throw new AppError("conflict", `the alert is ${alert.status}, not open: only an open alert is dismissed`);
      await client.query(
        `UPDATE signal_alert SET status = 'dismissed', dismiss_reason = $2, closed_at = now(), closed_by = $3, updated_at = now() WHERE id = $1`,
        [id, change.reason, actor.name],
      );
    } else {
      if (alert.status !== "dismissed") throw new AppError("conflict", `the alert is ${alert.status}: only a dismissed alert is reopened`);
      // One open alert per subject and rule: a newer one raised since the dismissal stands.
      const open = await client.query(
        `SELECT 1 FROM signal_alert WHERE source = $1 AND subject_kind = $2 AND subject_key = $3 AND rule = $4 AND status = 'open'`,
        [alert.source, alert.subject_kind, alert.subject_key, alert.rule],
      );
      if (open.rowCount)
        throw new AppError("conflict", "a newer alert of the same rule is open for this drug or class: dismiss or act on that one");
      await client.query(
        `UPDATE signal_alert SET status = 'open', dismiss_reason = NULL, closed_at = NULL, closed_by = NULL, updated_at = now() WHERE id = $1`,
        [id],
      );
    }
    await writeAuditEvent(client, {
      actor: actor.name,
      action: "update",
      entity: "signal_alert",
      entityId: id,
      before: { status: alert.status },
      after: { status: change.status, reason: change.reason },
      requestId: actor.requestId ?? null,
    });
  });
}
