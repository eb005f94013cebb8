// The case form's view model (app/cases/_components/case-form-state.ts), which only the browser
// tests reached: inputs → the case schema's input (numbers parsed, units converted, blanks null),
// a stored case back into the form, and the issues named by the API's field paths.
import { describe, expect, it } from "vitest";
import { emptyFormState, formStateOf, toCaseInput, validateForm, type TCaseFormState } from "@/app/cases/_components/case-form-state";
import { toCelsius, toKilograms, toYears } from "@/lib/domain/units";

const filled = (): TCaseFormState => ({
  ...emptyFormState("MAN-1"),
  receivedDate: "2024-03-02",
  onsetDate: "2024-02-20",
  country: "GB",
  sex: "female",
  reporterType: "physician",
  age: "34",
  weight: "61.5",
  maxTemp: "40.1",
  ckMax: "12000",
  ckUln: "200",
  wbc: "14.2",
  outcome: "recovered",
  durationDays: "9",
  narrative: "  Rigidity and fever after a haloperidol dose increase.  ",
  drugs: [
    {
      key: "drug-0",
      name: "haloperidol",
      role: "suspect",
      dose: "10 mg",
      route: "oral",
      formulation: "",
      startDate: "2024-02-10",
      stopDate: "",
      doseChange: "increased",
      doseChangeDate: "2024-02-18",
    },
  ],
});

describe("toCaseInput", () => {
  it("trims text, turns blanks into null and keeps canonical units as entered", () => {
    const { input, issues } = toCaseInput(filled(), "manual");
    expect(issues).toEqual({});
    expect(input).toMatchObject({
      source: "manual",
      sourceId: "MAN-1",
      country: "GB",
      ageYears: 34,
      weightKg: 61.5,
      maxTempC: 40.1,
      ckMax: 12000,
      wbc: 14.2,
      narrative: "Rigidity and fever after a haloperidol dose increase.",
      onsetUnknown: false,
      followUpDue: null,
      patientInitials: null,
    });
    expect(input.drugs?.[0]).toMatchObject({ name: "haloperidol", stopDate: null, formulation: null, doseChange: "increased" });
  });

  it("converts other units with the units module", () => {
    const { input } = toCaseInput(
      { ...filled(), age: "18", ageUnit: "months", weight: "150", weightUnit: "lb", maxTemp: "104", tempUnit: "F" },
      "manual",
    );
    expect(input.ageYears).toBe(toYears(18, "months"));
    expect(input.weightKg).toBe(toKilograms(150, "lb"));
    expect(input.maxTempC).toBe(toCelsius(104, "F"));
  });

  it("names text that is no number by the schema path, and sends no number for it", () => {
    const { input, issues } = toCaseInput({ ...filled(), maxTemp: "40,1", ckMax: "lots" }, "manual");
    expect(issues).toEqual({ maxTempC: "must be a number (use . for decimals)", ckMax: "must be a number (use . for decimals)" });
    expect([input.maxTempC, input.ckMax]).toEqual([null, null]);
  });

  it("maps yes/no/unknown flags to true/false/null, and names no status when 'complete' (the server settles drafts)", () => {
    const state = filled();
    state.flags = { ...state.flags, dehydration: "yes", agitation: "no" };
    const { input } = toCaseInput(state, "manual");
    expect([input.dehydration, input.agitation, input.catatonia]).toEqual([true, false, null]);
    expect("status" in input).toBe(false);
    const followUp = toCaseInput({ ...state, status: "follow_up_requested", followUpDue: "2024-04-01" }, "manual").input;
    expect([followUp.status, followUp.followUpDue]).toEqual(["follow_up_requested", "2024-04-01"]);
  });
});

describe("formStateOf", () => {
  it("reads a stored case back into the same form (round trip)", () => {
    const state = filled();
    state.narrative = state.narrative.trim();
    const back = formStateOf(toCaseInput(state, "manual").input);
    expect(back).toEqual(state);
  });
});

describe("validateForm", () => {
  it("adds the schema's issues by path to the unparseable numbers", () => {
    const { issues } = validateForm({ ...filled(), wbc: "x", receivedDate: "2024-02-31" }, "manual");
    expect(issues.wbc).toBe("must be a number (use . for decimals)");
    expect(issues.receivedDate).toBeDefined();
  });

  it("finds nothing wrong with a complete, well-formed case", () => {
    expect(validateForm(filled(), "manual").issues).toEqual({});
  });
});
