// Public surface of the disproportionality (signal-detection) statistics: 2×2 tables, PRR,
// ROR, IC, EBGM with its fitted prior, Mantel–Haenszel pooling, and the signal rules.
export {
  assertTwoByTwo,
  expectedCases,
  tableTotal,
  twoByTwoFromMargins,
  yatesChiSquare,
  type RatioEstimate,
  type RatioOptions,
  type TwoByTwo,
} from "./two-by-two";
export * from "./prr";
export * from "./ror";
export * from "./information-component";
export * from "./ebgm-prior";
export * from "./ebgm";
export * from "./drug-event-pairs";
export * from "./mantel-haenszel";
export * from "./thresholds";
export * from "./summary";
export { minimiseNelderMead, type NelderMeadOptions, type NelderMeadResult } from "./nelder-mead";
