// Reading coded fields, for every format that has code lists (FAERS ASCII, E2B R2 as openFDA
// JSON or XML, E2B R3): a code looked up in its table (unknown → an error, never a guess), an
// amount scaled to the case unit, and a formulation from a dose form or route description.
import type { Formulation } from "@/lib/domain/vocabulary";

/**
 * Looks a code up in its table, as given or upper-cased (FAERS codes are upper case, UCUM units
 * are not); throws Error(reason) for a code the table does not hold.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, code: string, what: string): T {
  const key = [code.trim(), code.trim().toUpperCase()].find((k) => Object.hasOwn(table, k));
  if (key === undefined) throw new Error(`unknown ${what} "${code}"`);
  return table[key] as T;
}

/** An amount in some unit → the case unit (factor from a unit table), to 3 decimals; "" → null. */
export function scaled(amount: string, factor: number): number | null {
  const value = amount.trim();
  if (!value) return null;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`"${amount}" is not a number`);
  return Math.round(number * factor * 1000) / 1000;
}

const DEPOT =
  /depot|long[- ]acting|prolonged[- ]release (suspension|injection)|extended[- ]release (injectable|injection|suspension)|microspheres/i;
const ORAL = /oral|tablet|capsule|syrup|drops|lozenge|by mouth|sublingual|buccal/i;
const PARENTERAL = /intramuscular|intravenous|subcutaneous|injection|infusion|parenteral/i;

/**
 * Formulation from what the report says about the product's dose form and route; depot
 * evidence wins. Drug names (decanoate, palmitate…) are the normaliser's job, in finishCase.
 */
export function formulationOf(...descriptions: (string | undefined)[]): Formulation | null {
  const text = descriptions.filter(Boolean).join(" ");
  if (!text) return null;
  if (DEPOT.test(text)) return "depot";
  if (ORAL.test(text)) return "oral";
  if (PARENTERAL.test(text)) return "parenteral";
  return null;
}
