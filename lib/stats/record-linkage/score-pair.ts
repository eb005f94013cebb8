// Fellegi–Sunter scoring of a pair of reports: the sum over fields of log2(m/u) — m the chance a
// field agrees (at that level) between two reports of one episode, u the chance it agrees between
// reports of different patients. u is frequency-adjusted: agreeing on a rare value weighs more.
// A field missing on either report adds 0 (neither for nor against). docs/duplicates.md.
import { flagShare, relativeFrequency, type TFrequencyCounts } from "./frequencies";
import type { TMatchConfig } from "./match-config";
import { MATCH_FLAGS, MAX_MATCH_DRUGS, type MatchStore } from "./match-record";

export const SCORE_FIELDS = [
  "onset",
  "age",
  "sex",
  "country",
  "outcome",
  "reporterType",
  "drugs",
  "dose",
  "flags",
  "temperature",
  "ck",
  "received",
] as const;
export type TScoreField = (typeof SCORE_FIELDS)[number];
export type TScoreParts = Record<TScoreField, number>;

const log2 = Math.log2;
const MISSING_INT = -2147483648;
/** Ages above this share one weight table entry (the case schema allows up to 120). */
const MAX_AGE = 130;

/** Agreement weights per code of a categorical field: log2(m / f(value)), capped. */
function agreeTable(values: readonly string[], counts: ReadonlyMap<string, number>, total: number, m: number, cap: number): Float64Array {
  return Float64Array.from(values, (value, code) => (code === 0 ? 0 : Math.min(cap, log2(m / relativeFrequency(counts, total, value)))));
}
/** Disagreement weights per code: log2((1 − m) / (1 − f(value))) — the value of the first report. */
function disagreeTable(values: readonly string[], counts: ReadonlyMap<string, number>, total: number, m: number): Float64Array {
  return Float64Array.from(values, (value, code) =>
    code === 0 ? 0 : log2((1 - m) / Math.max(0.01, 1 - relativeFrequency(counts, total, value))),
  );
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
  /** Age weights by whole year (0…MAX_AGE): same age, one year apart, further apart. */
  private readonly ageExact: Float64Array;
  private readonly ageOne: Float64Array;
  private readonly ageBeyond: Float64Array;
  private readonly fixed: {
    tempClose: number;
    tempFar: number;
    ckClose: number;
    ckFar: number;
    receivedFar: number;
    doseSame: number;
    doseDiffer: number;
    noneShared: number;
    extra: number;
  };

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

    const f = (age: number) => relativeFrequency(counts.age, counts.total, String(age));
    const ages = Array.from({ length: MAX_AGE + 2 }, (_, age) => age);
    this.ageExact = Float64Array.from(ages, (age) => Math.min(cap, log2(config.age.exact / f(age))));
    this.ageOne = Float64Array.from(ages, (age) => Math.min(cap, log2(config.age.one / (f(age - 1) + f(age + 1)))));
    this.ageBeyond = Float64Array.from(ages, (age) => log2((1 - config.age.exact - config.age.one) / Math.max(0.01, 1 - 3 * f(age))));
    this.fixed = {
      tempClose: log2(config.temperature.m / config.temperature.u),
      tempFar: log2((1 - config.temperature.m) / (1 - config.temperature.u)),
      ckClose: log2(config.ck.m / config.ck.u),
      ckFar: log2((1 - config.ck.m) / (1 - config.ck.u)),
      receivedFar: log2(config.received.m / config.received.u),
      doseSame: log2(config.dose.m / config.dose.u),
      doseDiffer: log2((1 - config.dose.m) / (1 - config.dose.u)),
      noneShared: log2(config.drugNoneShared.m / config.drugNoneShared.u),
      extra: log2(config.drugExtra.m / config.drugExtra.u),
    };
  }

  /**
   * Total weight in bits; with `parts`, each field's contribution is written there too. Written as
   * straight-line table lookups: a whole-database scan scores hundreds of millions of pairs.
   */
  score(i: number, j: number, parts?: TScoreParts): number {
    const s = this.store;
    const c = this.config;
    let total = 0;
    let w = 0;

    const oi = s.onset[i] ?? MISSING_INT;
    const oj = s.onset[j] ?? MISSING_INT;
    if (oi !== MISSING_INT && oj !== MISSING_INT) {
      const d = oi > oj ? oi - oj : oj - oi;
      const o = this.onsetWeights;
      w = d === 0 ? o.exact : d <= 7 ? o.week : d <= 31 ? o.month : o.beyond;
      total += w;
      if (parts) parts.onset += w;
    }

    const ai = s.age[i] ?? Number.NaN;
    const aj = s.age[j] ?? Number.NaN;
    if (ai === ai && aj === aj) {
      const x = Math.min(MAX_AGE, Math.max(0, Math.round(ai)));
      const y = Math.min(MAX_AGE, Math.max(0, Math.round(aj)));
      const d = x > y ? x - y : y - x;
      w = (d === 0 ? this.ageExact[x] : d === 1 ? this.ageOne[x] : this.ageBeyond[x]) ?? 0;
      total += w;
      if (parts) parts.age += w;
    }

    w = categorical(s.sex[i] ?? 0, s.sex[j] ?? 0, this.sexAgree, this.sexDisagree);
    total += w;
    if (parts) parts.sex += w;
    w = categorical(s.country[i] ?? 0, s.country[j] ?? 0, this.countryAgree, this.countryDisagree);
    total += w;
    if (parts) parts.country += w;
    w = categorical(s.outcome[i] ?? 0, s.outcome[j] ?? 0, this.outcomeAgree, this.outcomeDisagree);
    total += w;
    if (parts) parts.outcome += w;
    w = categorical(s.reporter[i] ?? 0, s.reporter[j] ?? 0, this.reporterAgree, this.reporterDisagree);
    total += w;
    if (parts) parts.reporterType += w;

    total += this.scoreDrugs(i, j, parts);

    const known = (s.flagKnown[i] ?? 0) & (s.flagKnown[j] ?? 0);
    if (known) {
      const differ = (s.flagTrue[i] ?? 0) ^ (s.flagTrue[j] ?? 0);
      const bothTrue = (s.flagTrue[i] ?? 0) & (s.flagTrue[j] ?? 0);
      w = 0;
      for (let bit = 0; bit < MATCH_FLAGS.length; bit++) {
        const mask = 1 << bit;
        if (!(known & mask)) continue;
        w += (differ & mask ? this.flagDisagree[bit] : bothTrue & mask ? this.flagAgreeTrue[bit] : this.flagAgreeFalse[bit]) ?? 0;
      }
      total += w;
      if (parts) parts.flags += w;
    }

    const f = this.fixed;
    const ti = s.temp[i] ?? Number.NaN;
    const tj = s.temp[j] ?? Number.NaN;
    if (ti === ti && tj === tj) {
      w = Math.abs(ti - tj) <= c.temperature.closeC + 1e-6 ? f.tempClose : f.tempFar;
      total += w;
      if (parts) parts.temperature += w;
    }
    const ki = s.ck[i] ?? Number.NaN;
    const kj = s.ck[j] ?? Number.NaN;
    if (ki === ki && kj === kj) {
      w = Math.abs(ki - kj) <= c.ck.closeRatio * Math.max(ki, kj) + 1e-6 ? f.ckClose : f.ckFar;
      total += w;
      if (parts) parts.ck += w;
    }

    const ri = s.received[i] ?? MISSING_INT;
    const rj = s.received[j] ?? MISSING_INT;
    if (ri !== MISSING_INT && rj !== MISSING_INT && Math.abs(ri - rj) > c.received.farDays) {
      total += f.receivedFar;
      if (parts) parts.received += f.receivedFar;
    }
    return total;
  }

  /** Shared drugs (frequency-adjusted), drugs only one report names, dose/route of shared drugs. */
  private scoreDrugs(i: number, j: number, parts: TScoreParts | undefined): number {
    const s = this.store;
    const f = this.fixed;
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
        if (doseI && doseJ) dose += doseI === doseJ ? f.doseSame : f.doseDiffer;
        x++;
        y++;
      }
    }
    if (nI === 0 || nJ === 0) return 0; // a report naming no drug: missing, neutral
    const drugs = shared === 0 ? f.noneShared : agree + extra * f.extra;
    if (parts) {
      parts.drugs += drugs;
      parts.dose += dose;
    }
    return drugs + dose;
  }
}

function categorical(a: number, b: number, agree: Float64Array, disagree: Float64Array): number {
  if (a === 0 || b === 0) return 0;
  return a === b ? (agree[a] ?? 0) : (disagree[a] ?? 0);
}

export function emptyParts(): TScoreParts {
  return Object.fromEntries(SCORE_FIELDS.map((f) => [f, 0])) as TScoreParts;
}
