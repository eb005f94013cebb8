// Incidence planning: which cells get person-years (and how many, pro rata for part years), and
// the note every other cell carries instead.
import { describe, expect, it } from "vitest";
import type { TExposureStratum } from "@/lib/queries/aggregates/get-exposure-strata";
import { planIncidence, yearFraction, type TCellKeys } from "@/lib/queries/aggregates/incidence";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { AGE_BANDS, type DrugClass } from "@/lib/domain/vocabulary";

const query = (qs: string) => parseAggregateQuery(new URLSearchParams(qs));
const BANDS = AGE_BANDS.filter((b) => b !== "unknown");

function strata(drugClass: DrugClass, years: number[], py: { male: number; female: number }, source = "S"): TExposureStratum[] {
  return years.flatMap((year) =>
    (["male", "female"] as const).flatMap((sex) =>
      BANDS.map((ageBand) => ({ drugClass, year, sex, ageBand, country: "", source, personYears: py[sex] })),
    ),
  );
}
// first_generation 2019–2020: 10 per male band, 20 per female band → 120 person-years a year.
const FG = strata("first_generation", [2019, 2020], { male: 10, female: 20 });

function personYears(qs: string, cell: TCellKeys, rows: TExposureStratum[] = FG) {
  const plan = planIncidence(query(qs), rows);
  return "note" in plan ? plan : plan.personYears(cell);
}

describe("yearFraction", () => {
  it("counts inclusive days over the days of the year (leap years too)", () => {
    expect(yearFraction(2020, "2020-01-01", "2020-12-31")).toBe(1);
    expect(yearFraction(2020, "2020-01-01", "2020-01-01")).toBe(1 / 366);
    expect(yearFraction(2021, "2020-07-01", "2021-03-31")).toBe(90 / 365);
    expect(yearFraction(2022, "2020-01-01", "2021-12-31")).toBe(0);
  });
});

describe("planIncidence", () => {
  it("defaults the period to the years the denominators span", () => {
    const plan = planIncidence(query("by=drugClass"), FG);
    expect("period" in plan && plan.period).toEqual({ start: "2019-01-01", end: "2020-12-31" });
    expect(personYears("by=drugClass", { drugClass: "first_generation" })).toEqual({ personYears: 240, source: "S" });
  });

  it("restricts strata by sex and age band (from the cell or the filter) and prorates part years", () => {
    expect(personYears("by=sex&drugClass=first_generation", { sex: "female" })).toEqual({ personYears: 160, source: "S" });
    expect(personYears("by=drugClass&ageBand=0-17&sex=male", { drugClass: "first_generation" })).toEqual({ personYears: 20, source: "S" });
    expect(personYears("by=year&drugClass=first_generation", { year: "2020" })).toEqual({ personYears: 120, source: "S" });
    const half = personYears("by=drugClass&from=2020-01-01&to=2020-06-30", { drugClass: "first_generation" });
    expect(half).toEqual({ personYears: (120 * 182) / 366, source: "S" });
  });

  it.each([
    ["by=outcome&drugClass=first_generation", {}, /not broken down by outcome/],
    ["by=drugClass&country=FR", { drugClass: "first_generation" }, /No exposure for FR/],
    ["by=sex", { sex: "male" }, /needs one drug class/],
    ["by=sex&drugClass=first_generation&drugClass=antiemetic", { sex: "male" }, /needs one drug class/],
    ["by=drugClass&from=2030-01-01", { drugClass: "first_generation" }, /outside the exposure years/],
  ])("%s → null for the whole query with a note", (qs, cell, note) => {
    expect(personYears(qs, cell)).toEqual({ note: expect.stringMatching(note) as string });
  });

  it.each<[string, TCellKeys, RegExp]>([
    ["by=sex&drugClass=first_generation", { sex: "unknown" }, /unknown sex/],
    ["by=ageBand&drugClass=first_generation", { ageBand: "unknown" }, /unknown age/],
    ["by=drugClass&sex=unknown", { drugClass: "first_generation" }, /unknown sex/],
    ["by=year&drugClass=first_generation", { year: "unknown" }, /without an onset date/],
    ["by=year&drugClass=first_generation&from=2020-01-01", { year: "2019" }, /Period not covered: this year lies outside/],
    ["by=drugClass&to=2021-12-31", { drugClass: "first_generation" }, /does not cover 2021/],
    ["by=drugClass", { drugClass: "antiemetic" }, /No exposure: no exposure dataset covers antiemetic/],
    ["by=drugClass&drugClass=antiemetic", { drugClass: "first_generation" }, /drugClass filter/],
  ])("%s, cell %j → a note", (qs, cell, note) => {
    expect(personYears(qs, cell)).toEqual({ note: expect.stringMatching(note) as string });
  });

  it("never adds denominators from two sources; uses the one source that covers everything", () => {
    const two = [...FG, ...strata("first_generation", [2019, 2020], { male: 1, female: 1 }, "T")];
    expect(personYears("by=drugClass", { drugClass: "first_generation" }, two)).toEqual({
      note: expect.stringMatching(/several datasets \(S; T\)/) as string,
    });
    const partial = [...FG, ...strata("first_generation", [2020], { male: 1, female: 1 }, "T")];
    expect(personYears("by=drugClass", { drugClass: "first_generation" }, partial)).toEqual({ personYears: 240, source: "S" });
  });

  it("class-level strata (sex all, age all) serve an unrestricted cell; a sex or age breakdown of them does not", () => {
    const flat: TExposureStratum[] = [2019, 2020].map((year) => ({
      drugClass: "first_generation",
      year,
      sex: "all",
      ageBand: "all",
      country: "",
      source: "S",
      personYears: 500,
    }));
    expect(personYears("by=drugClass", { drugClass: "first_generation" }, flat)).toEqual({ personYears: 1000, source: "S" });
    expect(personYears("by=sex&drugClass=first_generation", { sex: "male" }, flat)).toEqual({
      note: expect.stringMatching(/does not cover 2019 by sex \(male\)/) as string,
    });
  });

  it("country-specific exposure divides only that country's cases: it needs the country filter", () => {
    const de = FG.map((s) => ({ ...s, country: "DE" }));
    expect(personYears("by=drugClass", { drugClass: "first_generation" }, de)).toEqual({
      note: expect.stringMatching(/covers only DE: filter country=DE/) as string,
    });
    expect(personYears("by=drugClass&country=DE", { drugClass: "first_generation" }, de)).toEqual({ personYears: 240, source: "S" });
  });

  it("withdrawal-class rates are never computed from on-drug person-years", () => {
    const rows = strata("dopaminergic_withdrawal", [2019], { male: 10, female: 10 });
    expect(personYears("by=drugClass", { drugClass: "dopaminergic_withdrawal" }, [...FG, ...rows])).toEqual({
      note: expect.stringMatching(/time at risk/) as string,
    });
    expect(personYears("by=sex&drugClass=dopaminergic_withdrawal", { sex: "male" }, rows)).toEqual({
      note: expect.stringMatching(/time at risk/) as string,
    });
  });

  it("no stored denominators → a note for the query", () => {
    expect(planIncidence(query("by=drugClass"), [])).toEqual({ note: expect.stringMatching(/No exposure/) as string });
  });
});
