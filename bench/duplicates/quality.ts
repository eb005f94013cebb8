// `node --import tsx bench/duplicates/quality.ts [--patients N --groups G --negatives H]`:
// precision and recall of the duplicate matcher on the labelled generator (seed/labelled-duplicates.ts)
// at the default threshold and around it, and how far blocking is below n² (docs/duplicates.md).
import { parseArgs } from "node:util";
import { matchRecordOfCase } from "@/lib/duplicates/match-record-of-case";
import { MatchStore, countFrequencies, findCandidatePairs, matchConfig, thresholdFor } from "@/lib/stats/record-linkage";
import { generateLabelledCases } from "@/seed/labelled-duplicates";

const { values } = parseArgs({
  options: { patients: { type: "string" }, groups: { type: "string" }, negatives: { type: "string" }, json: { type: "boolean" } },
});
const patients = Number(values.patients ?? 10_000);
const groups = Number(values.groups ?? 600);
const negatives = Number(values.negatives ?? 1_000);

const cases = generateLabelledCases({ patients, groups, hardNegatives: negatives });
const store = new MatchStore();
cases.forEach((c, i) => store.add(matchRecordOfCase(String(i), c.input)));
const counts = countFrequencies(store);

// True pairs: every pair of reports of one patient.
const byPatient = new Map<number, number>();
for (const c of cases) byPatient.set(c.patient, (byPatient.get(c.patient) ?? 0) + 1);
const truePairs = [...byPatient.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
const duplicateGroups = [...byPatient.values()].filter((n) => n > 1).length;

const started = performance.now();
const low = matchConfig({ threshold: -1000 });
const { pairs, stats } = findCandidatePairs(store, counts, low);
const seconds = (performance.now() - started) / 1000;
const effective = thresholdFor(matchConfig(), counts.total);
const rows = [...new Set([8, 10, 12, 14, 16, effective, 18, 20, 22, 24])]
  .sort((x, y) => x - y)
  .map((threshold) => {
    const kept = pairs.filter((p) => p.score >= threshold);
    const tp = kept.filter((p) => cases[p.i]!.patient === cases[p.j]!.patient).length;
    return { threshold, predicted: kept.length, truePositives: tp, precision: kept.length ? tp / kept.length : 1, recall: tp / truePairs };
  });
const blockedTrue = pairs.filter((p) => cases[p.i]!.patient === cases[p.j]!.patient).length;
const report = {
  cases: cases.length,
  duplicateGroups,
  truePairs,
  defaultThreshold: effective,
  blocking: { ...stats, allPairs: (store.size * (store.size - 1)) / 2, truePairsBlocked: blockedTrue, seconds },
  thresholds: rows,
};
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`${report.cases} cases, ${duplicateGroups} duplicate groups, ${truePairs} true pairs`);
  console.log(
    `blocking: ${stats.comparisons} comparisons (${((100 * stats.comparisons) / report.blocking.allPairs).toFixed(3)}% of n²/2), ${blockedTrue}/${truePairs} true pairs blocked, ${seconds.toFixed(2)} s`,
  );
  for (const r of rows)
    console.log(
      `threshold ${r.threshold.toFixed(2)}${r.threshold === effective ? " (default for this size)" : ""}: predicted ${r.predicted}, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}`,
    );
}
