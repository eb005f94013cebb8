// The version of the reference data this build ships: a hash of the drug catalogue, the
// baselines and the derivation rules. A database stamped with another version gets the
// catalogue written and every stored case re-derived when a process opens it.
import { createHash } from "node:crypto";
import { BASELINES } from "@/lib/domain/baselines";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";

/**
 * Bump when the way a case's derived facts follow from its fields changes (lib/cases/to-case-rows.ts,
 * lib/cases/drug-attribution.ts, lib/domain/case-scores.ts, the name normaliser): stored cases are
 * then re-derived on the next open, like after a catalogue change.
 */
export const DERIVATION_RULES_VERSION = "2026-12-06.treatment-agents";

export const REFERENCE_VERSION = createHash("sha256")
  .update(JSON.stringify({ catalogue: DRUG_CATALOGUE, baselines: BASELINES, rules: DERIVATION_RULES_VERSION }))
  .digest("hex")
  .slice(0, 16);
