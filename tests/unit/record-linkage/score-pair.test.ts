// The Fellegi–Sunter score on hand-built pairs: each field's weight is log2(m/u) with u from the
// value's frequency, a missing value adds nothing, a rare agreement weighs more than a common one,
// and blocking compares far fewer pairs than n² while keeping the pairs that share a key.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MATCH_CONFIG,
  MatchStore,
  Scorer,
  emptyParts,
  findCandidatePairs,
  forEachBlockedPair,
  relativeFrequency,
  thresholdFor,
  type TFrequencyCounts,
  type TMatchRecord,
  type TScoreField,
} from "@/lib/stats/record-linkage";
import { Prng } from "@/seed";

const config = DEFAULT_MATCH_CONFIG;
const counts: TFrequencyCounts = {
  total: 1000,
  drug: new Map([
    ["haloperidol", 400],
    ["molindone", 2],
    ["olanzapine", 150],
  ]),
  country: new Map([
    ["US", 500],
    ["IS", 3],
  ]),
  age: new Map([
    ["40", 20],
    ["41", 20],
    ["39", 20],
  ]),
  sex: new Map([
    ["male", 500],
    ["female", 500],
  ]),
  outcome: new Map([
    ["recovered", 600],
    ["fatal", 100],
  ]),
  reporterType: new Map([
    ["physician", 700],
    ["consumer", 100],
  ]),
  flags: { rigidity: { known: 1000, yes: 900 }, seizures: { known: 1000, yes: 100 } },
  onsetSpanDays: 3650,
};

const base: TMatchRecord = {
  id: "a",
  onsetDay: 18_000,
  receivedDay: 18_020,
  ageYears: 40,
  sex: "male",
  country: "US",
  outcome: "recovered",
  reporterType: "physician",
  drugs: ["haloperidol"],
  doses: {},
  maxTempC: null,
  ckMax: null,
  flags: {},
};
const blank: TMatchRecord = {
  ...base,
  onsetDay: null,
  receivedDay: null,
  ageYears: null,
  sex: null,
  country: null,
  outcome: null,
  reporterType: null,
  drugs: [],
};

function score(a: TMatchRecord, b: TMatchRecord) {
  const store = new MatchStore();
  store.add(a);
  store.add({ ...b, id: "b" });
  const parts = emptyParts();
  const total = new Scorer(store, counts, config).score(0, 1, parts);
  return { total, parts };
}
const f = (map: ReadonlyMap<string, number>, value: string) => relativeFrequency(map, counts.total, value);
const only = (field: TScoreField, parts: Record<TScoreField, number>) => Object.entries(parts).filter(([k, v]) => k !== field && v !== 0);

describe("field weights", () => {
  // Each row: the two reports differ from `blank` only in the field under test.
  const cases: { field: TScoreField; a: Partial<TMatchRecord>; b: Partial<TMatchRecord>; expected: number }[] = [
    { field: "sex", a: { sex: "male" }, b: { sex: "male" }, expected: Math.log2(config.sex / f(counts.sex, "male")) },
    { field: "sex", a: { sex: "male" }, b: { sex: "female" }, expected: Math.log2((1 - config.sex) / (1 - f(counts.sex, "male"))) },
    { field: "country", a: { country: "IS" }, b: { country: "IS" }, expected: Math.log2(config.country / f(counts.country, "IS")) },
    {
      field: "outcome",
      a: { outcome: "fatal" },
      b: { outcome: "recovered" },
      expected: Math.log2((1 - config.outcome) / (1 - f(counts.outcome, "fatal"))),
    },
    {
      field: "reporterType",
      a: { reporterType: "consumer" },
      b: { reporterType: "consumer" },
      expected: Math.log2(config.reporterType / f(counts.reporterType, "consumer")),
    },
    { field: "age", a: { ageYears: 40 }, b: { ageYears: 40.2 }, expected: Math.log2(config.age.exact / f(counts.age, "40")) },
    {
      field: "age",
      a: { ageYears: 40 },
      b: { ageYears: 41 },
      expected: Math.log2(config.age.one / (f(counts.age, "39") + f(counts.age, "41"))),
    },
    {
      field: "age",
      a: { ageYears: 40 },
      b: { ageYears: 70 },
      expected: Math.log2((1 - config.age.exact - config.age.one) / (1 - 3 * f(counts.age, "40"))),
    },
    {
      field: "onset",
      a: { onsetDay: 100 },
      b: { onsetDay: 100 },
      expected: Math.min(config.maxAgreement, Math.log2(config.onset.exact * 3650)),
    },
    { field: "onset", a: { onsetDay: 100 }, b: { onsetDay: 104 }, expected: Math.log2(config.onset.week / (14 / 3650)) },
    { field: "onset", a: { onsetDay: 100 }, b: { onsetDay: 120 }, expected: Math.log2(config.onset.month / (48 / 3650)) },
    { field: "onset", a: { onsetDay: 100 }, b: { onsetDay: 400 }, expected: Math.log2((1 - 0.7 - 0.12 - 0.12) / (1 - 63 / 3650)) },
    {
      field: "drugs",
      a: { drugs: ["haloperidol"] },
      b: { drugs: ["haloperidol"] },
      expected: Math.log2(config.drugShared / f(counts.drug, "haloperidol")),
    },
    {
      field: "drugs",
      a: { drugs: ["haloperidol"] },
      b: { drugs: ["olanzapine"] },
      expected: Math.log2(config.drugNoneShared.m / config.drugNoneShared.u),
    },
    {
      field: "drugs",
      a: { drugs: ["haloperidol", "olanzapine"] },
      b: { drugs: ["haloperidol"] },
      expected: Math.log2(config.drugShared / f(counts.drug, "haloperidol")) + Math.log2(config.drugExtra.m / config.drugExtra.u),
    },
    {
      field: "temperature",
      a: { maxTempC: 40.1 },
      b: { maxTempC: 40.2 },
      expected: Math.log2(config.temperature.m / config.temperature.u),
    },
    {
      field: "temperature",
      a: { maxTempC: 40.1 },
      b: { maxTempC: 41 },
      expected: Math.log2((1 - config.temperature.m) / (1 - config.temperature.u)),
    },
    { field: "ck", a: { ckMax: 10_000 }, b: { ckMax: 10_100 }, expected: Math.log2(config.ck.m / config.ck.u) },
    { field: "received", a: { receivedDay: 100 }, b: { receivedDay: 900 }, expected: Math.log2(config.received.m / config.received.u) },
    { field: "received", a: { receivedDay: 100 }, b: { receivedDay: 150 }, expected: 0 },
    { field: "flags", a: { flags: { rigidity: true } }, b: { flags: { rigidity: true } }, expected: Math.log2(config.flag / (901 / 1002)) },
    { field: "flags", a: { flags: { seizures: true } }, b: { flags: { seizures: true } }, expected: Math.log2(config.flag / (101 / 1002)) },
    {
      field: "flags",
      a: { flags: { seizures: true } },
      b: { flags: { seizures: false } },
      expected: Math.log2((1 - config.flag) / (2 * (101 / 1002) * (901 / 1002))),
    },
  ];
  it.each(cases)("$field: $a vs $b", ({ field, a, b, expected }) => {
    const { total, parts } = score({ ...blank, ...a }, { ...blank, ...b });
    expect(parts[field]).toBeCloseTo(expected, 10);
    expect(total).toBeCloseTo(expected, 10);
    expect(only(field, parts)).toEqual([]);
  });

  it("adds dose and route agreement only for a drug both reports name with a dose", () => {
    const withDose = (dose: string): Partial<TMatchRecord> => ({ drugs: ["haloperidol"], doses: { haloperidol: dose } });
    expect(score({ ...blank, ...withDose("5mg|oral") }, { ...blank, ...withDose("5mg|oral") }).parts.dose).toBeCloseTo(
      Math.log2(config.dose.m / config.dose.u),
      10,
    );
    expect(score({ ...blank, ...withDose("5mg|oral") }, { ...blank, ...withDose("10mg|im") }).parts.dose).toBeCloseTo(
      Math.log2((1 - config.dose.m) / (1 - config.dose.u)),
      10,
    );
    expect(score({ ...blank, ...withDose("5mg|oral") }, { ...blank, drugs: ["haloperidol"] }).parts.dose).toBe(0);
  });
});

describe("missing values", () => {
  it("add nothing, for or against, whichever report lacks them", () => {
    const full: TMatchRecord = { ...base, maxTempC: 40, ckMax: 5000, flags: { rigidity: true, seizures: false } };
    expect(score(full, blank)).toEqual({ total: 0, parts: emptyParts() });
    expect(score(blank, full)).toEqual({ total: 0, parts: emptyParts() });
  });
  it("leave the other fields' weights as they are", () => {
    const agreeing = score(base, base);
    const withoutAge = score(base, { ...base, ageYears: null });
    expect(withoutAge.parts.age).toBe(0);
    expect(withoutAge.total).toBeCloseTo(agreeing.total - agreeing.parts.age, 10);
  });
});

describe("frequency weighting", () => {
  it("weighs agreement on a rare drug or country more than on a common one, capped", () => {
    const common = score({ ...blank, drugs: ["haloperidol"] }, { ...blank, drugs: ["haloperidol"] }).parts.drugs;
    const rare = score({ ...blank, drugs: ["molindone"] }, { ...blank, drugs: ["molindone"] }).parts.drugs;
    expect(rare).toBeGreaterThan(common + 5);
    expect(rare).toBeCloseTo(Math.min(config.maxAgreement, Math.log2(config.drugShared / f(counts.drug, "molindone"))), 10);
    expect(score({ ...blank, country: "IS" }, { ...blank, country: "IS" }).parts.country).toBeGreaterThan(
      score({ ...blank, country: "US" }, { ...blank, country: "US" }).parts.country,
    );
  });
  it("treats a value never seen as rare, not as impossible", () => {
    const unseen = score({ ...blank, drugs: ["pimozide"] }, { ...blank, drugs: ["pimozide"] }).parts.drugs;
    // Laplace smoothing: (0 + 1) / (total + distinct values + 1).
    expect(unseen).toBeCloseTo(Math.log2(config.drugShared / (1 / (counts.total + counts.drug.size + 1))), 10);
    expect(Number.isFinite(unseen)).toBe(true);
  });
});

describe("blocking", () => {
  function storeOf(records: TMatchRecord[]) {
    const store = new MatchStore();
    records.forEach((r) => store.add(r));
    return store;
  }
  it("compares reports sharing a drug and onset week, or onset day and age, and not unrelated ones", () => {
    const store = storeOf([
      base,
      { ...base, id: "near", onsetDay: 18_005 }, // same drug, next week
      { ...base, id: "typo", drugs: [], onsetDay: 18_000, ageYears: 41 }, // no drug, same day, age + 1
      { ...base, id: "far", drugs: ["olanzapine"], onsetDay: 10_000, ageYears: 80, country: "IS" },
    ]);
    const seen = new Set<string>();
    forEachBlockedPair(store, (i, j) => seen.add(`${i}-${j}`));
    expect(seen).toEqual(new Set(["0-1", "0-2", "1-2"]));
  });
  it("with touched reports, only pairs that include one", () => {
    const store = storeOf([base, { ...base, id: "b" }, { ...base, id: "c" }]);
    const seen = new Set<string>();
    forEachBlockedPair(store, (i, j) => seen.add(`${i}-${j}`), { touched: Uint8Array.from([0, 0, 1]) });
    expect(seen).toEqual(new Set(["0-2", "1-2"]));
  });
  it("keeps a scan of many reports far below n² comparisons", () => {
    const prng = new Prng(15);
    const next = (n: number) => prng.int(0, n - 1);
    const records = Array.from({ length: 4000 }, (_, i): TMatchRecord => ({
      ...base,
      id: String(i),
      onsetDay: 10_000 + next(3650),
      ageYears: 18 + next(70),
      drugs: [["haloperidol", "olanzapine", "molindone"][next(3)]!],
      country: ["US", "IS", "DE", "FR"][next(4)]!,
      sex: next(2) ? "male" : "female",
    }));
    const store = storeOf(records);
    const { stats } = findCandidatePairs(store, counts, config);
    expect(stats.comparisons).toBeLessThan((4000 * 3999) / 2 / 100);
  });
});

describe("threshold", () => {
  it("is the configured one up to the reference size, then rises a bit per doubling", () => {
    expect(thresholdFor(config, 0)).toBe(config.threshold);
    expect(thresholdFor(config, config.referenceSize)).toBe(config.threshold);
    expect(thresholdFor(config, 4 * config.referenceSize)).toBeCloseTo(config.threshold + 2, 12);
  });
});
