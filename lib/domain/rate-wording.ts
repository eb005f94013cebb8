// The one sentence every surface (dashboard, exports, API docs) uses to say what a reporting rate
// is and why it is not an incidence (docs/epidemiology.md).

export const REPORTING_RATE_SENTENCE =
  "A reporting rate is reported cases per 100,000 person-years of exposure; it is not an incidence, because spontaneous reports capture an unknown and changing fraction of the cases that occur.";
