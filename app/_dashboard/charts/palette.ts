// Okabe–Ito colours (distinguishable with every common colour-vision deficiency), assigned once
// per meaning so a class, a sex or "fatal" has the same colour in every chart.
import type { DrugClass, Sex } from "@/lib/domain/vocabulary";
import type { TBarTone } from "@/lib/dashboard/bar-data";

export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Unknown is a neutral grey: it is a category, but not a finding. */
export const UNKNOWN_GREY = "#8C8C8C";

export const CLASS_COLOURS: Record<DrugClass, string> = {
  first_generation: OKABE_ITO.blue,
  second_generation: OKABE_ITO.orange,
  antiemetic: OKABE_ITO.bluishGreen,
  dopaminergic_withdrawal: OKABE_ITO.reddishPurple,
  other_antidopaminergic: OKABE_ITO.skyBlue,
};

export const SEX_COLOURS: Record<Sex, string> = { male: OKABE_ITO.blue, female: OKABE_ITO.orange, unknown: UNKNOWN_GREY };

export const TONE_COLOURS: Record<TBarTone, string> = {
  default: OKABE_ITO.blue,
  fatal: OKABE_ITO.vermillion,
  unknown: UNKNOWN_GREY,
  highlight: OKABE_ITO.bluishGreen,
};

/** Baseline bands and lines: tints that read as background, never as data. */
export const REFERENCE_FILLS = ["#56B4E9", "#CC79A7", "#E69F00"] as const;
export const REFERENCE_STROKE = "#4a4a4a";
export const INTERVAL_STROKE = "#1c2430";
export const GRID_STROKE = "#e3e7ec";
