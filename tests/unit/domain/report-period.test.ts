// The reporting period read from a file's name (lib/domain/report-period.ts): the import stores
// background counts under it and the signals' duplicate subtraction reads it back the same way.
import { describe, expect, it } from "vitest";
import { periodOf } from "@/lib/domain/report-period";

describe("periodOf", () => {
  it.each([
    ["faers_ascii_2017q2.zip", "2017Q2"],
    ["DEMO17Q2.txt", "2017Q2"],
    ["17q4", "2017Q4"],
    ["AERS_ASCII_2009Q1", "2009Q1"],
  ])("%s → %s", (name, period) => expect(periodOf(name)).toBe(period));

  it("answers 'all' for a name without a quarter (a CSV, or a quarter number out of range)", () => {
    expect(periodOf("cases.csv")).toBe("all");
    expect(periodOf("2017q5.zip")).toBe("all");
    expect(periodOf("")).toBe("all");
  });
});
