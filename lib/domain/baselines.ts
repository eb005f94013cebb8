// Published reference values that aggregates and exports compare against, each with its primary
// source and what makes it comparable (measure, setting, drug class, period, design): docs/epidemiology.md.

import type { DrugClass } from "./vocabulary";

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
 * Where the figure was measured. `case_reports`: published or spontaneous case reports, whose
 * denominator is cases, not a population; `inpatient`: a hospital cohort (in-hospital outcome);
 * `population`: a register of everyone with a diagnosis or treatment; `mixed`: pooled studies.
 */
export const BASELINE_SETTINGS = ["inpatient", "outpatient", "population", "case_reports", "mixed"] as const;
export type BaselineSetting = (typeof BASELINE_SETTINGS)[number];

export const BASELINE_DESIGNS = ["cohort", "case_series", "systematic_review", "review", "surveillance", "spontaneous_reports"] as const;
export type BaselineDesign = (typeof BASELINE_DESIGNS)[number];

/**
 * How the source states the figure, which decides how it is tested (lib/queries/aggregates/comparisons.ts):
 * `point` and `about` are tested as an equivalence region around the value (±20% relative), `range`
 * as [low, high], `at_most`/`at_least` as the one-sided interval with the bound the source supports,
 * `qualitative` never.
 */
export const BASELINE_STATEMENTS = ["point", "about", "range", "at_most", "at_least", "qualitative"] as const;
export type BaselineStatement = (typeof BASELINE_STATEMENTS)[number];

/**
 * One published figure. Proportions are fractions (0.10, not 10). `low`/`high` are the range the
 * source states (or, for `point`/`about`, null: the equivalence region is computed). The period
 * is the calendar years the data were collected in (null end/start = open), for matching.
 */
export type TBaseline = {
  readonly key: string;
  readonly metric: BaselineMetric;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly unit: string;
  readonly population: string;
  /** The period in words, as the source gives it. */
  readonly period: string;
  /** The primary source: authors, title, journal, year, DOI and/or PMID. */
  readonly citation: string;
  /** The source's own words, so a reader can check the figure. */
  readonly quote: string | null;
  readonly setting: BaselineSetting;
  /** Class-specific figures name the class; null = all NMS-inducing drugs. */
  readonly drugClass: DrugClass | null;
  readonly periodStart: number | null;
  readonly periodEnd: number | null;
  readonly design: BaselineDesign;
  readonly statement: BaselineStatement;
  /** The secondary source the figure reached us through, when there is one. */
  readonly via: string | null;
  /** What the figure was checked against, and any correction made. */
  readonly checked: string;
};

/** How the NMS overview the first figures came from is cited (a literature summary, never a primary source). */
export const OVERVIEW = "English Wikipedia, “Neuroleptic malignant syndrome” (the literature overview the first baselines were taken from)";

const PROPORTION = "proportion";
/** male share = r / (1 + r) for a male:female ratio r. */
const maleShare = (ratio: number) => ratio / (1 + ratio);

const CASE_FATALITY: readonly TBaseline[] = [
  {
    key: "modi-2016-nis-in-hospital-case-fatality",
    metric: "case_fatality",
    value: 0.056,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "US inpatients with an NMS diagnosis, Nationwide Inpatient Sample (n = 1346); unadjusted in-hospital mortality",
    period: "2002–2011",
    citation:
      "Modi S, Dharaiya D, Schultz L, Varelas P. Neuroleptic malignant syndrome: complications, outcomes, and mortality. Neurocrit Care. 2016;24(1):97–103. doi:10.1007/s12028-015-0162-5. PMID 26223336.",
    quote: "Unadjusted mortality rate was 5.6%.",
    setting: "inpatient",
    drugClass: null,
    periodStart: 2002,
    periodEnd: 2011,
    design: "cohort",
    statement: "point",
    via: null,
    checked:
      "Abstract (PubMed 26223336; publisher page for the DOI): n = 1346 from the NIS 2002–2011, “Unadjusted mortality rate was 5.6%”.",
  },
  {
    key: "nakamura-2012-dpc-case-fatality-typical",
    metric: "case_fatality",
    value: 0.076,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "Japanese inpatients with NMS on typical antipsychotics, propensity-matched (n = 210); in-hospital mortality",
    period: "July–December of 2004–2008",
    citation:
      "Nakamura M, Yasunaga H, Miyata H, Shimada T, Horiguchi H, Matsuda S. Mortality of neuroleptic malignant syndrome induced by typical and atypical antipsychotic drugs: a propensity-matched analysis from the Japanese Diagnosis Procedure Combination database. J Clin Psychiatry. 2012;73(4).",
    quote:
      "In-hospital mortality was substantially lower in the atypical antipsychotic group compared with the typical antipsychotic group, but the difference was not significant (3.3% vs 7.6%; OR = 0.44; 95% CI, 0.17–1.11; P = .084).",
    setting: "inpatient",
    drugClass: "first_generation",
    periodStart: 2004,
    periodEnd: 2008,
    design: "cohort",
    statement: "point",
    via: null,
    checked:
      "Abstract on the journal's site (J Clin Psychiatry 2012, volume 73 issue 4, published online 1 November 2011): 7.6% typical vs 3.3% atypical. No DOI or PMID was confirmed, so none is given.",
  },
  {
    key: "nakamura-2012-dpc-case-fatality-atypical",
    metric: "case_fatality",
    value: 0.033,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "Japanese inpatients with NMS on atypical antipsychotics, propensity-matched (n = 210); in-hospital mortality",
    period: "July–December of 2004–2008",
    citation:
      "Nakamura M, Yasunaga H, Miyata H, Shimada T, Horiguchi H, Matsuda S. Mortality of neuroleptic malignant syndrome induced by typical and atypical antipsychotic drugs: a propensity-matched analysis from the Japanese Diagnosis Procedure Combination database. J Clin Psychiatry. 2012;73(4).",
    quote:
      "In-hospital mortality was substantially lower in the atypical antipsychotic group compared with the typical antipsychotic group, but the difference was not significant (3.3% vs 7.6%; OR = 0.44; 95% CI, 0.17–1.11; P = .084).",
    setting: "inpatient",
    drugClass: "second_generation",
    periodStart: 2004,
    periodEnd: 2008,
    design: "cohort",
    statement: "point",
    via: null,
    checked: "As the typical-antipsychotic figure (same abstract): 3.3% atypical. No DOI or PMID was confirmed, so none is given.",
  },
  {
    key: "shalev-1989-case-reports-before-1984",
    metric: "case_fatality",
    value: 0.25,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "Published NMS case reports (202 reports reviewed), cases before 1984",
    period: "before 1984",
    citation:
      "Shalev A, Hermesh H, Munitz H. Mortality from neuroleptic malignant syndrome. J Clin Psychiatry. 1989;50(1):18–25. PMID 2562951.",
    quote:
      "The results indicate a significant (p less than .05) decrease in mortality since 1984 (11.6% vs. 25% before 1984), which occurs independently of the therapeutic use of dopamine agonists and dantrolene.",
    setting: "case_reports",
    drugClass: null,
    periodStart: null,
    periodEnd: 1983,
    design: "case_series",
    statement: "point",
    via: OVERVIEW,
    checked:
      "Abstract (PubMed 2562951). Replaces the overview's “20%–38% in earlier studies”, for which no primary source was found: Shalev's 25% (before 1984) lies in it, and its 38.5% is the subgroup with organic brain syndrome, not all cases.",
  },
  {
    key: "shalev-1989-case-reports-1984-on",
    metric: "case_fatality",
    value: 0.116,
    low: null,
    high: null,
    unit: PROPORTION,
    population: "Published NMS case reports (202 reports reviewed), cases from 1984",
    period: "1984 to the review (published January 1989)",
    citation:
      "Shalev A, Hermesh H, Munitz H. Mortality from neuroleptic malignant syndrome. J Clin Psychiatry. 1989;50(1):18–25. PMID 2562951.",
    quote:
      "The results indicate a significant (p less than .05) decrease in mortality since 1984 (11.6% vs. 25% before 1984), which occurs independently of the therapeutic use of dopamine agonists and dantrolene.",
    setting: "case_reports",
    drugClass: null,
    periodStart: 1984,
    periodEnd: 1988,
    design: "case_series",
    statement: "point",
    via: null,
    checked: "Abstract (PubMed 2562951). The period's end (1988) is the last year a review published in January 1989 can include.",
  },
];

const INCIDENCE: readonly TBaseline[] = [
  {
    key: "berman-2011-pooled-incidence-0.02-3.23pct",
    metric: "incidence_proportion",
    value: null,
    low: 0.0002,
    high: 0.0323,
    unit: "proportion of patients treated with antipsychotics",
    population: "patients treated with antipsychotics (pooled studies)",
    period: "studies published up to 2010",
    citation:
      "Berman BD. Neuroleptic malignant syndrome: a review for neurohospitalists. Neurohospitalist. 2011;1(1):41–47. doi:10.1177/1941875210386491. PMID 23983836.",
    quote: null,
    setting: "mixed",
    drugClass: null,
    periodStart: null,
    periodEnd: 2010,
    design: "review",
    statement: "range",
    via: OVERVIEW,
    checked:
      "Corrected from the overview's “0.2%–3.23%” to 0.02%–3.23%: the review's epidemiology paragraph (“Pooled data from …”) is the sentence the overview paraphrases, and the 0.02% lower bound agrees with BMJ Best Practice's “0.02% to 3%”. The stored full text was read only to that sentence's start, so the quote is left empty.",
  },
  {
    key: "pope-1986-mclean-inpatients-1.4pct",
    metric: "incidence_proportion",
    value: 0.014,
    low: null,
    high: null,
    unit: "proportion of neuroleptic-treated admissions",
    population: "neuroleptic-treated admissions to one large US psychiatric hospital (nearly 500, one year); definite or probable NMS",
    period: "one year before publication (1986)",
    citation:
      "Pope HG Jr, Keck PE Jr, McElroy SL. Frequency and presentation of neuroleptic malignant syndrome in a large psychiatric hospital. Am J Psychiatry. 1986;143(10):1227–1233. doi:10.1176/ajp.143.10.1227.",
    quote:
      "Using these criteria to survey nearly 500 neuroleptic-treated patients admitted during a 1-year period, they found that seven (1.4%) had experienced definite or probable neuroleptic malignant syndrome.",
    setting: "inpatient",
    drugClass: null,
    periodStart: null,
    periodEnd: 1986,
    design: "cohort",
    statement: "point",
    via: null,
    checked:
      "Abstract (journal record for the DOI): 7 of nearly 500, 1.4%. One of the second-half-of-the-20th-century inpatient figures the overview's “about 2%” summarises; that sentence had no primary source and was dropped.",
  },
  {
    key: "naganuma-1994-oita-inpatients-1.8pct",
    metric: "incidence_proportion",
    value: 10 / 564,
    low: null,
    high: null,
    unit: "proportion of antipsychotic-treated admissions",
    population: "psychiatric admissions treated with antipsychotics, Oita Medical University Hospital, Japan (n = 564)",
    period: "October 1981 – September 1989",
    citation:
      "Naganuma H, Fujii I. Incidence and risk factors in neuroleptic malignant syndrome. Acta Psychiatr Scand. 1994;90(6):424–426. doi:10.1111/j.1600-0447.1994.tb01618.x. PMID 7892774.",
    quote:
      "Ten (1.8%) of these patients developed neuroleptic malignant syndrome. This incidence is significantly greater than that reported in a group of other studies (27/17,811, 0.2%).",
    setting: "inpatient",
    drugClass: null,
    periodStart: 1981,
    periodEnd: 1989,
    design: "cohort",
    statement: "point",
    via: null,
    checked: "Abstract (PubMed 7892774): 10 of 564 (stored as 10/564). Authors as listed in the PubMed record.",
  },
  {
    key: "schneider-amsp-1993-2015-0.16-per-1000",
    metric: "incidence_proportion",
    value: 0.16 / 1000,
    low: null,
    high: null,
    unit: "proportion of monitored psychiatric inpatients",
    population: "psychiatric inpatients monitored by the AMSP drug-safety programme (German-speaking hospitals)",
    period: "1993–2015",
    citation:
      "Schneider M, et al. Neuroleptic malignant syndrome: evaluation of drug safety data from the AMSP program during 1993–2015. Eur Arch Psychiatry Clin Neurosci (published online 2018). doi:10.1007/s00406-018-0959-2.",
    quote:
      "A total of 52 NMS cases have been documented in the drug safety program ‘Arzneimittelsicherheit in der Psychiatrie’ from 1993 to 2015. … The overall incidence was 0.16‰.",
    setting: "inpatient",
    drugClass: null,
    periodStart: 1993,
    periodEnd: 2015,
    design: "surveillance",
    statement: "point",
    via: null,
    checked:
      "Abstract (publisher page for the DOI): 0.16‰ overall. Stands in for the overview's “about 15 per 100,000 per year among psychiatric inpatients (as of 2011)”, which had no primary source: that figure is a proportion of inpatients, not a rate per person-year, and was dropped.",
  },
  {
    key: "nielsen-2012-denmark-0.04pct",
    metric: "incidence_proportion",
    value: 83 / 224_372,
    low: null,
    high: null,
    unit: "proportion of patients with an organic, psychotic, affective or neurotic diagnosis",
    population: "Danish register patients with an organic, psychotic, affective or neurotic diagnosis (n = 224,372), exposed or not",
    period: "1996–2007",
    citation:
      "Nielsen RE, Wallenstein Jensen SO, et al. Neuroleptic malignant syndrome—an 11-year longitudinal case-control study. Can J Psychiatry. 2012;57(8):512–518. PMID 22854034.",
    quote:
      "In health care registers covering the period from 1996 to 2007, we identified, among 224 372 patients with organic, psychotic, affective, or neurotic diagnosis, 83 patients with NMS, equivalent to an occurrence of 0.04%.",
    setting: "population",
    drugClass: null,
    periodStart: 1996,
    periodEnd: 2007,
    design: "cohort",
    statement: "point",
    via: null,
    checked: "Abstract (PubMed 22854034): 83 of 224,372 (stored as that fraction).",
  },
];

const SEX: readonly TBaseline[] = [
  {
    key: "gurrera-2017-male-share",
    metric: "male_share",
    value: maleShare(1.47),
    low: maleShare(1.2),
    high: maleShare(1.8),
    unit: "proportion of cases that are male",
    population: "published NMS observations with the patient's sex (28 independent sex-ratio estimates)",
    period: "reports published 1998 – November 2014",
    citation:
      "Gurrera RJ. A systematic review of sex and age factors in neuroleptic malignant syndrome diagnosis frequency. Acta Psychiatr Scand. 2017;135:398–408. doi:10.1111/acps.12694. PMID 28144982.",
    quote: "Males predominated in most (75%) estimates with an overall median sex ratio of 1.47 (95% CI, 1.20-1.80).",
    setting: "case_reports",
    drugClass: null,
    periodStart: 1998,
    periodEnd: 2014,
    design: "systematic_review",
    statement: "range",
    via: OVERVIEW,
    checked:
      "Abstract (PubMed 28144982). The ratio's 95% CI 1.20–1.80 is stored as male share 1.2/2.2–1.8/2.8 and tested as that range. Replaces the overview's “male:female … as high as 2:1”, for which no primary source was found (it would be tested as a male share in [50%, 2/3]).",
  },
];

export const BASELINES: readonly TBaseline[] = [...CASE_FATALITY, ...INCIDENCE, ...SEX];

/**
 * Keys of figures earlier releases shipped from the literature overview without a verifiable primary
 * source (docs/epidemiology.md): the reference-data writer removes them from every database, audited.
 * Baselines an administrator added are never in this list, so they stay.
 */
export const WITHDRAWN_BASELINE_KEYS: readonly string[] = [
  "overview-case-fatality-about-10pct",
  "overview-case-fatality-up-to-10pct-early-recognition",
  "overview-case-fatality-10-20pct",
  "overview-case-fatality-20-38pct-earlier-studies",
  "overview-case-fatality-below-10pct-by-2009",
  "overview-incidence-15-per-100k-2011",
  "overview-incidence-2pct-late-20th-century",
  "overview-incidence-pooled-0.2-3.23pct",
  "overview-male-female-up-to-2-to-1",
  "overview-males-under-40-greatest-risk",
  "overview-onset-within-few-weeks",
  "overview-peak-about-3-days",
  "overview-duration-8h-to-40-days",
  "overview-eeg-slowing-about-50pct",
];

const BY_METRIC = new Map<BaselineMetric, readonly TBaseline[]>(
  BASELINE_METRICS.map((metric) => [metric, BASELINES.filter((baseline) => baseline.metric === metric)]),
);

/** Every baseline of a metric, in declaration order. */
export function baselinesForMetric(metric: BaselineMetric): readonly TBaseline[] {
  return BY_METRIC.get(metric) ?? [];
}

export function baselineByKey(key: string): TBaseline | undefined {
  return BASELINES.find((baseline) => baseline.key === key);
}
