// One ICH E2B(R2)-shaped safety report → a case input. openFDA's drug-event JSON is E2B(R2)
// with FDA annotations, and FAERS' public XML is E2B(R2) itself, so both share this mapper
// (and its zod schema: values may arrive as strings or numbers, one item or a list).
import { z } from "zod";
import type { TCaseDrugInput, TCaseInputRaw } from "@/lib/domain/case-schema";
import type { CaseSource } from "@/lib/domain/vocabulary";
import { dottedPath, recordError } from "../errors";
import { fieldsFromReactions, reactionsNarrative } from "./nms-term";
import { roleFromAction } from "./withdrawal-role";
import type { TNormalise, TRecordRef } from "../types";
import type { TReadReport } from "./report-pipeline";
import { formulationOf, lookup, scaled } from "./code-lookup";
import { compactDate } from "./compact-date";
import { stratumOfCodes } from "./background-stratum";
import { seriousnessFromE2bR2 } from "./seriousness";
import { ACTIONS, AGE_UNITS, OUTCOMES, QUALIFICATIONS, RECURRENCE, ROLES, SEXES, routeLabel } from "./e2b-r2-codes";

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? "" : String(v).trim()));
const obj = <S extends z.ZodRawShape>(shape: S) => z.preprocess((v) => (v === "" || v == null ? {} : v), z.looseObject(shape));
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v: unknown): unknown[] => (v === "" || v == null ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(item));

const ZDrug = z.looseObject({
  medicinalproduct: text,
  drugcharacterization: text,
  drugstartdate: text,
  drugenddate: text,
  drugadministrationroute: text,
  drugdosagetext: text,
  drugdosageform: text,
  drugindication: text,
  actiondrug: text,
  drugrecurreadministration: text,
  activesubstance: many(obj({ activesubstancename: text })),
  openfda: obj({ generic_name: many(text) }),
});
const ZReaction = z.looseObject({ reactionmeddrapt: text, reactionoutcome: text, reactionstartdate: text });

export const ZE2bR2Report = z.looseObject({
  safetyreportid: text.refine((v) => v !== "", "is required"),
  safetyreportversion: text,
  receivedate: text,
  occurcountry: text,
  primarysourcecountry: text,
  seriousnessdeath: text,
  serious: text,
  seriousnesslifethreatening: text,
  seriousnesshospitalization: text,
  seriousnessdisabling: text,
  seriousnesscongenitalanomali: text,
  seriousnessother: text,
  primarysource: many(obj({ qualification: text, reportercountry: text })),
  patient: obj({
    patientsex: text,
    patientonsetage: text,
    patientonsetageunit: text,
    patientweight: text,
    reaction: many(ZReaction),
    drug: many(ZDrug),
    summary: obj({ narrativeincludeclinical: text }),
  }),
});
export type TE2bR2Report = z.output<typeof ZE2bR2Report>;
type TDrug = TE2bR2Report["patient"]["drug"][number];

/** Names a report gives a drug, most specific first: product, openFDA generic, active substance. */
export function drugNames(drug: TDrug): string[] {
  return [drug.medicinalproduct, drug.openfda.generic_name[0] ?? "", drug.activesubstance[0]?.activesubstancename ?? ""];
}

type TAt = <T>(field: string, value: string, parse: (value: string) => T) => T;
const country = (code: string) => (/^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : null);

function mapDrug(drug: TDrug, i: number, at: TAt, normalise: TNormalise): TCaseDrugInput & { recurred: boolean | null } {
  const path = `patient.drug[${i}]`;
  const names = drugNames(drug).filter(Boolean);
  at(`${path}.medicinalproduct`, names[0] ?? "", (v) => {
    if (!v) throw new Error("is empty");
  });
  const route = routeLabel(drug.drugadministrationroute);
  const name = (names.find((n) => normalise(n)) ?? names[0] ?? "").slice(0, 200);
  const doseChange = at(`${path}.actiondrug`, drug.actiondrug, (v) => lookup(ACTIONS, v, "action taken"));
  const role = at(`${path}.drugcharacterization`, drug.drugcharacterization, (v) => lookup(ROLES, v, "drug characterisation"));
  return {
    // Verbatim product name, unless only the generic / active substance is in the catalogue.
    name,
    // Withdrawn or reduced dopaminergic agents take role "withdrawn" (lib/imports/shared/withdrawal-role.ts).
    role: roleFromAction(role, normalise(name), doseChange === "stopped" || doseChange === "decreased"),
    dose: drug.drugdosagetext ? drug.drugdosagetext.slice(0, 100) : null,
    route,
    formulation: formulationOf(drug.drugdosageform, route ?? ""),
    startDate: at(`${path}.drugstartdate`, drug.drugstartdate, (v) => compactDate(v, "start")),
    stopDate: at(`${path}.drugenddate`, drug.drugenddate, (v) => compactDate(v, "end")),
    doseChange,
    recurred: at(`${path}.drugrecurreadministration`, drug.drugrecurreadministration, (v) => lookup(RECURRENCE, v, "recurrence code")),
  };
}

/**
 * The case for an NMS report. Outcome: the NMS reaction's own outcome; when that is unknown,
 * a report flagged "results in death" is fatal (as FAERS' DE is, whichever reaction killed).
 */
export function mapE2bR2Report(
  report: TE2bR2Report,
  ref: TRecordRef,
  source: Extract<CaseSource, "openfda" | "e2b">,
  normalise: TNormalise,
  isCase: (pt: string) => boolean,
): TCaseInputRaw {
  const at: TAt = (field, value, parse) => {
    try {
      return parse(value);
    } catch (error) {
      throw recordError(ref, field, (error as Error).message);
    }
  };
  const { patient } = report;
  const nms = patient.reaction.filter((r) => isCase(r.reactionmeddrapt));
  const nmsOutcome = nms
    .map((r, i) => at(`patient.reaction[${i}].reactionoutcome`, r.reactionoutcome, (v) => lookup(OUTCOMES, v, "reaction outcome")))
    .find((o) => o !== "unknown");
  const ageFactor = patient.patientonsetageunit
    ? at("patient.patientonsetageunit", patient.patientonsetageunit, (v) => lookup(AGE_UNITS, v, "age unit"))
    : null;
  const drugs = patient.drug.map((d, i) => mapDrug(d, i, at, normalise));
  const attributing = drugs.filter((d) => d.role !== "concomitant");
  const recurred = attributing.map((d) => d.recurred).filter((r) => r !== null);
  const pts = patient.reaction.map((r) => r.reactionmeddrapt);
  const primary = report.primarysource[0];
  const version = report.safetyreportversion || "1";
  return {
    source,
    sourceId: report.safetyreportid,
    version: at("safetyreportversion", version, (v) => {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`"${v}" is not a version number`);
      return Number(v);
    }),
    receivedDate: at("receivedate", report.receivedate, compactDate),
    onsetDate: nms.map((r) => at("reactionstartdate", r.reactionstartdate, compactDate)).find(Boolean) ?? null,
    country: country(report.occurcountry) ?? country(primary?.reportercountry ?? "") ?? country(report.primarysourcecountry),
    reporterType: at("primarysource.qualification", primary?.qualification ?? "", (v) => lookup(QUALIFICATIONS, v, "qualification")),
    sex: at("patient.patientsex", patient.patientsex, (v) => lookup(SEXES, v, "sex code")),
    ageYears: ageFactor === null ? null : at("patient.patientonsetage", patient.patientonsetage, (v) => scaled(v, ageFactor)),
    weightKg: at("patient.patientweight", patient.patientweight, (v) => scaled(v, 1)),
    ...fieldsFromReactions(pts),
    outcome: nmsOutcome ?? (report.seriousnessdeath === "1" ? "fatal" : "unknown"),
    ...seriousnessFromE2bR2({
      serious: report.serious,
      death: report.seriousnessdeath,
      lifeThreatening: report.seriousnesslifethreatening,
      hospitalisation: report.seriousnesshospitalization,
      disabling: report.seriousnessdisabling,
      congenitalAnomaly: report.seriousnesscongenitalanomali,
      other: report.seriousnessother,
    }),
    drugStopped: attributing.some((d) => d.doseChange === "stopped") ? true : null,
    rechallenge: recurred.length ? true : null,
    rechallengeRecurred: recurred.length ? recurred.includes(true) : null,
    narrative:
      patient.summary.narrativeincludeclinical.slice(0, 20_000) ||
      reactionsNarrative(
        pts,
        patient.drug.map((d) => d.drugindication),
      ),
    // zod caps a case at 100 drugs: attributing drugs first, then concomitants.
    drugs: [...attributing, ...drugs.filter((d) => d.role === "concomitant")].slice(0, 100).map(({ recurred: _recurred, ...drug }) => drug),
  };
}

/** Validates one R2-shaped report (JSON object or parsed XML) and describes it for the pipeline. */
export function readE2bR2Report(
  value: unknown,
  ref: TRecordRef,
  source: Extract<CaseSource, "openfda" | "e2b">,
  normalise: TNormalise,
  isCase: (pt: string) => boolean,
): TReadReport {
  const parsed = ZE2bR2Report.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw recordError(ref, issue ? dottedPath(issue.path) : "report", issue?.message ?? "is not a safety report");
  }
  const report = parsed.data;
  const reactions = report.patient.reaction;
  return {
    id: report.safetyreportid,
    drugNames: report.patient.drug.map(drugNames),
    drugFacts: report.patient.drug.map((d) => ({
      role: ROLES[d.drugcharacterization] ?? null,
      withdrawnOrReduced: ACTIONS[d.actiondrug] === "stopped" || ACTIONS[d.actiondrug] === "decreased",
    })),
    stratum: stratumOfCodes(
      report.patient.patientsex,
      report.patient.patientonsetage,
      report.patient.patientonsetageunit,
      SEXES,
      AGE_UNITS,
    ),
    reactions: reactions.length,
    outcomes: reactions.filter((r) => r.reactionoutcome !== "").length,
    isCase: reactions.some((r) => isCase(r.reactionmeddrapt)),
    toCase: () => mapE2bR2Report(report, ref, source, normalise, isCase),
  };
}
