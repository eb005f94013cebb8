"use client";
// What every part of the case form shares: the state, setters that mark a field as touched
// (so its error shows as the user types), and each field's error and ARIA wiring.
import { createContext, useContext } from "react";
import type { BooleanCaseField } from "@/lib/domain/case-schema";
import type { TCaseFormState, TDrugRowState, TTriState } from "./case-form-state";

export type TCaseFormApi = {
  state: TCaseFormState;
  /** Sets one state key; `path` is the schema path it feeds (marked touched, server issue cleared). */
  set<K extends keyof TCaseFormState>(key: K, value: TCaseFormState[K], path: string): void;
  setFlag(field: BooleanCaseField, value: TTriState): void;
  setDrug(index: number, patch: Partial<TDrugRowState>, field: string): void;
  touch(path: string): void;
  /** The message to show for a path now, if any (after it was touched, or after a submit). */
  errorFor(path: string): string | undefined;
};

export const CaseFormContext = createContext<TCaseFormApi | null>(null);

export function useCaseForm(): TCaseFormApi {
  const api = useContext(CaseFormContext);
  if (!api) throw new Error("useCaseForm must be used inside the case form");
  return api;
}

export const fieldId = (path: string) => `case-${path.replace(/\./g, "-")}`;

/** id, aria-invalid and aria-describedby for the input of a path (its error and hint paragraphs). */
export function useFieldAria(path: string, hasHint = false) {
  const error = useCaseForm().errorFor(path);
  const id = fieldId(path);
  const describedBy = [error ? `${id}-error` : null, hasHint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined } as const;
}
