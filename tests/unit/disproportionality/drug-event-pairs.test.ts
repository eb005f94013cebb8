import { describe, expect, it } from "vitest";
import { tabulateDrugEventPairs, type ReportRow } from "@/lib/stats/disproportionality";

// Hand-counted fixture: 4 reports, 2 strata.
const ROWS: ReportRow[] = [
  { id: 1, drug: "haloperidol", event: "NMS", stratum: "F" },
  { id: 1, drug: "haloperidol", event: "NMS", stratum: "F" }, // duplicate line: counts once
  { id: 1, drug: "lithium", event: "NMS", stratum: "F" },
  { id: 2, drug: "haloperidol", event: "rash", stratum: "M" },
  { id: 3, drug: "olanzapine", event: "NMS", stratum: "M" },
  { id: 4, drug: "olanzapine", event: "rash", stratum: "F" },
];

describe("drug–event tabulation", () => {
  it("counts distinct reports and computes unstratified E = n_i·n_·j/n··", () => {
    const t = tabulateDrugEventPairs(ROWS);
    expect([t.reports, t.drugs, t.events, t.pairs.length]).toEqual([4, 3, 2, 5]);
    const halNms = t.pairs.find((p) => p.drug === "haloperidol" && p.event === "NMS");
    // haloperidol in reports {1,2}, NMS in {1,3}: E = 2·2/4 = 1.
    expect(halNms).toEqual({ drug: "haloperidol", event: "NMS", n: 1, e: 1 });
  });

  it("stratified E sums the strata: F {1,4}: 1·1/2; M {2,3}: 1·1/2", () => {
    const t = tabulateDrugEventPairs(ROWS, { stratify: true });
    expect(t.pairs.find((p) => p.drug === "haloperidol" && p.event === "NMS")?.e).toBeCloseTo(1, 14);
    // lithium only in F {1}; NMS in F {1}: 1·1/2 = 0.5; M adds 0.
    expect(t.pairs.find((p) => p.drug === "lithium")?.e).toBeCloseTo(0.5, 14);
  });

  it("empty input gives no pairs", () => {
    expect(tabulateDrugEventPairs([])).toEqual({ pairs: [], reports: 0, drugs: 0, events: 0 });
  });
});
