// The alerts list (`GET /api/v1/alerts`, the alerts page): open alerts by default, newest first,
// each with the link to the cases behind it (the case list filtered to its drug or class), who
// closed or dismissed it and why, and its history (the alert's audit events: raised, updated,
// dismissed, reopened).
import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { ALERT_RULES } from "@/lib/signals/alerts/alert-rules";

/** open; closed (a topic was raised from it); dismissed (without a topic, with a reason); all. */
export const ALERT_STATUSES = ["open", "closed", "dismissed", "all"] as const;

export const ZAlertQuery = z
  .object({
    status: z.enum(ALERT_STATUSES, { error: `must be one of ${ALERT_STATUSES.join(", ")}` }).default("open"),
    rule: z.enum(ALERT_RULES, { error: `must be one of ${ALERT_RULES.join(", ")}` }).optional(),
  })
  .strict();
export type TAlertQuery = z.output<typeof ZAlertQuery>;

export type TAlert = {
  id: string;
  source: string;
  subjectKind: string;
  subjectKey: string;
  rule: string;
  methods: string[];
  status: string;
  before: unknown;
  after: unknown;
  message: string;
  importJobId: string | null;
  createdAt: string;
  updatedAt: string;
  /** When and by whom it was closed (a topic raised) or dismissed; the dismissal's reason. */
  closedAt: string | null;
  closedBy: string | null;
  dismissReason: string | null;
  /** Oldest first: raised, updated by a later check, dismissed, reopened, closed by a topic. */
  history: TAlertEvent[];
  /** The case list behind the alert (its drug or class, and its source unless a baseline drift). */
  casesUrl: string;
  /** The signals page focused on the subject. */
  signalsUrl: string | null;
};

export type TAlertEvent = { at: string; actor: string; kind: "raised" | "updated" | "dismissed" | "reopened"; reason: string | null };

/** The alert's audit events as its history (a topic raised from it is in the topic's own history). */
async function historiesOf(ids: readonly string[]): Promise<Map<string, TAlertEvent[]>> {
  const out = new Map<string, TAlertEvent[]>();
  if (ids.length === 0) return out;
  const events = await getPrisma().auditEvent.findMany({
    where: { entity: "signal_alert", entityId: { in: [...ids] } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  for (const e of events) {
    const after = (e.after ?? {}) as { status?: unknown; reason?: unknown };
    const kind: TAlertEvent["kind"] =
      e.action === "create" ? "raised" : after.status === "dismissed" ? "dismissed" : after.status === "open" ? "reopened" : "updated";
    const list = out.get(e.entityId) ?? [];
    list.push({ at: e.at.toISOString(), actor: e.actor, kind, reason: typeof after.reason === "string" ? after.reason : null });
    out.set(e.entityId, list);
  }
  return out;
}

export function casesUrlOf(alert: { source: string; subjectKind: string; subjectKey: string }): string {
  const params = new URLSearchParams({ [alert.subjectKind === "class" ? "drugClass" : "drug"]: alert.subjectKey });
  if (alert.source !== "cases") params.set("source", alert.source);
  return `/cases?${params}`;
}

/** `id` picks one alert (the answer to a change). */
export async function findAlerts(query: TAlertQuery & { id?: string }): Promise<{ alerts: TAlert[] }> {
  const rows = await getPrisma().signalAlert.findMany({
    where: {
      ...(query.status === "all" ? {} : { status: query.status }),
      ...(query.rule ? { rule: query.rule } : {}),
      ...(query.id ? { id: query.id } : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 500,
  });
  const histories = await historiesOf(rows.map((r) => r.id));
  return {
    alerts: rows.map((r) => ({
      id: r.id,
      source: r.source,
      subjectKind: r.subjectKind,
      subjectKey: r.subjectKey,
      rule: r.rule,
      methods: r.methods,
      status: r.status,
      before: r.before,
      after: r.after,
      message: r.message,
      importJobId: r.importJobId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      closedBy: r.closedBy,
      dismissReason: r.dismissReason,
      history: histories.get(r.id) ?? [],
      casesUrl: casesUrlOf(r),
      signalsUrl:
        r.source === "cases"
          ? null
          : `/signals?source=${r.source}&${r.subjectKind === "class" ? "drugClass" : "trend"}=${encodeURIComponent(r.subjectKey)}`,
    })),
  };
}
