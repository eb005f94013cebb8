// Fellegi–Sunter scoring of a pair of reports: the sum over fields of log2(m/u) — m the chance a
// field agrees (at that level) between two reports of one episode, u the chance it agrees between
// reports of different patients. u is frequency-adjusted: agreeing on a rare value weighs more.
// A field missing on either report adds 0 (neither for nor against). docs/duplicates.md.
import { flagShare, relativeFrequency, type TFrequencyCounts } from "./frequencies";
import type { TMatchConfig } from "./match-config";
import { MATCH_FLAGS, MAX_MATCH_DRUGS, type MatchStore } from "./match-record";

export const SCORE_FIELDS = ["onset", "age", "sex", "country", "outcome", "reporterType", "drugs", "dose", "flags", "temperature", "ck", "received"] as const;
export type TScoreField = (typeof SCORE_FIELDS)[number];
export type TScoreParts = Record<TScoreField, number>;

const log2 = Math.log2;
const MISSING_INT = -2147483648;

/** Agreement weights per code of a categorical field: log2(m / f(value)), capped. */
function agreeTable(values: readonly string[], counts: ReadonlyMap<string, number>, total: number, m: number, cap: number): Float64Array {
  return Float64Array.from(values, (value, code) => (code === 0 ? 0 : Math.min(cap, log2(m / relativeFrequency(counts, total, value)))));
}
/** Disagreement weights per code: log2((1 − m) / (1 − f(value))) — the value of the first report. */
function disagreeTable(values: readonly string[], counts: ReadonlyMap<string, number>, total: number, m: number): Float64Array {
  return Float64Array.from(values, (value, code) => (code === 0 ? 0 : log2((1 - m) / Math.max(0.01, 1 - relativeFrequency(counts, total, value)))));
}

/**
 * Scores pairs of one store with weights prepared once from the population's frequencies. Build a
 * new Scorer after adding reports with new values (tables are per code).
 */
export class Scorer {
  private readonly sexAgree: Float64Array;
  private readonly sexDisagree: Float64Array;
  private readonly countryAgree: Float64Array;
  private readonly countryDisagree: Float64Array;
  private readonly outcomeAgree: Float64Array;
  private readonly outcomeDisagree: Float64Array;
  private readonly reporterAgree: Float64Array;
  private readonly reporterDisagree: Float64Array;
  private readonly drugAgree: Float64Array;
  private readonly flagAgreeTrue: Float64Array;
  private readonly flagAgreeFalse: Float64Array;
  private readonly flagDisagree: Float64Array;
  private readonly onsetWeights: { exact: number; week: number; month: number; beyond: number };
  private readonly ageTotal: number;

  constructor(
    private readonly store: MatchStore,
    private readonly counts: TFrequencyCounts,
    private readonly config: TMatchConfig,
  ) {
    const { total } = counts;
    const cap = config.maxAgreement;
    this.sexAgree = agreeTable(store.sexCodes.values, counts.sex, total, config.sex, cap);
    this.sexDisagree = disagreeTable(store.sexCodes.values, counts.sex, total, config.sex);
    this.countryAgree = agreeTable(store.countryCodes.values, counts.country, total, config.country, cap);
    this.countryDisagree = disagreeTable(store.countryCodes.values, counts.country, total, config.country);
    this.outcomeAgree = agreeTable(store.outcomeCodes.values, counts.outcome, total, config.outcome, cap);
    this.outcomeDisagree = disagreeTable(store.outcomeCodes.values, counts.outcome, total, config.outcome);
    this.reporterAgree = agreeTable(store.reporterCodes.values, counts.reporterType, total, config.reporterType, cap);
    this.reporterDisagree = disagreeTable(store.reporterCodes.values, counts.reporterType, total, config.reporterType);
    this.drugAgree = agreeTable(store.drugCodes.values, counts.drug, total, config.drugShared, cap);
    const shares = MATCH_FLAGS.map((flag) => flagShare(counts, flag));
    this.flagAgreeTrue = Float64Array.from(shares, (p) => log2(config.flag / p));
    this.flagAgreeFalse = Float64Array.from(shares, (p) => log2(config.flag / (1 - p)));
    this.flagDisagree = Float64Array.from(shares, (p) => log2((1 - config.flag) / (2 * p * (1 - p))));
    // Chance agreement of onset dates: uniform over the population's onset span.
    const span = Math.max(counts.onsetSpanDays, 365);
    const { exact, week, month } = config.onset;
    this.onsetWeights = {
      exact: Math.min(cap, log2(exact / (1 / span))),
      week: log2(week / (14 / span)),
      month: log2(month / (48 / span)),
      beyond: log2((1 - exact - week - month) / Math.max(0.01, 1 - 63 / span)),
    };
    this.ageTotal = counts.total;
  }

  private ageFrequency(age: number): number {
    return relativeFrequency(this.counts.age, this.ageTotal, String(age));
  }

  /** Total weight in bits; with `parts`, each field's contribution is written there too. */
  score(i: number, j: number, parts?: TScoreParts): number {
    const s = this.store;
    const c = this.config;
    let total = 0;
    const put = (field: TScoreField, w: number) => {
      total += w;
      if (parts) parts[field] += w;
    };

    const oi = s.onset[i] ?? MISSING_INT;
    const oj = s.onset[j] ?? MISSING_INT;
    if (oi !== MISSING_INT && oj !== MISSING_INT) {
      const d = Math.abs(oi - oj);
      const w = this.onsetWeights;
      put("onset", d === 0 ? w.exact : d <= 7 ? w.week : d <= 31 ? w.month : w.beyond);
    }

    const ai = s.age[i] ?? Number.NaN;
    const aj = s.age[j] ?? Number.NaN;
    if (Number.isFinite(ai) && Number.isFinite(aj)) {
      const x = Math.round(ai);
      const d = Math.abs(x - Math.round(aj));
      if (d === 0) put("age", Math.min(c.maxAgreement, log2(c.age.exact / this.ageFrequency(x))));
      else if (d === 1) put("age", Math.min(c.maxAgreement, log2(c.age.one / (this.ageFrequency(x - 1) + this.ageFrequency(x + 1)))));
      else put("age", log2((1 - c.age.exact - c.age.one) / Math.max(0.01, 1 - 3 * this.ageFrequency(x))));
    }

    put("sex", categorical(s.sex[i] ?? 0, s.sex[j] ?? 0, this.sexAgree, this.sexDisagree));
    put("country", categorical(s.country[i] ?? 0, s.country[j] ?? 0, this.countryAgree, this.countryDisagree));
    put("outcome", categorical(s.outcome[i] ?? 0, s.outcome[j] ?? 0, this.outcomeAgree, this.outcomeDisagree));
    put("reporterType", categorical(s.reporter[i] ?? 0, s.reporter[j] ?? 0, this.reporterAgree, this.reporterDisagree));

    this.scoreDrugs(i, j, put);

    const known = (s.flagKnown[i] ?? 0) & (s.flagKnown[j] ?? 0);
    if (known) {
      const ti = s.flagTrue[i] ?? 0;
      const tj = s.flagTrue[j] ?? 0;
      let w = 0;
      for (let bit = 0; bit < MATCH_FLAGS.length; bit++) {
        const mask = 1 << bit;
        if (!(known & mask)) continue;
        if ((ti & mask) !== (tj & mask)) w += this.flagDisagree[bit] ?? 0;
        else w += (ti & mask ? this.flagAgreeTrue[bit] : this.flagAgreeFalse[bit]) ?? 0;
      }
      put("flags", w);
    }

    const temp = closeness(s.temp[i] ?? Number.NaN, s.temp[j] ?? Number.NaN, (x, y) => Math.abs(x - y) <= c.temperature.closeC + 1e-6);
    if (temp !== null) put("temperature", temp ? log2(c.temperature.m / c.temperature.u) : log2((1 - c.temperature.m) / (1 - c.temperature.u)));
    const ck = closeness(s.ck[i] ?? Number.NaN, s.ck[j] ?? Number.NaN, (x, y) => Math.abs(x - y) <= c.ck.closeRatio * Math.max(x, y) + 1e-6);
    if (ck !== null) put("ck", ck ? log2(c.ck.m / c.ck.u) : log2((1 - c.ck.m) / (1 - c.ck.u)));

    if (s.hasReceived(i) && s.hasReceived(j) && Math.abs((s.received[i] ?? 0) - (s.received[j] ?? 0)) > c.received.farDays) {
      put("received", log2(c.received.m / c.received.u));
    }
    return total;
  }

  /** Shared drugs (frequency-adjusted), drugs only one report names, dose/route of shared drugs. */
  private scoreDrugs(i: number, j: number, put: (field: TScoreField, w: number) => void): void {
    const s = this.store;
    const c = this.config;
    const bi = i * MAX_MATCH_DRUGS;
    const bj = j * MAX_MATCH_DRUGS;
    let shared = 0;
    let extra = 0;
    let nI = 0;
    let nJ = 0;
    let agree = 0;
    let dose = 0;
    // Both slot lists are sorted by code with zeros at the end: a merge.
    let x = 0;
    let y = 0;
    while (x < MAX_MATCH_DRUGS || y < MAX_MATCH_DRUGS) {
      const di = x < MAX_MATCH_DRUGS ? (s.drugs[bi + x] ?? 0) : 0;
      const dj = y < MAX_MATCH_DRUGS ? (s.drugs[bj + y] ?? 0) : 0;
      if (di === 0 && dj === 0) break;
      if (di !== 0 && (dj === 0 || di < dj)) {
        nI++;
        extra++;
        x++;
      } else if (dj !== 0 && (di === 0 || dj < di)) {
        nJ++;
        extra++;
        y++;
      } else {
        nI++;
        nJ++;
        shared++;
        agree += this.drugAgree[di] ?? 0;
        const doseI = s.doses[bi + x] ?? 0;
        const doseJ = s.doses[bj + y] ?? 0;
        if (doseI && doseJ) dose += doseI === doseJ ? log2(c.dose.m / c.dose.u) : log2((1 - c.dose.m) / (1 - c.dose.u));
        x++;
        y++;
      }
    }
    if (nI === 0 || nJ === 0) return; // a report naming no drug: missing, neutral
    if (shared === 0) put("drugs", log2(c.drugNoneShared.m / c.drugNoneShared.u));
    else put("drugs", agree + extra * log2(c.drugExtra.m / c.drugExtra.u));
    if (dose !== 0) put("dose", dose);
  }
}

function categorical(a: number, b: number, agree: Float64Array, disagree: Float64Array): number {
  if (a === 0 || b === 0) return 0;
  return a === b ? (agree[a] ?? 0) : (disagree[a] ?? 0);
}

function closeness(x: number, y: number, close: (x: number, y: number) => boolean): boolean | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  return close(x, y);
}

export function emptyParts(): TScoreParts {
  return Object.fromEntries(SCORE_FIELDS.map((f) => [f, 0])) as TScoreParts;
}
