// The seed's public face: deterministic, database-free generators of demo cases and exposure
// denominators, shared by the seeding commands and the tests.
export { DEFAULT_SEED, buildCase, demoSourceId, generateCases } from "./case-factory";
export type { TGenerateCasesOptions, TSeedCase } from "./case-factory";
export type { TSeedDrug } from "./seed-drug";
export { DEFAULT_EXPOSURE_CASE_COUNT, EXPOSURE_SOURCE, attributedClassShare, generateExposure } from "./exposure-factory";
export type { TGenerateExposureOptions, TSeedExposure } from "./exposure-factory";
export { Prng, weighted } from "./prng";
export type { TWeighted } from "./prng";
