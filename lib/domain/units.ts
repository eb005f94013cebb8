// Unit conversions for the case form: people report temperature in °F, infants' ages in months,
// weeks or days, and weight in pounds; the case schema stores °C, years and kg. Pure, shared by
// the form and its tests; rounding keeps the stored value free of float noise (38.5, not 38.500000001).

export const TEMPERATURE_UNITS = ["C", "F"] as const;
export type TTemperatureUnit = (typeof TEMPERATURE_UNITS)[number];
export const AGE_UNITS = ["years", "months", "weeks", "days"] as const;
export type TAgeUnit = (typeof AGE_UNITS)[number];
export const WEIGHT_UNITS = ["kg", "lb"] as const;
export type TWeightUnit = (typeof WEIGHT_UNITS)[number];

export const UNIT_LABELS: Record<TTemperatureUnit | TAgeUnit | TWeightUnit, string> = {
  C: "°C",
  F: "°F",
  years: "years",
  months: "months",
  weeks: "weeks",
  days: "days",
  kg: "kg",
  lb: "lb",
};

const DAYS_PER_YEAR = 365.25;
const POUND_KG = 0.45359237;

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** °C to 2 decimals: 104 °F → 40, 101.3 °F → 38.5. */
export function toCelsius(value: number, unit: TTemperatureUnit): number {
  return unit === "C" ? value : round(((value - 32) * 5) / 9, 2);
}

/** Years to 3 decimals, so a 10-day-old neonate is 0.027, not 0. */
export function toYears(value: number, unit: TAgeUnit): number {
  const days = { years: null, months: DAYS_PER_YEAR / 12, weeks: 7, days: 1 }[unit];
  return days === null ? value : round((value * days) / DAYS_PER_YEAR, 3);
}

/** kg to 1 decimal (a scale's precision). */
export function toKilograms(value: number, unit: TWeightUnit): number {
  return unit === "kg" ? value : round(value * POUND_KG, 1);
}

/** A plausible °F reading typed with °C selected (86–115 °F is 30–46 °C, the schema's range). */
export function looksLikeFahrenheit(celsius: number): boolean {
  return celsius >= 86 && celsius <= 115;
}
