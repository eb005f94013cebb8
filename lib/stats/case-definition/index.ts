// NMS case definitions scored from a case's clinical findings: the 2011 international
// consensus priority points, Levenson (1985) and DSM-5 / DSM-IV-TR. One import path for callers.
export * from "./types";
export * from "./consensus-2011";
export * from "./levenson";
export * from "./dsm5";
