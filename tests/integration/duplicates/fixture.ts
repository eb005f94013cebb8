// Cases for the duplicate tests: one patient reported twice by FAERS (different case ids, a brand
// name, age missing on the copy), a third report of the same episode by hand, and unrelated cases.
import type { TCaseInput } from "@/lib/domain/case-schema";
import { buildCase } from "@/seed";

const base = buildCase(3, 11);

export const REPORT_A: TCaseInput = {
  ...base,
  source: "faers",
  sourceId: "FAERS-100",
  onsetDate: "2020-02-10",
  receivedDate: "2020-02-20",
  country: "US",
  sex: "female",
  ageYears: 41,
  outcome: "recovered",
  maxTempC: 40.1,
  ckMax: 12000,
  drugs: [
    { name: "haloperidol", role: "suspect", dose: "5 mg", route: "oral" },
    { name: "lorazepam", role: "concomitant" },
  ],
};
export const REPORT_B: TCaseInput = {
  ...REPORT_A,
  sourceId: "FAERS-200",
  receivedDate: "2020-03-05",
  ageYears: null,
  reporterType: "pharmacist",
  drugs: [{ name: "Haldol", role: "suspect", dose: "5mg", route: "Oral" }],
};
export const REPORT_C: TCaseInput = {
  ...REPORT_A,
  source: "manual",
  sourceId: "LIT-7",
  onsetDate: "2020-02-01",
  receivedDate: "2020-04-01",
  ckMax: null,
};

/** Unrelated patients (the demo factory), none of them in February 2020 with haloperidol. */
export const OTHERS: TCaseInput[] = Array.from({ length: 30 }, (_, i) => {
  const c = buildCase(100 + i, 11);
  const onsetDate = `200${i % 10}-06-15`;
  return { ...c, sourceId: `OTHER-${i}`, onsetDate, receivedDate: onsetDate };
});
