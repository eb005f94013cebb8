// The reference data writer moved to lib/reference (every process ensures it on open: see
// lib/reference/ensure-reference-data.ts); kept here for the seed scripts and tests that import it.
export { writeReferenceData } from "@/lib/reference/write-reference-data";
