// Human labels for the case fields and their closed vocabularies, declared once for the case
// form and anything else that shows a case (the schema's keys stay the machine names).
import type { BooleanCaseField, DOSE_CHANGES } from "./case-schema";
import type { DrugRole, Formulation, ReporterType } from "./vocabulary";

export const BOOLEAN_FIELD_LABELS: Record<BooleanCaseField, string> = {
  seriousDeath: "Resulted in death",
  seriousLifeThreatening: "Life-threatening",
  seriousHospitalisation: "Hospitalisation (initial or prolonged)",
  seriousDisability: "Persistent or significant disability",
  seriousCongenitalAnomaly: "Congenital anomaly / birth defect",
  seriousOther: "Other medically important condition",
  dehydration: "Dehydration",
  agitation: "Agitation",
  catatonia: "Catatonia",
  lewyBodyDementia: "Lewy body dementia",
  postpartum: "Postpartum",
  lithiumCoMedication: "Lithium co-medication",
  depotFormulation: "Depot / long-acting form",
  rapidDoseEscalation: "Rapid dose escalation",
  highPotencyAgent: "High-potency agent",
  rigidity: "Rigidity",
  mentalStatusChange: "Mental status change",
  bpLability: "Blood-pressure lability",
  tachycardia: "Tachycardia",
  tachypnoea: "Tachypnoea",
  diaphoresis: "Diaphoresis",
  incontinence: "Incontinence",
  tremor: "Tremor",
  eegSlowing: "EEG slowing",
  negativeWorkup: "Negative work-up for other causes",
  rhabdomyolysis: "Rhabdomyolysis",
  hyperkalaemia: "Hyperkalaemia",
  acuteKidneyInjury: "Acute kidney injury",
  seizures: "Seizures",
  drugStopped: "Causative drug stopped",
  cooling: "Cooling",
  dantrolene: "Dantrolene",
  bromocriptine: "Bromocriptine",
  amantadine: "Amantadine",
  benzodiazepine: "Benzodiazepine",
  ect: "Electroconvulsive therapy",
  icu: "Intensive care",
  rechallenge: "Rechallenged",
  rechallengeRecurred: "NMS recurred on rechallenge",
};

export const REPORTER_TYPE_LABELS: Record<ReporterType, string> = {
  physician: "Physician",
  pharmacist: "Pharmacist",
  other_health_professional: "Other health professional",
  lawyer: "Lawyer",
  consumer: "Consumer",
  unknown: "Unknown",
};

export const DRUG_ROLE_LABELS: Record<DrugRole, string> = {
  suspect: "Suspect",
  concomitant: "Concomitant",
  interacting: "Interacting",
  withdrawn: "Withdrawn (dopaminergic stopped)",
};

export const FORMULATION_LABELS: Record<Formulation, string> = { oral: "Oral", depot: "Depot", parenteral: "Parenteral", other: "Other" };

export const DOSE_CHANGE_LABELS: Record<(typeof DOSE_CHANGES)[number], string> = {
  started: "Started",
  increased: "Increased",
  decreased: "Decreased",
  stopped: "Stopped",
  unchanged: "Unchanged",
};
