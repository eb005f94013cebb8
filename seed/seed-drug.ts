// The seed's drug shapes, shared by the case factory (which draws suspects) and the clinical
// factory (which shapes the course from them) without either importing the other.
import type { DOSE_CHANGES } from "@/lib/domain/case-schema";
import type { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import type { DrugRole, Formulation } from "@/lib/domain/vocabulary";

export type TDoseChange = (typeof DOSE_CHANGES)[number];
export type TCatalogueDrug = (typeof DRUG_CATALOGUE)[number];
export type TSeedDrug = {
  name: string;
  role: DrugRole;
  formulation: Formulation;
  startDate: string;
  doseChange: TDoseChange | null;
  doseChangeDate: string | null;
};
export type TSuspect = { drug: TSeedDrug; entry: TCatalogueDrug; latencyDays: number };
