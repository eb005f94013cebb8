// A hand-built set of 12 cases and a few exposure rows for the aggregates tests: small enough
// that every expected count is derived by hand in the tests, varied enough to hit each rule.
import { getPrisma } from "@/lib/db/client";
import { insertCaseRows } from "@/lib/db/bulk/insert-cases";
import { withTransaction } from "@/lib/db/transaction";
import { toCaseRows } from "@/lib/cases/to-case-rows";
import { ZCaseInput, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { AGE_BANDS, type DrugClass } from "@/lib/domain/vocabulary";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";

type TDrug = { name: string; role: "suspect" | "concomitant" | "interacting" | "withdrawn" };
const suspect = (name: string): TDrug => ({ name, role: "suspect" });

/** Every consensus criterion met (score 100): meetsConsensus = true. */
const TEXTBOOK = {
  maxTempC: 40.2,
  ckMax: 9000,
  ckUln: 200,
  rigidity: true,
  mentalStatusChange: true,
  bpLability: true,
  diaphoresis: true,
  tachycardia: true,
  tachypnoea: true,
  negativeWorkup: true,
} as const;
/** Every criterion but exposure known and absent: meetsConsensus = false. */
const CLEARLY_NOT = {
  maxTempC: 37,
  ckMax: 100,
  ckUln: 200,
  rigidity: false,
  mentalStatusChange: false,
  bpLability: false,
  diaphoresis: false,
  tachycardia: false,
  tachypnoea: false,
  negativeWorkup: false,
} as const;

// Classes: haloperidol, chlorpromazine → first_generation; olanzapine, risperidone → second_generation;
// metoclopramide → antiemetic; levodopa → dopaminergic_withdrawal. Cases without clinical fields
// score meetsConsensus = null (unknown). Received dates are left out (onset ≤ received is then moot).
export const FIXTURE_CASES: readonly (TCaseInputRaw & { deleted?: true })[] = [
  // C1: two first-generation suspects → counted once for the class.
  {
    sourceId: "C1",
    source: "manual",
    sex: "male",
    ageYears: 30,
    outcome: "fatal",
    onsetDate: "2020-03-10",
    country: "FR",
    drugs: [suspect("haloperidol"), suspect("chlorpromazine")],
    ...TEXTBOOK,
  },
  // C2: olanzapine only concomitant → first_generation only.
  {
    sourceId: "C2",
    source: "csv",
    sex: "female",
    ageYears: 50,
    outcome: "recovered",
    onsetDate: "2020-07-01",
    country: "DE",
    drugs: [suspect("haloperidol"), { name: "olanzapine", role: "concomitant" }],
    ...CLEARLY_NOT,
  },
  {
    sourceId: "C3",
    source: "faers",
    sex: "male",
    ageYears: 70,
    outcome: "fatal",
    onsetDate: "2021-02-15",
    country: "FR",
    drugs: [suspect("olanzapine")],
    ...TEXTBOOK,
  },
  // C4: unknown sex, age, outcome and country; an interacting drug attributes too → both classes.
  {
    sourceId: "C4",
    source: "manual",
    onsetDate: "2021-05-05",
    drugs: [suspect("haloperidol"), { name: "risperidone", role: "interacting" }],
  },
  // C5: withdrawn levodopa → dopaminergic_withdrawal.
  {
    sourceId: "C5",
    source: "openfda",
    sex: "male",
    ageYears: 17,
    outcome: "recovering",
    onsetDate: "2022-01-20",
    country: "US",
    drugs: [{ name: "levodopa", role: "withdrawn" }],
  },
  {
    sourceId: "C6",
    source: "e2b",
    sex: "female",
    ageYears: 18,
    outcome: "fatal",
    onsetDate: "2022-06-30",
    country: "US",
    drugs: [suspect("metoclopramide")],
  },
  // C7: concomitant-only drug → in the total, in no class or drug.
  {
    sourceId: "C7",
    source: "manual",
    sex: "female",
    ageYears: 40,
    outcome: "not_recovered",
    onsetDate: "2021-09-09",
    country: "DE",
    drugs: [{ name: "haloperidol", role: "concomitant" }],
  },
  // C8: no onset date → year "unknown".
  {
    sourceId: "C8",
    source: "csv",
    sex: "male",
    ageYears: 65,
    outcome: "recovered_with_sequelae",
    country: "FR",
    drugs: [suspect("olanzapine")],
  },
  // C9: soft-deleted → never counts anywhere.
  {
    sourceId: "C9",
    source: "manual",
    sex: "male",
    ageYears: 30,
    outcome: "fatal",
    onsetDate: "2020-05-05",
    country: "FR",
    drugs: [suspect("haloperidol")],
    deleted: true,
  },
  // C10: antiemetic suspect and withdrawn levodopa → two classes.
  {
    sourceId: "C10",
    source: "manual",
    sex: "male",
    ageYears: 39.9,
    outcome: "recovered",
    onsetDate: "2023-04-01",
    country: "GB",
    drugs: [suspect("metoclopramide"), { name: "levodopa", role: "withdrawn" }],
  },
  // C11: levodopa only concomitant → second_generation only.
  {
    sourceId: "C11",
    source: "faers",
    ageYears: 64.5,
    outcome: "fatal",
    onsetDate: "2023-08-08",
    drugs: [{ name: "levodopa", role: "concomitant" }, suspect("olanzapine")],
  },
  // C12: an unmapped drug name → no class or drug.
  { sourceId: "C12", source: "manual", sex: "male", ageYears: 45, onsetDate: "2020-12-31", country: "US", drugs: [suspect("zzzyxine")] },
];

export const EXPOSURE_SOURCE = "Test registry";
const KNOWN_BANDS = AGE_BANDS.filter((band) => band !== "unknown");

/**
 * first_generation 2020–2021: 1,000 person-years per male band, 1,500 per female band
 * (10,000 a year). second_generation 2020 only: 500 per stratum (4,000). antiemetic 2020–2021
 * from two sources (ambiguous). No rows for the other classes.
 */
function exposureRows() {
  const rows: { year: number; drugClass: DrugClass; sex: "male" | "female"; ageBand: string; personYears: number; source: string }[] = [];
  const add = (drugClass: DrugClass, years: number[], py: { male: number; female: number }, source = EXPOSURE_SOURCE) => {
    for (const year of years)
      for (const sex of ["male", "female"] as const)
        for (const ageBand of KNOWN_BANDS) {
          rows.push({ year, drugClass, sex, ageBand, personYears: py[sex], source });
        }
  };
  add("first_generation", [2020, 2021], { male: 1000, female: 1500 });
  add("second_generation", [2020], { male: 500, female: 500 });
  add("antiemetic", [2020, 2021], { male: 800, female: 800 }, "Registry A");
  add("antiemetic", [2020, 2021], { male: 900, female: 900 }, "Registry B");
  return rows;
}

/** Writes the fixture through the real write path (toCaseRows + insertCaseRows), in one transaction. */
export async function writeFixture(): Promise<void> {
  const catalogue = await getCatalogueIndex();
  const built = FIXTURE_CASES.map(({ deleted, ...raw }) => ({ deleted, rows: toCaseRows(ZCaseInput.parse(raw), catalogue) }));
  await withTransaction(async ({ sql: client }) => {
    await insertCaseRows(
      client,
      built.map((b) => b.rows.caseRow),
      built.flatMap((b) => b.rows.drugRows),
    );
    const deleted = built.filter((b) => b.deleted).map((b) => b.rows.caseRow.id);
    await client.query("UPDATE case_report SET deleted_at = now() WHERE id = ANY($1::uuid[])", [deleted]);
  });
  const rows = exposureRows();
  await getPrisma().exposureDataset.createMany({ data: [...new Set(rows.map((r) => r.source))].map((source) => ({ source })) });
  await getPrisma().exposureDenominator.createMany({ data: rows });
}
