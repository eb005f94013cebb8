// The fixed benchmark queries: every dimension, with and without filters, cross-tabs — what the
// dashboard asks (its panels, a filter bar with classes, sex, dates and the consensus flag).
export const BENCH_QUERIES: readonly string[] = [
  "by=drugClass",
  "by=drug",
  "by=sex",
  "by=ageBand",
  "by=outcome",
  "by=year",
  "by=country",
  "by=source",
  "by=drugClass&then=sex",
  "by=sex&then=outcome",
  "by=ageBand&then=outcome",
  "by=drugClass&sex=female",
  "by=outcome&drugClass=antiemetic",
  "by=year&meetsConsensus=true",
  "by=ageBand&from=2015-01-01&to=2020-12-31",
  "by=drugClass&from=2019-03-01&to=2019-08-31",
  "by=sex&drugClass=second_generation&from=2018-01-01&to=2022-12-31",
  "by=country&drugClass=first_generation",
  "by=drug&drugClass=first_generation",
  "by=outcome&ageBand=65%2B&sex=male",
];
