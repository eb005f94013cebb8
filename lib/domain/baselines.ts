// Published reference values (SPEC §2 "Baselines") that aggregates and exports compare against:
// every figure SPEC §2 takes from the NMS overview, quoted verbatim, plus literature values with a real citation.

export const BASELINE_METRICS = [
  "case_fatality",
  "incidence_per_100k_py",
  "incidence_proportion",
  "male_share",
  "onset_days",
  "peak_days",
  "duration_days",
  "eeg_slowing_share",
] as const;
export type BaselineMetric = (typeof BASELINE_METRICS)[number];

/**
 * One published figure. `value` is the point the source gives; a source that gives only a range
 * or a bound ("up to", "below") leaves it null and fills `low`/`high`. Proportions are fractions
 * (0.10, not 10). A qualitative statement keeps all three null and is recorded for its quote.
 */
export type TBaseline = {
  readonly key: string;
  readonly metric: BaselineMetric;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly unit: string;
  readonly population: string;
  readonly period: string;
  readonly citation: string;
  /** The source's own words, verbatim (including its spacing), so a reader can check the figure. */
  readonly quote: string | null;
};

export const OVERVIEW_CITATION = "NMS overview (seeds/000_3fe151248e624ce0.txt)";

const PROPORTION = "proportion";
const AFFECTED = "people with NMS";
const ON_NEUROLEPTICS = "psychiatric inpatients on neuroleptics";
const UNDATED = "not stated";

type TFigure = Omit<TBaseline, "citation" | "value" | "low" | "high"> & Partial<Pick<TBaseline, "value" | "low" | "high">>;
const fromOverview = (figure: TFigure): TBaseline => ({
  value: null,
  low: null,
  high: null,
  ...figure,
  citation: OVERVIEW_CITATION,
});

const OVERVIEW: readonly TBaseline[] = [
  fromOverview({
    key: "overview-case-fatality-about-10pct",
    metric: "case_fatality",
    value: 0.1,
    unit: PROPORTION,
    population: AFFECTED,
    period: UNDATED,
    quote: "The risk of death among those affected is about 10%.",
  }),
  fromOverview({
    key: "overview-case-fatality-up-to-10pct-early-recognition",
    metric: "case_fatality",
    high: 0.1,
    unit: PROPORTION,
    population: `${AFFECTED}, recognised early`,
    period: UNDATED,
    quote: "When recognized early NMS can be successfully managed; however, up to 10% of cases can be fatal.",
  }),
  fromOverview({
    key: "overview-case-fatality-10-20pct",
    metric: "case_fatality",
    low: 0.1,
    high: 0.2,
    unit: PROPORTION,
    population: AFFECTED,
    period: UNDATED,
    quote: "Immediate treatment for the syndrome should not be delayed as it has a high mortality of between 10-20%.",
  }),
  fromOverview({
    key: "overview-case-fatality-20-38pct-earlier-studies",
    metric: "case_fatality",
    low: 0.2,
    high: 0.38,
    unit: PROPORTION,
    population: AFFECTED,
    period: "earlier studies (before the two decades up to 2009)",
    quote:
      "In earlier studies the mortality rates from NMS ranged from 20%–38%, but by 2009 mortality rates were reported to have fallen below 10% over the previous two decades due to early recognition and improved management.",
  }),
  fromOverview({
    key: "overview-case-fatality-below-10pct-by-2009",
    metric: "case_fatality",
    high: 0.1,
    unit: PROPORTION,
    population: AFFECTED,
    period: "the two decades up to 2009",
    quote:
      "In earlier studies the mortality rates from NMS ranged from 20%–38%, but by 2009 mortality rates were reported to have fallen below 10% over the previous two decades due to early recognition and improved management.",
  }),
  fromOverview({
    key: "overview-incidence-15-per-100k-2011",
    metric: "incidence_per_100k_py",
    value: 15,
    unit: "cases per 100,000 person-years",
    population: ON_NEUROLEPTICS,
    period: "2011",
    quote: "As of 2011, among those in psychiatric hospitals on neuroleptics about 15 per 100,000 are affected per year .",
  }),
  fromOverview({
    key: "overview-incidence-2pct-late-20th-century",
    metric: "incidence_proportion",
    value: 0.02,
    unit: "proportion of patients on neuroleptics",
    population: ON_NEUROLEPTICS,
    period: "second half of the 20th century",
    quote: "In the second half of the 20th century rates were over 100 times higher at about 2% .",
  }),
  fromOverview({
    key: "overview-incidence-pooled-0.2-3.23pct",
    metric: "incidence_proportion",
    low: 0.002,
    high: 0.0323,
    unit: "proportion of patients on neuroleptics",
    population: "patients on neuroleptics (pooled studies)",
    period: UNDATED,
    quote: "Pooled data suggest the incidence of NMS is between 0.2%–3.23%.",
  }),
  fromOverview({
    key: "overview-male-female-up-to-2-to-1",
    metric: "male_share",
    // male:female as high as 2:1 → at most 2 of every 3 cases male.
    high: 2 / (2 + 1),
    unit: "proportion of cases that are male",
    population: AFFECTED,
    period: UNDATED,
    quote: "Additionally, young males are particularly susceptible and the male:female ratio has been reported to be as high as 2:1.",
  }),
  fromOverview({
    // Qualitative: no figure to test against, kept so the dashboard can cite it beside the age × sex view.
    key: "overview-males-under-40-greatest-risk",
    metric: "male_share",
    unit: "qualitative",
    population: "males under 40",
    period: UNDATED,
    quote:
      "Demographically, it appears that males, especially those under forty, are at greatest risk for developing NMS, although it is unclear if the increased incidence is a result of greater neuroleptic use in men under forty.",
  }),
  fromOverview({
    // "A few weeks" is not a number; recorded without one rather than with an invented bound.
    key: "overview-onset-within-few-weeks",
    metric: "onset_days",
    unit: "days from starting the drug to onset",
    population: AFFECTED,
    period: UNDATED,
    quote: "Onset is often within a few weeks of starting the medication but can occur at any time.",
  }),
  fromOverview({
    // SPEC §2 reads this as "peak within about 3 days"; the overview's words are "as little as".
    key: "overview-peak-about-3-days",
    metric: "peak_days",
    value: 3,
    unit: "days from first symptoms to peak intensity",
    population: AFFECTED,
    period: UNDATED,
    quote: "Once symptoms appear, they may progress rapidly and reach peak intensity in as little as three days.",
  }),
  fromOverview({
    key: "overview-duration-8h-to-40-days",
    metric: "duration_days",
    low: 8 / 24,
    high: 40,
    unit: "days",
    population: AFFECTED,
    period: UNDATED,
    quote: "These symptoms can last anywhere from eight hours to forty days.",
  }),
  fromOverview({
    key: "overview-eeg-slowing-about-50pct",
    metric: "eeg_slowing_share",
    value: 0.5,
    unit: PROPORTION,
    population: AFFECTED,
    period: UNDATED,
    quote: "A non-generalized slowing on an EEG is reported in around 50% of cases.",
  }),
];

// Literature: only figures checked against the published abstract.
const LITERATURE: readonly TBaseline[] = [
  {
    key: "modi-2016-nis-in-hospital-case-fatality",
    metric: "case_fatality",
    value: 0.056,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "US inpatients with NMS, Nationwide Inpatient Sample (n = 1346), unadjusted in-hospital mortality",
    period: "2002–2011",
    citation:
      "Modi S, Dharaiya D, Schultz L, Varelas P. Neuroleptic Malignant Syndrome: Complications, Outcomes, and Mortality. Neurocrit Care. 2016;24(1):97–103. doi:10.1007/s12028-015-0162-5",
    quote: "Unadjusted mortality rate was 5.6%.",
  },
  {
    key: "nakamura-2012-dpc-case-fatality-typical",
    metric: "case_fatality",
    value: 0.076,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "Japanese inpatients with NMS on typical antipsychotics, propensity-matched (n = 210), in-hospital mortality",
    period: "2004–2008 (July–December of each year)",
    citation:
      "Nakamura M, Yasunaga H, Miyata H, Shimada T, Horiguchi H, Matsuda S. Mortality of neuroleptic malignant syndrome induced by typical and atypical antipsychotic drugs: a propensity-matched analysis from the Japanese Diagnosis Procedure Combination database. J Clin Psychiatry. 2012;73(4).",
    quote:
      "In-hospital mortality was substantially lower in the atypical antipsychotic group compared with the typical antipsychotic group, but the difference was not significant (3.3% vs 7.6%; OR = 0.44; 95% CI, 0.17–1.11; P = .084).",
  },
  {
    key: "nakamura-2012-dpc-case-fatality-atypical",
    metric: "case_fatality",
    value: 0.033,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "Japanese inpatients with NMS on atypical antipsychotics, propensity-matched (n = 210), in-hospital mortality",
    period: "2004–2008 (July–December of each year)",
    citation:
      "Nakamura M, Yasunaga H, Miyata H, Shimada T, Horiguchi H, Matsuda S. Mortality of neuroleptic malignant syndrome induced by typical and atypical antipsychotic drugs: a propensity-matched analysis from the Japanese Diagnosis Procedure Combination database. J Clin Psychiatry. 2012;73(4).",
    quote:
      "In-hospital mortality was substantially lower in the atypical antipsychotic group compared with the typical antipsychotic group, but the difference was not significant (3.3% vs 7.6%; OR = 0.44; 95% CI, 0.17–1.11; P = .084).",
  },
];

export const BASELINES: readonly TBaseline[] = [...OVERVIEW, ...LITERATURE];

const BY_METRIC = new Map<BaselineMetric, readonly TBaseline[]>(
  BASELINE_METRICS.map((metric) => [metric, BASELINES.filter((baseline) => baseline.metric === metric)]),
);

/** Every baseline of a metric, overview figures first, in declaration order. */
export function baselinesForMetric(metric: BaselineMetric): readonly TBaseline[] {
  return BY_METRIC.get(metric) ?? [];
}

export function baselineByKey(key: string): TBaseline | undefined {
  return BASELINES.find((baseline) => baseline.key === key);
}
