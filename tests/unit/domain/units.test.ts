// The case form's unit conversions, against hand-computed values.
import { describe, expect, it } from "vitest";
import { looksLikeFahrenheit, toCelsius, toKilograms, toYears } from "@/lib/domain/units";

describe("unit conversions", () => {
  it.each([
    [104, "F", 40],
    [98.6, "F", 37],
    [101.3, "F", 38.5],
    [32, "F", 0],
    [39.4, "C", 39.4],
  ] as const)("%s %s is %s °C", (value, unit, celsius) => expect(toCelsius(value, unit)).toBe(celsius));

  it.each([
    [34, "years", 34],
    [6, "months", 0.5],
    [18, "months", 1.5],
    [26, "weeks", 0.498],
    [10, "days", 0.027],
    [365.25, "days", 1],
  ] as const)("%s %s is %s years", (value, unit, years) => expect(toYears(value, unit)).toBe(years));

  it.each([
    [70, "kg", 70],
    [154, "lb", 69.9],
    [220.5, "lb", 100],
  ] as const)("%s %s is %s kg", (value, unit, kg) => expect(toKilograms(value, unit)).toBe(kg));

  it("flags a Celsius entry that is a plausible Fahrenheit reading", () => {
    expect(looksLikeFahrenheit(104)).toBe(true);
    expect(looksLikeFahrenheit(40)).toBe(false);
    expect(looksLikeFahrenheit(200)).toBe(false);
  });
});
