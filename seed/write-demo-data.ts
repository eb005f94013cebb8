// Writes synthetic demo case reports (streamed in batches, flat memory) and the demo exposure
// denominators. Each batch commits on its own so a million cases never sit in one transaction.
// A generated case that misses an ICH E2D minimum criterion is stored as a draft by the same rule
// as the form, the API and the importers (lib/domain/case-validity.ts), so it counts nowhere.
import { toCaseRows } from "@/lib/cases/to-case-rows";
import type { TCaseRow, TDrugRow } from "@/lib/db/bulk/case-columns";
import { insertCaseRows } from "@/lib/db/bulk/insert-cases";
import { getPrisma } from "@/lib/db/client";
import { foldRollup } from "@/lib/db/analyze";
import { withTransaction } from "@/lib/db/transaction";
import { ZCaseInput } from "@/lib/domain/case-schema";
import { settleStatus } from "@/lib/domain/case-validity";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { EXPOSURE_SOURCE } from "./exposure-factory";
import { generateCases, generateExposure } from "./index";

export const DEFAULT_DEMO_CASES = 5_000;
const BATCH_SIZE = 2_000;
const COMPACT_EVERY_CASES = 50_000;

export type TSeedProgress = (done: number, total: number) => void;

export async function writeDemoCases(
  count: number,
  options: { seed?: number; startIndex?: number; batchSize?: number; onProgress?: TSeedProgress } = {},
): Promise<{ cases: number; drugs: number; drafts: number }> {
  const catalogue = await getCatalogueIndex();
  if (catalogue.drugs.size === 0) throw new Error("the drug catalogue is empty: write the reference data first");
  let cases: TCaseRow[] = [];
  let drugs: TDrugRow[] = [];
  let written = 0;
  let drugCount = 0;
  let drafts = 0;
  const flush = async () => {
    const [batchCases, batchDrugs] = [cases, drugs];
    cases = [];
    drugs = [];
    await withTransaction(({ sql: client }) => insertCaseRows(client, batchCases, batchDrugs));
    written += batchCases.length;
    drugCount += batchDrugs.length;
    options.onProgress?.(written, count);
    // Fold the rollup's deltas as they come, not once at the end: the fold's VACUUM frees their
    // space for the next ones, so a million seeded cases leave a rollup of folded rows, not GBs
    // of dead deltas (docs/scaling.md, "Where the bytes go").
    if (written % COMPACT_EVERY_CASES < batchCases.length) await foldRollup();
  };
  for (const generated of generateCases({ count, seed: options.seed, startIndex: options.startIndex })) {
    const input = ZCaseInput.parse(generated);
    input.status = settleStatus(null, input).status;
    if (input.status === "draft") drafts++;
    const { caseRow, drugRows } = toCaseRows(input, catalogue);
    cases.push(caseRow);
    drugs.push(...drugRows);
    if (cases.length >= (options.batchSize ?? BATCH_SIZE)) await flush();
  }
  if (cases.length) await flush();
  return { cases: written, drugs: drugCount, drafts };
}

/** Demo denominators sized for `caseCount` seeded cases, so incidence stays in the literature range. */
export async function writeDemoExposure(caseCount: number, seed?: number): Promise<number> {
  const rows = generateExposure({ seed, caseCount });
  // The dataset row labels every figure computed from these rows synthetic (docs/epidemiology.md).
  await getPrisma().exposureDataset.upsert({
    where: { source: EXPOSURE_SOURCE },
    create: { source: EXPOSURE_SOURCE, synthetic: true, loadedBy: "system:seed" },
    update: {},
  });
  const { count } = await getPrisma().exposureDenominator.createMany({ data: rows, skipDuplicates: true });
  return count;
}
