// Runs the alert rules on the data as they stand (after an import, or `npm run cli -- signals
// check`): every background source's drugs and classes, every class's comparable baselines; then
// stores the new states and the alerts — one open alert per subject and rule (a later event
// updates it), each created or updated alert audited — in one transaction. A rule whose latest
// alert on the subject was dismissed with the very numbers it would raise now is not raised again
// (docs/signals.md, "Dismissing an alert").
import { writeAuditEvents, type TAuditEvent } from "@/lib/audit/write-audit-event";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { getSignalTables } from "@/lib/queries/get-signal-tables";
import { listBackgroundPeriods } from "@/lib/queries/signals/list-background-periods";
import { parseSignalQuery } from "@/lib/queries/signals/signal-query";
import {
  evaluateAlertRules,
  SIGNAL_METHODS,
  type TComparedSubject,
  type TRaisedAlert,
  type TScoredSubject,
  type TState,
} from "./alert-rules";

export type TAlertCheck = { raised: number; updated: number; alerts: TRaisedAlert[]; suppressedByDismissal?: number };

/** The drugs and classes of one source, scored over all its periods with the default thresholds. */
async function scoredSubjects(source: string): Promise<TScoredSubject[]> {
  const report = await getSignalTables(parseSignalQuery({ source }));
  return [...report.drugs, ...report.classes].flatMap((row): TScoredSubject[] => {
    if (!row.table) return [];
    const stats = { prr: row.prr, ror: row.ror, ic: row.ic, ebgm: row.ebgm };
    return [
      {
        source,
        subjectKind: row.kind,
        subjectKey: row.key,
        label: row.label,
        a: row.a,
        drugReports: row.drugReports,
        periods: report.periods.used,
        stats: Object.fromEntries(
          SIGNAL_METHODS.map((m) => [m, { estimate: stats[m].estimate, lower: stats[m].lower, upper: stats[m].upper }]),
        ) as TScoredSubject["stats"],
        flags: { prr: row.flags.prr, ror: row.flags.ror, ic: row.flags.ic, ebgm: row.flags.ebgm },
      },
    ];
  });
}

/** Each class's comparable baseline comparisons, over every live case. */
async function comparedClasses(): Promise<TComparedSubject[]> {
  const answer = await getAggregates(parseAggregateQuery(new URLSearchParams("by=drugClass")), { source: "cases" });
  return answer.groups.flatMap((group) =>
    group.comparisons.flatMap((c): TComparedSubject[] =>
      c.verdict === "not_comparable"
        ? []
        : [
            {
              source: "cases",
              subjectKind: "class",
              subjectKey: group.key,
              label: group.label,
              baseline: c.baseline,
              metric: c.metric,
              verdict: c.verdict,
              estimate: group.caseFatality?.estimate ?? null,
              value: c.value,
              pValue: c.pValue,
              cases: group.cases ?? 0,
            },
          ],
    ),
  );
}

async function storedStates(): Promise<TState[]> {
  const rows = await getPrisma().signalState.findMany();
  return rows.map((r) => ({ ...r, subjectKind: r.subjectKind === "class" ? "class" : "drug" }));
}

export async function checkAlerts(options: { margin?: number; actor?: string; importJobId?: string | null } = {}): Promise<TAlertCheck> {
  const sources = [...new Set((await listBackgroundPeriods()).map((p) => p.source))];
  const scored = (await Promise.all(sources.map(scoredSubjects))).flat();
  const { alerts, states } = evaluateAlertRules(await storedStates(), scored, await comparedClasses(), { margin: options.margin });
  const actor = options.actor ?? "system";
  return withTransaction(async ({ sql: client }) => {
    if (states.length) {
      await client.query(
        `INSERT INTO signal_state (source, subject_kind, subject_key, method, flagged, ever_flagged, reference_lower, verdict, updated_at)
         SELECT * , now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::bool[], $7::float8[], $8::text[])
         ON CONFLICT (source, subject_kind, subject_key, method) DO UPDATE SET flagged = EXCLUDED.flagged, ever_flagged = EXCLUDED.ever_flagged,
           reference_lower = EXCLUDED.reference_lower, verdict = EXCLUDED.verdict, updated_at = now()`,
        [
          states.map((s) => s.source),
          states.map((s) => s.subjectKind),
          states.map((s) => s.subjectKey),
          states.map((s) => s.method),
          states.map((s) => s.flagged),
          states.map((s) => s.everFlagged),
          states.map((s) => s.referenceLower),
          states.map((s) => s.verdict),
        ],
      );
    }
    let raised = 0;
    let updated = 0;
    let suppressedByDismissal = 0;
    const audit: TAuditEvent[] = [];
    for (const alert of alerts) {
      const open = await client.query<{ id: string; methods: string[]; after: unknown }>(
        `SELECT id, methods, after FROM signal_alert WHERE source = $1 AND subject_kind = $2 AND subject_key = $3 AND rule = $4 AND status = 'open' FOR UPDATE`,
        [alert.source, alert.subjectKind, alert.subjectKey, alert.rule],
      );
      const existing = open.rows[0];
      if (existing) {
        const methods = [...new Set([...existing.methods, ...alert.methods])];
        await client.query(
          `UPDATE signal_alert SET methods = $2, after = $3, message = $4, import_job_id = $5, updated_at = now() WHERE id = $1`,
          [existing.id, methods, JSON.stringify(alert.after), alert.message, options.importJobId ?? null],
        );
        audit.push({
          actor,
          action: "update",
          entity: "signal_alert",
          entityId: existing.id,
          before: { methods: existing.methods, after: existing.after },
          after: { methods, after: alert.after },
        });
        updated++;
      } else if (
        (
          await client.query(
            `SELECT 1 FROM signal_alert WHERE source = $1 AND subject_kind = $2 AND subject_key = $3 AND rule = $4 AND status = 'dismissed'
               AND after = $5::jsonb AND closed_at = (SELECT max(closed_at) FROM signal_alert WHERE source = $1 AND subject_kind = $2
                 AND subject_key = $3 AND rule = $4 AND status = 'dismissed')`,
            [alert.source, alert.subjectKind, alert.subjectKey, alert.rule, JSON.stringify(alert.after)],
          )
        ).rowCount
      ) {
        // Dismissed at these very numbers: nothing new to say.
        suppressedByDismissal++;
      } else {
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO signal_alert (id, source, subject_kind, subject_key, rule, methods, before, after, message, import_job_id) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            alert.source,
            alert.subjectKind,
            alert.subjectKey,
            alert.rule,
            alert.methods,
            alert.before === null ? null : JSON.stringify(alert.before),
            JSON.stringify(alert.after),
            alert.message,
            options.importJobId ?? null,
          ],
        );
        audit.push({ actor, action: "create", entity: "signal_alert", entityId: inserted.rows[0]!.id, before: null, after: alert });
        raised++;
      }
    }
    await writeAuditEvents(client, audit);
    return { raised, updated, alerts, suppressedByDismissal };
  });
}

/**
 * After an import that brought new data: a failing check must not fail the import (its data are
 * committed); it is reported and `npm run cli -- signals check` runs it again.
 */
export async function checkAlertsAfterImport(importJobId: string, actor: string | null): Promise<TAlertCheck | null> {
  try {
    return await checkAlerts({ importJobId, actor: actor ?? "system" });
  } catch (error) {
    process.stderr.write(
      `Signal alerts were not checked after import ${importJobId}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return null;
  }
}
