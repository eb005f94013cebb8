// The signals query: defaults, normalisation, thresholds, and a named 400 for every bad parameter.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { HTTP_STATUS } from "@/lib/api/errors";
import { parseSignalQuery } from "@/lib/queries/signals/signal-query";
import { DEFAULT_SIGNAL_THRESHOLDS } from "@/lib/stats/disproportionality";

const parse = (query: string) => parseSignalQuery(new URLSearchParams(query));
const issuesOf = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof AppError) return { status: HTTP_STATUS[error.code], paths: error.issues.map((i) => i.path) };
    throw error;
  }
  throw new Error(`"${query}" was accepted`);
};

describe("signals query", () => {
  it("defaults to FAERS, every period, no focus, the published thresholds and period strata", () => {
    expect(parse("")).toEqual({
      source: "faers",
      from: null,
      to: null,
      focus: null,
      thresholds: DEFAULT_SIGNAL_THRESHOLDS,
      strata: ["period"],
    });
  });

  it("strata: any of period, sex, ageBand, in that order, each once; anything else is named", () => {
    expect(parse("strata=sex").strata).toEqual(["sex"]);
    expect(parse("strata=ageBand,sex,sex").strata).toEqual(["sex", "ageBand"]);
    expect(parse("strata=period,sex,ageBand").strata).toEqual(["period", "sex", "ageBand"]);
    for (const bad of ["strata=", "strata=age", "strata=sex,country"]) {
      expect(issuesOf(bad)).toEqual({ status: 400, paths: ["strata"] });
    }
  });

  it("normalises quarters and drug names", () => {
    const q = parse("source=openfda&from=2017q1&to=2024Q4&drug=%20Haloperidol");
    expect(q).toMatchObject({ source: "openfda", from: "2017Q1", to: "2024Q4", focus: { kind: "drug", key: "haloperidol" } });
    expect(parse("drugClass=antiemetic").focus).toEqual({ kind: "class", key: "antiemetic" });
  });

  it("overrides thresholds one by one; minCases applies to every rule", () => {
    const t = parse("prr=3&chi2=6.5&ror=2&ic025=0.5&eb05=1.5&minCases=5").thresholds;
    expect(t).toEqual({
      prr: { estimateAtLeast: 3, chiSquareAtLeast: 6.5, casesAtLeast: 5 },
      ror: { lowerAbove: 2, casesAtLeast: 5 },
      ic: { lowerAbove: 0.5, casesAtLeast: 5 },
      ebgm: { eb05AtLeast: 1.5, casesAtLeast: 5 },
    });
    expect(parse("ic025=-0.25").thresholds.ic.lowerAbove).toBe(-0.25);
  });

  it.each([
    ["unknown=1", ["unknown"]],
    ["source=manual", ["source"]],
    ["from=2017-01", ["from"]],
    ["from=2018Q1&to=2017Q4", ["to"]],
    ["drug=aspirin", ["drug"]],
    ["drugClass=typical", ["drugClass"]],
    ["drug=haloperidol&drugClass=antiemetic", ["drugClass"]],
    ["prr=0", ["prr"]],
    ["chi2=abc", ["chi2"]],
    ["minCases=2.5", ["minCases"]],
    ["eb05=Infinity", ["eb05"]],
    ["source=faers&source=e2b", ["source"]],
  ])("rejects %s naming %j", (query, paths) => {
    expect(issuesOf(query)).toEqual({ status: 400, paths });
  });
});
