// The seriousness dimension and filter (docs/case-processing.md): serious when any ICH criterion
// is yes, not serious when the criteria are stated and none is yes, unknown otherwise; answered
// from the case tables (no rollup column), drafts left out, and the line listing drills down to
// exactly the cases a group counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCaseRows } from "@/lib/cases/to-case-rows";
import { insertCaseRows } from "@/lib/db/bulk/insert-cases";
import { withTransaction } from "@/lib/db/transaction";
import { ZCaseInput, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { chooseCuboid } from "@/lib/queries/aggregates/rollup";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { ZCaseListQuery, findCases } from "@/lib/queries/find-cases";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const valid = {
  source: "manual",
  sex: "female",
  country: "DE",
  onsetDate: "2022-04-01",
  drugs: [{ name: "haloperidol", role: "suspect" as const }],
} satisfies Partial<TCaseInputRaw>;
const NONE_YES = {
  seriousDeath: false,
  seriousLifeThreatening: false,
  seriousHospitalisation: false,
  seriousDisability: false,
  seriousCongenitalAnomaly: false,
  seriousOther: false,
};
const CASES: TCaseInputRaw[] = [
  { ...valid, sourceId: "S1", seriousDeath: true, outcome: "fatal" }, // serious, fatal
  { ...valid, sourceId: "S2", seriousHospitalisation: true, seriousDeath: false, outcome: "recovered" }, // serious
  { ...valid, sourceId: "S3", ...NONE_YES, outcome: "recovered" }, // not serious: all six no
  { ...valid, sourceId: "S4", seriousOther: false }, // not serious: stated, none yes
  { ...valid, sourceId: "S5" }, // unknown: nothing stated
  { ...valid, sourceId: "D1", seriousDeath: true, status: "draft" }, // a draft: counts nowhere
];

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  const catalogue = await getCatalogueIndex();
  const built = CASES.map((raw) => toCaseRows(ZCaseInput.parse(raw), catalogue));
  await withTransaction(({ sql: client }) =>
    insertCaseRows(
      client,
      built.map((b) => b.caseRow),
      built.flatMap((b) => b.drugRows),
    ),
  );
});
afterAll(() => database.close());

const query = (search: string) => parseAggregateQuery(new URLSearchParams(search));

describe("seriousness", () => {
  it("groups live cases by seriousness, every category present, from the case tables", async () => {
    expect(chooseCuboid(query("by=seriousness"), null)).toBeNull();
    const answer = await getAggregates(query("by=seriousness"));
    expect(answer.groups.map((g) => [g.key, g.cases, g.fatal, g.knownOutcome])).toEqual([
      ["serious", 2, 1, 2],
      ["not_serious", 2, 0, 1],
      ["unknown", 1, 0, 0],
    ]);
    expect(answer.total.cases).toBe(5);
  });

  it("filters by seriousness, in a cross-tab and in the line listing alike", async () => {
    const serious = await getAggregates(query("by=sex&seriousness=serious"));
    expect(serious.total.cases).toBe(2);
    // S1 is the only fatal case, and serious; recovered: S2 serious, S3 not serious.
    const cross = await getAggregates(query("by=outcome&then=seriousness"));
    const inner = (key: string) => cross.groups.find((g) => g.key === key)?.groups?.map((g) => [g.key, g.cases]);
    expect(inner("fatal")).toEqual([
      ["serious", 1],
      ["not_serious", 0],
      ["unknown", 0],
    ]);
    expect(inner("recovered")).toEqual([
      ["serious", 1],
      ["not_serious", 1],
      ["unknown", 0],
    ]);
    const listing = await findCases(ZCaseListQuery.parse({ seriousness: ["serious", "unknown"] }));
    expect(listing.cases.map((c) => c.sourceId).sort()).toEqual(["S1", "S2", "S5"]);
  });

  it("names a bad value", () => {
    expect(() => query("by=seriousness&seriousness=grave")).toThrow(/seriousness.*must be one of serious, not_serious, unknown/);
  });
});
