// The demo data has the published shape: shares computed from 20,000 generated cases and
// compared with the overview's and the brief's figures, within sampling tolerances.
import { beforeAll, describe, expect, it } from "vitest";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { ATTRIBUTING_ROLES, DRUG_CLASSES, ageBandOf, type DrugClass } from "@/lib/domain/vocabulary";
import { generateCases, type TSeedCase } from "@/seed/index";

const N = 20_000;
const CLASS_OF = new Map(DRUG_CATALOGUE.map((drug) => [drug.name, drug.drugClass]));
let cases: TSeedCase[] = [];

const share = (predicate: (c: TSeedCase) => boolean, among: TSeedCase[] = cases) => among.filter(predicate).length / among.length;
const year = (c: TSeedCase) => Number(c.onsetDate.slice(0, 4));
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const classesOf = (c: TSeedCase) =>
  new Set(c.drugs.filter((d) => ATTRIBUTING_ROLES.includes(d.role)).map((d) => CLASS_OF.get(d.name) as DrugClass));
const fatality = (among: TSeedCase[]) =>
  share(
    (c) => c.outcome === "fatal",
    among.filter((c) => c.outcome !== "unknown"),
  );
const yesShare = (field: keyof TSeedCase) =>
  share(
    (c) => c[field] === true,
    cases.filter((c) => c[field] !== null),
  );
const nullShare = (field: keyof TSeedCase) => share((c) => c[field] === null);

beforeAll(() => {
  cases = [...generateCases({ count: N })];
});

describe(`shape of ${N.toLocaleString("en")} demo cases`, () => {
  it("sex and age: ≈60% male, age missing ≈15%, males under 40 the largest group", () => {
    const male = share((c) => c.sex === "male");
    const ageMissing = share((c) => c.ageYears === null);
    console.log(`male share ${male.toFixed(3)}, age missing ${ageMissing.toFixed(3)}`);
    expect(male).toBeGreaterThan(0.57);
    expect(male).toBeLessThan(0.63);
    expect(ageMissing).toBeGreaterThan(0.12);
    expect(ageMissing).toBeLessThan(0.18);
    // Overview: "males, especially those under forty" — the largest sex × age-band cell.
    const groups = new Map<string, number>();
    for (const c of cases) {
      const key = `${c.sex} ${ageBandOf(c.ageYears)}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const largest = [...groups].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(largest).toBe("male 18-39");
  });

  it("case fatality falls from >15% before 2000 to <10% after 2010 (known outcomes); ≈12% unknown", () => {
    const early = fatality(cases.filter((c) => year(c) < 2000));
    const late = fatality(cases.filter((c) => year(c) > 2010));
    const unknown = share((c) => c.outcome === "unknown");
    console.log(`fatality pre-2000 ${early.toFixed(3)}, post-2010 ${late.toFixed(3)}, outcome unknown ${unknown.toFixed(3)}`);
    expect(early).toBeGreaterThan(0.15);
    expect(late).toBeLessThan(0.1);
    expect(unknown).toBeGreaterThan(0.1);
    expect(unknown).toBeLessThan(0.14);
    const elderly = fatality(cases.filter((c) => c.ageYears != null && c.ageYears >= 65));
    const young = fatality(cases.filter((c) => c.ageYears != null && c.ageYears < 65));
    expect(elderly).toBeGreaterThan(young);
  });

  it("most onsets come within 21 days of starting the suspect drug", () => {
    const latencies = cases.flatMap((c) => c.drugs.filter((d) => d.role === "suspect").map((d) => days(d.startDate, c.onsetDate)));
    const within21 = latencies.filter((d) => d <= 21).length / latencies.length;
    console.log(`suspect-drug onsets within 21 days ${within21.toFixed(3)}`);
    expect(within21).toBeGreaterThan(0.5);
    expect(latencies.some((d) => d > 90)).toBe(true); // the tail to months
  });

  it("class mix favours first-generation agents; haloperidol leads; some depot and second suspects", () => {
    const classShare = Object.fromEntries(DRUG_CLASSES.map((k) => [k, share((c) => classesOf(c).has(k))]));
    console.log("attributed class shares", classShare);
    expect(classShare.first_generation).toBeGreaterThan(classShare.second_generation as number);
    expect(classShare.first_generation).toBeGreaterThan(0.37);
    expect(classShare.first_generation).toBeLessThan(0.47);
    expect(classShare.antiemetic).toBeGreaterThan(0.08);
    const suspectNames = new Map<string, number>();
    for (const c of cases)
      for (const d of c.drugs) if (d.role !== "concomitant") suspectNames.set(d.name, (suspectNames.get(d.name) ?? 0) + 1);
    expect([...suspectNames].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe("haloperidol");
    const twoSuspects = share((c) => c.drugs.filter((d) => d.role !== "concomitant").length === 2);
    expect(twoSuspects).toBeGreaterThan(0.09);
    expect(twoSuspects).toBeLessThan(0.15);
    expect(share((c) => c.depotFormulation === true)).toBeGreaterThan(0.05);
    expect(share((c) => c.lithiumCoMedication === true)).toBeGreaterThan(0.05);
  });

  it("clinical fields spread realistically, with unknowns", () => {
    const rates = {
      rigidity: yesShare("rigidity"),
      mentalStatusChange: yesShare("mentalStatusChange"),
      dantrolene: yesShare("dantrolene"),
      bromocriptine: yesShare("bromocriptine"),
      icu: yesShare("icu"),
      drugStopped: yesShare("drugStopped"),
      eegSlowing: yesShare("eegSlowing"),
      eegMissing: nullShare("eegSlowing"),
      rechallenge: share((c) => c.rechallenge === true),
      recurred: share(
        (c) => c.rechallengeRecurred === true,
        cases.filter((c) => c.rechallenge === true),
      ),
    };
    console.log("clinical rates", rates);
    expect(rates.rigidity).toBeGreaterThan(0.85);
    expect(rates.mentalStatusChange).toBeGreaterThan(0.75);
    expect(Math.abs(rates.dantrolene - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(rates.bromocriptine - 0.25)).toBeLessThan(0.03);
    expect(Math.abs(rates.icu - 0.5)).toBeLessThan(0.03);
    expect(rates.drugStopped).toBeGreaterThan(0.92);
    expect(Math.abs(rates.eegSlowing - 0.5)).toBeLessThan(0.04);
    expect(rates.eegMissing).toBeGreaterThan(0.7);
    expect(rates.rechallenge).toBeGreaterThan(0.02);
    expect(rates.rechallenge).toBeLessThan(0.1);
    expect(Math.abs(rates.recurred - 0.27)).toBeLessThan(0.08);
    const temps = cases.map((c) => c.maxTempC).filter((t): t is number => t != null);
    expect(temps.some((t) => t < 38)).toBe(true);
    const ck = cases
      .map((c) => c.ckMax)
      .filter((v): v is number => v != null)
      .sort((a, b) => a - b);
    const medianCk = ck[Math.floor(ck.length / 2)] as number;
    expect(medianCk).toBeGreaterThan(1500);
    expect(medianCk).toBeLessThan(2200);
  });
});
