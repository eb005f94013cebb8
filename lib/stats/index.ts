// Public surface of the pure statistics core: one `export *` per module.
export * from "./proportion";
export * from "./proportion-difference";
export * from "./poisson";
export * from "./rate-ratio";
export * from "./baseline-test";
export * from "./standardisation";
