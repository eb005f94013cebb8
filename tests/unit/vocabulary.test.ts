import { describe, expect, it } from "vitest";
import { ageBandOf } from "@/lib/domain/vocabulary";

describe("ageBandOf", () => {
  it.each([
    [null, "unknown"],
    [undefined, "unknown"],
    [Number.NaN, "unknown"],
    [0, "0-17"],
    [17.99, "0-17"],
    [18, "18-39"],
    [39.5, "18-39"],
    [40, "40-64"],
    [64.9, "40-64"],
    [65, "65+"],
    [101, "65+"],
  ] as const)("%s → %s", (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });
});
