// Generators of case bodies for the fuzzers: a valid case with a few fields replaced by hostile or
// merely plausible values (so some inputs pass and exercise the write path), and bodies that are
// not a case at all (other JSON, broken JSON, invalid UTF-8, deep nesting, over the size cap).
import fc from "fast-check";
import { BOOLEAN_CASE_FIELDS, DOSE_CHANGES, ZCaseFields } from "@/lib/domain/case-schema";
import { CASE_SOURCES, DRUG_ROLES, FORMULATIONS, OUTCOMES, REPORTER_TYPES, SEXES } from "@/lib/domain/vocabulary";
import { hostileString, hostileValue, invalidUtf8 } from "./fuzz-support";

export type TBody = Record<string, unknown> | unknown[] | string | number | boolean | null | Uint8Array;
/** A body given the source id to use, so accepted creates do not collide with each other. */
export type TMakeBody = (sourceId: string) => TBody;

export function caseBody(sourceId: string): Record<string, unknown> {
  return {
    sourceId,
    onsetDate: "2024-05-02",
    receivedDate: "2024-05-09",
    country: "GB",
    sex: "female",
    ageYears: 44,
    maxTempC: 39.4,
    ckMax: 4200,
    rigidity: true,
    mentalStatusChange: true,
    outcome: "recovering",
    narrative: "Fever and rigidity after a dose increase.",
    drugs: [{ name: "haloperidol", role: "suspect", startDate: "2024-04-20" }],
  };
}

const date = fc.oneof(
  fc.date({ min: new Date("1940-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("2024-02-30", "2023-13-01", "0000-00-00", "2024-5-1", "20240501", "2024-05-01T00:00:00Z"),
);
const number = (min: number, max: number) =>
  fc.oneof(fc.double({ min, max, noNaN: true }), fc.integer({ min: Math.ceil(min), max: Math.floor(max) }));

const drug = fc.record(
  {
    name: fc.oneof(fc.constantFrom("haloperidol", "HALDOL DECANOATE", "olanzapine", "metoclopramide", "levodopa"), hostileString),
    role: fc.oneof(fc.constantFrom(...DRUG_ROLES), hostileValue),
    dose: fc.oneof(fc.constant("5 mg"), hostileValue),
    route: fc.oneof(fc.constant("oral"), hostileValue),
    formulation: fc.oneof(fc.constantFrom(...FORMULATIONS, null), hostileValue),
    startDate: fc.oneof(date, hostileValue),
    stopDate: fc.oneof(date, hostileValue),
    doseChange: fc.oneof(fc.constantFrom(...DOSE_CHANGES), hostileValue),
    doseChangeDate: date,
    extra: hostileValue,
  },
  { requiredKeys: ["name", "role"] },
);

/** A plausible value for each field (often valid), so the fuzzer also reaches the write path. Looked up
 * with Object.hasOwn: a generated key such as "constructor" must not find Object.prototype's. */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  source: fc.constantFrom(...CASE_SOURCES),
  sourceId: fc.string({ minLength: 1, maxLength: 100 }),
  version: fc.integer({ min: 1, max: 100_000 }),
  receivedDate: date,
  onsetDate: date,
  country: fc.oneof(fc.constantFrom("US", "gb", " de ", null), fc.string({ minLength: 2, maxLength: 2 })),
  reporterType: fc.constantFrom(...REPORTER_TYPES),
  sex: fc.constantFrom(...SEXES),
  ageYears: fc.oneof(number(-5, 130), fc.constant(null)),
  weightKg: number(0, 500),
  maxTempC: number(25, 50),
  ckMax: number(-1, 3_000_000),
  ckUln: number(0, 2000),
  wbc: number(0, 600),
  outcome: fc.constantFrom(...OUTCOMES),
  durationDays: number(0, 4000),
  narrative: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 100 }), fc.constant(null)),
  drugs: fc.array(drug, { maxLength: 4 }),
  ...Object.fromEntries(BOOLEAN_CASE_FIELDS.map((field) => [field, fc.constantFrom(true, false, null)])),
};
const FIELDS = Object.keys(ZCaseFields.shape);
const PATCH_FIELDS = FIELDS.filter((f) => !["source", "sourceId", "version"].includes(f));

/**
 * A valid case (or, for PATCH, an empty edit) with one to four fields set to a hostile or a
 * plausible value, sometimes an unknown key too. The PATCH caller sets expectedRevision itself.
 */
export function casePatch(forPatch: boolean): fc.Arbitrary<TMakeBody> {
  const field = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...(forPatch ? PATCH_FIELDS : FIELDS)) },
    { weight: 1, arbitrary: hostileString },
  );
  const change = field.chain((name) =>
    fc.tuple(
      fc.constant(name),
      fc.oneof(
        { weight: 1, arbitrary: hostileValue },
        { weight: 2, arbitrary: (Object.hasOwn(PLAUSIBLE, name) ? PLAUSIBLE[name] : undefined) ?? hostileValue },
      ),
    ),
  );
  return fc.array(change, { minLength: forPatch ? 0 : 1, maxLength: 4 }).map((changes) => (sourceId: string) => {
    const body: Record<string, unknown> = forPatch ? {} : caseBody(sourceId);
    // sourceId is the key that keeps creates apart; a change to it keeps a unique suffix.
    for (const [name, value] of changes) body[name] = name === "sourceId" && typeof value === "string" ? `${value}${sourceId}` : value;
    return body;
  });
}

/** Deep nesting as JSON text, deeper than a recursive parser could follow. */
const deepJsonText = fc.tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.constantFrom("[", '{"a":')).map(([depth, open]) => {
  const close = open === "[" ? "]" : "}";
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
});

/** Bodies that are not a case: other JSON, broken JSON, bytes, deep nesting, over 1 MB. */
export const hostileBody: fc.Arbitrary<TMakeBody> = fc
  .oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => v as TBody) },
    { weight: 3, arbitrary: hostileString.map((s): TBody => s) },
    { weight: 2, arbitrary: fc.dictionary(hostileString, hostileValue, { maxKeys: 5 }).map((v): TBody => v) },
    { weight: 1, arbitrary: invalidUtf8.map((b): TBody => b) },
    { weight: 1, arbitrary: deepJsonText.map((s): TBody => s) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<TBody>(
        "",
        "null",
        "[]",
        "{}",
        '{"sourceId":',
        "\uFEFF{}",
        '{"__proto__":{"admin":true}}',
        `{"sourceId":"${"x".repeat(1_000_001)}"}`,
      ),
    },
  )
  .map((body) => () => body);
