// The fields two reports are compared on (docs/duplicates.md), and a columnar store of them:
// a million reports fit in typed arrays outside the JS heap, so a whole-database scan stays flat.

/** Tri-state clinical fields compared one by one (chosen as the ones reports of an episode share). */
export const MATCH_FLAGS = [
  "rigidity",
  "mentalStatusChange",
  "bpLability",
  "tachycardia",
  "tachypnoea",
  "diaphoresis",
  "incontinence",
  "tremor",
  "rhabdomyolysis",
  "hyperkalaemia",
  "acuteKidneyInjury",
  "seizures",
  "dantrolene",
  "bromocriptine",
  "cooling",
  "benzodiazepine",
  "ect",
  "icu",
] as const;
export type TMatchFlag = (typeof MATCH_FLAGS)[number];

/** One report as the matcher sees it; null = not reported (neutral in the score). */
export type TMatchRecord = {
  id: string;
  /** Days since 1970-01-01. */
  onsetDay: number | null;
  receivedDay: number | null;
  ageYears: number | null;
  /** male / female; unknown is null. */
  sex: string | null;
  country: string | null;
  /** unknown is null. */
  outcome: string | null;
  /** unknown is null. */
  reporterType: string | null;
  /** Catalogue names of the attributing drugs (so brand and generic names agree). */
  drugs: readonly string[];
  /** "dose|route" per attributing drug, normalised; absent when the report gives neither. */
  doses?: Readonly<Record<string, string>>;
  maxTempC: number | null;
  ckMax: number | null;
  flags: Partial<Record<TMatchFlag, boolean | null>>;
};

/** Dictionary-coded categorical field: code 0 = missing. */
class Codes {
  readonly values: string[] = [""];
  private readonly index = new Map<string, number>();
  code(value: string | null): number {
    if (value === null || value === "") return 0;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }
}

const MISSING_INT = -2147483648;
/** Drugs kept per report; a report's further attributing drugs are not compared (rare: ≤ 2 in 99%). */
export const MAX_MATCH_DRUGS = 4;

function grow<T extends Int32Array | Float32Array | Uint8Array | Uint16Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** Reports in parallel typed arrays, indexed 0…size−1. */
export class MatchStore {
  size = 0;
  readonly ids: string[] = [];
  onset = new Int32Array(1024);
  received = new Int32Array(1024);
  age = new Float32Array(1024);
  temp = new Float32Array(1024);
  ck = new Float32Array(1024);
  sex = new Uint8Array(1024);
  country = new Uint16Array(1024);
  outcome = new Uint8Array(1024);
  reporter = new Uint8Array(1024);
  /** Bit f set: flag f reported; flagTrue bit f: reported true. */
  flagKnown = new Int32Array(1024);
  flagTrue = new Int32Array(1024);
  /** MAX_MATCH_DRUGS drug codes per report, 0-padded (sorted by code). */
  drugs = new Uint16Array(1024 * MAX_MATCH_DRUGS);
  /** A dose/route code per drug slot, 0 = not given. */
  doses = new Int32Array(1024 * MAX_MATCH_DRUGS);
  readonly sexCodes = new Codes();
  readonly countryCodes = new Codes();
  readonly outcomeCodes = new Codes();
  readonly reporterCodes = new Codes();
  readonly drugCodes = new Codes();
  readonly doseCodes = new Codes();

  /** Keeps ids as given only when asked: a whole-database scan keeps them itself. */
  constructor(private readonly keepIds = true) {}

  add(record: TMatchRecord): number {
    const i = this.size++;
    const n = this.size;
    this.onset = grow(this.onset, n);
    this.received = grow(this.received, n);
    this.age = grow(this.age, n);
    this.temp = grow(this.temp, n);
    this.ck = grow(this.ck, n);
    this.sex = grow(this.sex, n);
    this.country = grow(this.country, n);
    this.outcome = grow(this.outcome, n);
    this.reporter = grow(this.reporter, n);
    this.flagKnown = grow(this.flagKnown, n);
    this.flagTrue = grow(this.flagTrue, n);
    this.drugs = grow(this.drugs, n * MAX_MATCH_DRUGS);
    this.doses = grow(this.doses, n * MAX_MATCH_DRUGS);
    if (this.keepIds) this.ids.push(record.id);
    this.onset[i] = record.onsetDay ?? MISSING_INT;
    this.received[i] = record.receivedDay ?? MISSING_INT;
    this.age[i] = record.ageYears ?? Number.NaN;
    this.temp[i] = record.maxTempC ?? Number.NaN;
    this.ck[i] = record.ckMax ?? Number.NaN;
    this.sex[i] = this.sexCodes.code(record.sex);
    this.country[i] = this.countryCodes.code(record.country);
    this.outcome[i] = this.outcomeCodes.code(record.outcome);
    this.reporter[i] = this.reporterCodes.code(record.reporterType);
    let known = 0;
    let yes = 0;
    MATCH_FLAGS.forEach((flag, bit) => {
      const value = record.flags[flag];
      if (value === true || value === false) known |= 1 << bit;
      if (value === true) yes |= 1 << bit;
    });
    this.flagKnown[i] = known;
    this.flagTrue[i] = yes;
    const slots = [...new Set(record.drugs)].map((name) => ({
      code: this.drugCodes.code(name),
      dose: this.doseCodes.code(record.doses?.[name] ?? null),
    }));
    slots.sort((x, y) => x.code - y.code);
    for (let s = 0; s < MAX_MATCH_DRUGS; s++) {
      this.drugs[i * MAX_MATCH_DRUGS + s] = slots[s]?.code ?? 0;
      this.doses[i * MAX_MATCH_DRUGS + s] = slots[s]?.dose ?? 0;
    }
    return i;
  }

  hasOnset = (i: number) => this.onset[i] !== MISSING_INT;
  hasReceived = (i: number) => this.received[i] !== MISSING_INT;
}
