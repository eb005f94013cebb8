// The alert rules, pure (docs/signals.md): given what the last check saw per subject and method
// and what the data say now, which alerts to raise and what to remember. Three rules:
// - threshold_crossing: a method flags a drug or class it has never flagged before;
// - strengthening: a method that flags it has its lower bound risen by `margin` since its last alert
//   (×(1 + margin) for PRR, ROR and EB05; +log2(1 + margin) for IC025, which is a log2);
// - baseline_drift: a class's comparable baseline comparison turns above or below.
export const SIGNAL_METHODS = ["prr", "ror", "ic", "ebgm"] as const;
export type TSignalMethod = (typeof SIGNAL_METHODS)[number];
export const ALERT_RULES = ["threshold_crossing", "strengthening", "baseline_drift"] as const;
export type TAlertRule = (typeof ALERT_RULES)[number];

/** Default rise of a lower bound that counts as strengthening (25%). */
export const DEFAULT_STRENGTHENING_MARGIN = 0.25;

export type TSubjectKey = { source: string; subjectKind: "drug" | "class"; subjectKey: string };
export type TState = TSubjectKey & {
  method: string;
  flagged: boolean;
  everFlagged: boolean;
  referenceLower: number | null;
  verdict: string | null;
};

type TInterval = { estimate: number | null; lower: number | null; upper: number | null };
/** One drug or class as the signals answer scores it now. */
export type TScoredSubject = TSubjectKey & {
  label: string;
  a: number;
  drugReports: number;
  periods: string[];
  stats: Record<TSignalMethod, TInterval>;
  flags: Record<TSignalMethod, boolean | null>;
};
/** One class's comparison with a baseline now (comparable ones only: above, consistent or below). */
export type TComparedSubject = TSubjectKey & {
  label: string;
  baseline: string;
  metric: string;
  verdict: "above" | "consistent" | "below";
  estimate: number | null;
  value: number | null;
  pValue: number | null;
  cases: number;
};

export type TRaisedAlert = TSubjectKey & { rule: TAlertRule; methods: string[]; before: unknown; after: unknown; message: string };

const key = (s: TSubjectKey, method: string) => `${s.source}\u0000${s.subjectKind}\u0000${s.subjectKey}\u0000${method}`;

function rose(method: TSignalMethod, reference: number, now: number, margin: number): boolean {
  if (method === "ic") return now - reference >= Math.log2(1 + margin);
  return reference > 0 && now >= reference * (1 + margin);
}

const snapshot = (s: TScoredSubject, methods: readonly TSignalMethod[]) => ({
  a: s.a,
  drugReports: s.drugReports,
  periods: s.periods,
  ...Object.fromEntries(methods.map((m) => [m, { ...s.stats[m], flag: s.flags[m] }])),
});

/**
 * Raises at most one alert per subject and rule (listing every method it fired on) and returns
 * the states to store. Re-running on unchanged data raises nothing: a crossing needs a method that
 * never flagged, a strengthening a rise past the bound remembered at the last alert.
 */
export function evaluateAlertRules(
  previous: readonly TState[],
  scored: readonly TScoredSubject[],
  compared: readonly TComparedSubject[],
  options: { margin?: number } = {},
): { alerts: TRaisedAlert[]; states: TState[] } {
  const margin = options.margin ?? DEFAULT_STRENGTHENING_MARGIN;
  if (!(margin > 0 && Number.isFinite(margin))) throw new RangeError(`margin must be a number > 0 (got ${margin})`);
  const byKey = new Map(previous.map((s) => [key(s, s.method), s]));
  const alerts: TRaisedAlert[] = [];
  const states: TState[] = [];
  for (const subject of scored) {
    const crossed: TSignalMethod[] = [];
    const strengthened: TSignalMethod[] = [];
    const before: Record<string, unknown> = {};
    for (const method of SIGNAL_METHODS) {
      const prev = byKey.get(key(subject, method));
      const flagged = subject.flags[method] === true;
      const lower = subject.stats[method].lower;
      let referenceLower = prev?.referenceLower ?? null;
      if (flagged && !prev?.everFlagged) {
        crossed.push(method);
        referenceLower = lower;
      } else if (flagged && prev?.flagged && lower !== null && referenceLower !== null && rose(method, referenceLower, lower, margin)) {
        strengthened.push(method);
        before[method] = { lower: referenceLower };
        referenceLower = lower;
      }
      states.push({
        ...subjectKey(subject),
        method,
        flagged,
        everFlagged: (prev?.everFlagged ?? false) || flagged,
        referenceLower,
        verdict: null,
      });
    }
    const name = `${subject.label} (${subject.source.toUpperCase()})`;
    if (crossed.length) {
      alerts.push({
        ...subjectKey(subject),
        rule: "threshold_crossing",
        methods: crossed,
        before: null,
        after: snapshot(subject, crossed),
        message: `${name}: ${crossed.map((m) => m.toUpperCase()).join(", ")} crossed the signal threshold for the first time (a = ${subject.a}).`,
      });
    }
    if (strengthened.length) {
      alerts.push({
        ...subjectKey(subject),
        rule: "strengthening",
        methods: strengthened,
        before,
        after: snapshot(subject, strengthened),
        message: `${name}: the lower bound of ${strengthened.map((m) => m.toUpperCase()).join(", ")} rose by at least ${Math.round(margin * 100)}% since the last alert (a = ${subject.a}).`,
      });
    }
  }
  for (const c of compared) {
    const method = `baseline:${c.baseline}`;
    const prev = byKey.get(key(c, method));
    states.push({
      ...subjectKey(c),
      method,
      flagged: c.verdict !== "consistent",
      everFlagged: (prev?.everFlagged ?? false) || c.verdict !== "consistent",
      referenceLower: null,
      verdict: c.verdict,
    });
    if (c.verdict === "consistent" || prev?.verdict === c.verdict) continue;
    alerts.push({
      ...subjectKey(c),
      rule: "baseline_drift",
      methods: [c.baseline],
      before: prev?.verdict ? { verdict: prev.verdict } : null,
      after: { verdict: c.verdict, metric: c.metric, estimate: c.estimate, baseline: c.value, pValue: c.pValue, cases: c.cases },
      message: `${c.label}: ${c.metric} is now ${c.verdict} its baseline ${c.baseline}${prev?.verdict ? ` (was ${prev.verdict})` : ""}.`,
    });
  }
  return { alerts, states };
}

const subjectKey = (s: TSubjectKey): TSubjectKey => ({ source: s.source, subjectKind: s.subjectKind, subjectKey: s.subjectKey });
