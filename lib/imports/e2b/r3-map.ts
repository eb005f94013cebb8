// One ICH E2B(R3) ICSR message (<PORR_IN049016UV>, HL7 v3) → a report for the pipeline.
// Element paths and codes follow FDA's E2B(R3) examples: reactions are observations coded 29
// with a MedDRA code, drugs sit in the "drugInformation" organizer (4), and each drug's
// characterisation is a causalityAssessment coded 20 that points at the drug by its id.
import type { TCaseDrugInput, TCaseInputRaw } from "@/lib/domain/case-schema";
import type { DrugRole, Outcome, ReporterType, Sex } from "@/lib/domain/vocabulary";
import { recordError } from "../errors";
import { fieldsFromReactions, reactionsNarrative } from "../shared/nms-term";
import { roleFromAction } from "../shared/withdrawal-role";
import type { TNormalise, TRecordRef } from "../types";
import { formulationOf, lookup, scaled } from "../shared/code-lookup";
import { compactDate, dayNumber } from "../shared/compact-date";
import { E2B_R3_SERIOUSNESS_CODES, seriousnessFromE2bR3 } from "../shared/seriousness";
import type { TReadReport } from "../shared/report-pipeline";
import { attr, codeOf, kids, path, textOf, type TXmlNode } from "./xml-node";

const SAFETY_REPORT_ID = "2.16.840.1.113883.3.989.2.1.3.1"; // C.1.1
const WORLDWIDE_CASE_ID = "2.16.840.1.113883.3.989.2.1.3.2"; // C.1.8.1: stable across senders and follow-ups
const SEXES: Readonly<Record<string, Sex>> = { "1": "male", "2": "female", "0": "unknown", "9": "unknown", "": "unknown" };
const AGE_UNITS: Readonly<Record<string, number>> = {
  "{decade}": 10,
  a: 1,
  mo: 1 / 12,
  wk: 7 / 365.25,
  d: 1 / 365.25,
  h: 1 / 8766,
  min: 1 / 525_960,
};
const WEIGHT_UNITS: Readonly<Record<string, number>> = { kg: 1, g: 0.001, "[lb_av]": 0.45359237 };
const OUTCOMES: Readonly<Record<string, Outcome>> = {
  "0": "unknown",
  "1": "recovered",
  "2": "recovering",
  "3": "not_recovered",
  "4": "recovered_with_sequelae",
  "5": "fatal",
  "": "unknown",
};
const ROLES: Readonly<Record<string, DrugRole | null>> = { "1": "suspect", "2": "concomitant", "3": "interacting", "4": null };
const QUALIFICATIONS: Readonly<Record<string, ReporterType>> = {
  "1": "physician",
  "2": "pharmacist",
  "3": "other_health_professional",
  "4": "lawyer",
  "5": "consumer",
  "": "unknown",
};
const ACTIONS = { "1": "stopped", "2": "decreased", "3": "increased", "4": "unchanged", "0": null, "9": null, "": null } as const;
/** G.k.9.i.4: 1 recurred, 2 did not recur, 3 rechallenged with unknown result, 4 not rechallenged. */
const RECURRENCE: Readonly<Record<string, [boolean | null, boolean | null]>> = {
  "1": [true, true],
  "2": [true, false],
  "3": [true, null],
  "4": [false, null],
  "": [null, null],
};

const outbound = (node: TXmlNode, code: string) => path([node], "outboundRelationship2", "observation").find((o) => codeOf(o) === code);

function readReaction(reaction: TXmlNode) {
  const value = kids(reaction, "value")[0];
  const texts = [textOf(kids(value, "originalText")[0]), textOf(kids(outbound(reaction, "30"), "value")[0]), attr(value, "displayName")];
  return {
    id: attr(kids(reaction, "id")[0], "root"),
    code: attr(value, "code"),
    texts: texts.filter(Boolean),
    onset: attr(path([reaction], "effectiveTime", "low")[0], "value"),
    outcome: attr(kids(outbound(reaction, "27"), "value")[0], "code"),
    death: attr(kids(outbound(reaction, "34"), "value")[0], "value") === "true",
    seriousness: Object.fromEntries(
      Object.entries(E2B_R3_SERIOUSNESS_CODES).map(([code, field]) => {
        const value = attr(kids(outbound(reaction, code), "value")[0], "value");
        return [field, value === "true" ? true : value === "false" ? false : null];
      }),
    ),
    country: attr(path([reaction], "location", "locatedEntity", "locatedPlace", "code")[0], "code"),
  };
}

/** G.k.2.2 product name, then G.k.2.3.r.1 substance names. */
function namesOf(sa: TXmlNode): string[] {
  const product = path([sa], "consumable", "instanceOfKind", "kindOfProduct")[0];
  return [textOf(kids(product, "name")[0]), ...path([product], "ingredient", "ingredientSubstance", "name").map(textOf)].filter(Boolean);
}

type TAt = <T>(field: string, value: string, parse: (v: string) => T) => T;

/**
 * One drug. `caseReactions` are the ids of the case's reactions: a recurrence statement
 * (G.k.9.i.4) about another reaction says nothing about NMS, so only theirs (or unlinked) count.
 */
function readDrug(sa: TXmlNode, roles: ReadonlyMap<string, string>, caseReactions: ReadonlySet<string>, at: TAt, normalise: TNormalise) {
  const names = namesOf(sa);
  const id = attr(kids(sa, "id")[0], "root");
  const dosage = path([sa], "outboundRelationship2", "substanceAdministration");
  const times = path(dosage, "effectiveTime");
  const firstValue = (nodes: TXmlNode[]) => nodes.map((n) => attr(n, "value")).find(Boolean) ?? "";
  const routeCode = path(dosage, "routeCode")[0];
  const route = attr(routeCode, "displayName") || textOf(kids(routeCode, "originalText")[0]);
  const form = path(dosage, "consumable", "instanceOfKind", "kindOfProduct", "formCode")[0];
  const action = path([sa], "inboundRelationship").filter((r) => attr(r, "typeCode") === "CAUS");
  const recurrence = path([sa], "outboundRelationship2", "observation").filter((o) => {
    const about = attr(path([o], "outboundRelationship1", "actReference", "id")[0], "root");
    return codeOf(o) === "31" && (!about || caseReactions.has(about));
  });
  if (!names.length) {
    at("G.k.2.2 medicinal product", "", () => {
      throw new Error("is empty");
    });
  }
  const reportedRole = at(`drug ${names[0] ?? id} characterisation (G.k.1)`, roles.get(id) ?? "", (v) =>
    lookup(ROLES, v, "drug characterisation"),
  );
  const name = (names.find((n) => normalise(n)) ?? names[0] ?? "").slice(0, 200);
  const doseChange = at("G.k.8 action taken", codeOf(path(action, "act")[0]), (v) => lookup(ACTIONS, v, "action taken"));
  // Withdrawn or reduced dopaminergic agents take role "withdrawn" (lib/imports/shared/withdrawal-role.ts).
  const role =
    reportedRole === null ? null : roleFromAction(reportedRole, normalise(name), doseChange === "stopped" || doseChange === "decreased");
  return {
    names,
    recurrence: recurrence.map((o) =>
      at("G.k.9.i.4 recurrence", attr(kids(o, "value")[0], "code"), (v) => lookup(RECURRENCE, v, "recurrence code")),
    ),
    drug:
      role === null
        ? null
        : ({
            // The product name as given, unless only a substance name is in the catalogue.
            name,
            role,
            dose: textOf(path(dosage, "text")[0]).slice(0, 100) || null,
            route: route.slice(0, 60) || null,
            formulation: formulationOf(attr(form, "displayName"), textOf(kids(form, "originalText")[0]), route),
            startDate: at("G.k.4.r.4 start date", firstValue([...path(times, "low"), ...path(times, "comp", "low")]), (v) =>
              compactDate(v, "start"),
            ),
            stopDate: at("G.k.4.r.5 end date", firstValue([...path(times, "high"), ...path(times, "comp", "high")]), (v) =>
              compactDate(v, "end"),
            ),
            doseChange,
          } satisfies TCaseDrugInput),
  };
}

/** Reads one parsed message; `isCase` gets each reaction's texts with its MedDRA code. */
export function readE2bR3Message(
  message: TXmlNode,
  ref: TRecordRef,
  isCase: (pt: string, meddraCode?: string) => boolean,
  normalise: TNormalise,
): TReadReport {
  const at: TAt = (field, value, parse) => {
    try {
      return parse(value);
    } catch (error) {
      throw recordError(ref, field, (error as Error).message);
    }
  };
  const event = path([message], "controlActProcess", "subject", "investigationEvent")[0];
  const ids = kids(event, "id");
  const id = attr(
    ids.find((i) => attr(i, "root") === WORLDWIDE_CASE_ID) ?? ids.find((i) => attr(i, "root") === SAFETY_REPORT_ID),
    "extension",
  );
  if (!event || !id) throw recordError(ref, "C.1.1", "the message has no investigationEvent with a safety report id");
  const assessment = path([event], "component", "adverseEventAssessment")[0];
  const patient = path([assessment], "subject1", "primaryRole")[0];
  const observations = path([patient], "subjectOf2", "observation");
  const reactions = observations.filter((o) => codeOf(o) === "29").map(readReaction);
  const nms = reactions.filter((r) => (r.texts.length ? r.texts : [""]).some((t) => isCase(t, r.code)));
  const roles = new Map(
    path([assessment], "component", "causalityAssessment")
      .filter((c) => codeOf(c) === "20")
      .map((c) => [attr(path([c], "subject2", "productUseReference", "id")[0], "root"), attr(kids(c, "value")[0], "code")]),
  );
  const substances = path([patient], "subjectOf2", "organizer").filter((o) => codeOf(o) === "4");
  const administrations = path(substances, "component", "substanceAdministration");
  return {
    id,
    idField: "C.1.8.1",
    drugNames: administrations.map(namesOf),
    reactions: reactions.length,
    outcomes: reactions.filter((r) => r.outcome !== "").length,
    isCase: nms.length > 0,
    toCase: (): TCaseInputRaw => {
      const caseReactions = new Set(nms.map((r) => r.id).filter(Boolean));
      const drugs = administrations.map((sa) => readDrug(sa, roles, caseReactions, at, normalise));
      const attributing = drugs.filter((d) => d.drug && d.drug.role !== "concomitant");
      const rechallenge = attributing.flatMap((d) => d.recurrence);
      const observed = (code: string) =>
        kids(
          observations.find((o) => codeOf(o) === code),
          "value",
        )[0];
      const age = observed("3");
      const weight = observed("7");
      const source = path([event], "outboundRelationship", "relatedInvestigation").find((r) => codeOf(r) === "2");
      const reporter = path([source], "subjectOf2", "controlActEvent", "author", "assignedEntity", "assignedPerson");
      const outcome = nms
        .map((r) => at("E.2.i.7 outcome", r.outcome, (v) => lookup(OUTCOMES, v, "reaction outcome")))
        .find((o) => o !== "unknown");
      const pts = reactions.map((r) => r.texts[0] ?? r.code);
      return {
        source: "e2b",
        sourceId: id,
        version: at("C.1.5", attr(kids(event, "availabilityTime")[0], "value"), dayNumber) ?? 1,
        receivedDate: at("C.1.4", attr(path([event], "effectiveTime", "low")[0], "value"), compactDate),
        onsetDate: nms.map((r) => at("E.2.i.4 start date", r.onset, compactDate)).find(Boolean) ?? null,
        country:
          [nms[0]?.country ?? "", attr(path(reporter, "asLocatedEntity", "location", "code")[0], "code")]
            .find((c) => /^[a-z]{2}$/i.test(c))
            ?.toUpperCase() ?? null,
        reporterType: at("C.2.r.4 qualification", attr(path(reporter, "asQualifiedEntity", "code")[0], "code"), (v) =>
          lookup(QUALIFICATIONS, v, "qualification"),
        ),
        sex: at("D.5 sex", attr(path([patient], "player1", "administrativeGenderCode")[0], "code"), (v) => lookup(SEXES, v, "sex code")),
        ageYears: age ? at("D.2.2 age", attr(age, "value"), (v) => scaled(v, lookup(AGE_UNITS, attr(age, "unit"), "age unit"))) : null,
        weightKg: weight
          ? at("D.3 body weight", attr(weight, "value"), (v) => scaled(v, lookup(WEIGHT_UNITS, attr(weight, "unit"), "weight unit")))
          : null,
        ...fieldsFromReactions(pts),
        outcome: outcome ?? (nms.some((r) => r.death) ? "fatal" : "unknown"),
        ...seriousnessFromE2bR3(nms.map((r) => r.seriousness)),
        drugStopped: attributing.some((d) => d.drug?.doseChange === "stopped") ? true : null,
        rechallenge: rechallenge.some(([done]) => done) ? true : rechallenge.some(([done]) => done === false) ? false : null,
        rechallengeRecurred: rechallenge.some(([, r]) => r === true) ? true : rechallenge.some(([, r]) => r === false) ? false : null,
        narrative: textOf(kids(event, "text")[0]).slice(0, 20_000) || reactionsNarrative(pts),
        drugs: drugs.flatMap((d) => (d.drug ? [d.drug] : [])).slice(0, 100),
      };
    },
  };
}
