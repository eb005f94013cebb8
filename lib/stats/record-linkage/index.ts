// Probabilistic record linkage of case reports (Fellegi–Sunter, frequency-adjusted): pure, no I/O.
export * from "./match-record";
export * from "./match-config";
export * from "./frequencies";
export * from "./score-pair";
export * from "./blocking";
export * from "./find-candidate-pairs";
