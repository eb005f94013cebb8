// The alerts list (`GET /api/v1/alerts`, the alerts page): open alerts by default, newest first,
// each with the link to the cases behind it (the case list filtered to its drug or class).
import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { ALERT_RULES } from "@/lib/signals/alerts/alert-rules";

export const ZAlertQuery = z
  .object({
    status: z.enum(["open", "closed", "all"], { error: "must be one of open, closed, all" }).default("open"),
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
  /** The case list behind the alert (its drug or class, and its source unless a baseline drift). */
  casesUrl: string;
  /** The signals page focused on the subject. */
  signalsUrl: string | null;
};

export function casesUrlOf(alert: { source: string; subjectKind: string; subjectKey: string }): string {
  const params = new URLSearchParams({ [alert.subjectKind === "class" ? "drugClass" : "drug"]: alert.subjectKey });
  if (alert.source !== "cases") params.set("source", alert.source);
  return `/cases?${params}`;
}

export async function findAlerts(query: TAlertQuery): Promise<{ alerts: TAlert[] }> {
  const rows = await getPrisma().signalAlert.findMany({
    where: { ...(query.status === "all" ? {} : { status: query.status }), ...(query.rule ? { rule: query.rule } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 500,
  });
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
      casesUrl: casesUrlOf(r),
      signalsUrl:
        r.source === "cases"
          ? null
          : `/signals?source=${r.source}&${r.subjectKind === "class" ? "drugClass" : "trend"}=${encodeURIComponent(r.subjectKey)}`,
    })),
  };
}
