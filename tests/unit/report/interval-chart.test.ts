// The report's interval chart: axes end at the next 10% step above the largest upper bound, and a
// point and its whisker sit where their proportions are on that axis.
import { describe, expect, it } from "vitest";
import { LAYOUT, axisMax, intervalChartSvg, xOf } from "@/lib/report/interval-chart";

const ci = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper, method: "wilson" as const });

describe("interval chart", () => {
  it("ends each axis at the next 10% step (10% at least, 100% at most)", () => {
    expect(axisMax([ci(0.2, 0.1, 0.31)])).toBe(0.4);
    expect(axisMax([ci(0.2, 0.1, 0.3)])).toBe(0.3);
    expect(axisMax([null, ci(0, 0, 0.02)])).toBe(0.1);
    expect(axisMax([ci(1, 0.9, 1)])).toBe(1);
    expect(axisMax([])).toBe(0.1);
  });

  it("draws a point at its estimate and a whisker from lower to upper bound", () => {
    const svg = intervalChartSvg("Sex", [
      { label: "Male", share: ci(0.5, 0.25, 0.75), fatality: ci(0.1, 0.05, 0.2), cumulativeFatality: null },
      { label: "Unknown & <other>", share: null, fatality: null, cumulativeFatality: null },
    ]);
    const left = LAYOUT.labelWidth;
    // Share axis 0–80%: 50% lies at 5/8 of the panel.
    expect(xOf(0.5, left, 0.8)).toBeCloseTo(left + (LAYOUT.panelWidth * 5) / 8);
    expect(svg).toContain(`<circle cx="${xOf(0.5, left, 0.8).toFixed(1)}"`);
    expect(svg).toContain(`<line x1="${xOf(0.25, left, 0.8).toFixed(1)}" y1="`);
    expect(svg).toContain(`x2="${xOf(0.75, left, 0.8).toFixed(1)}"`);
    expect(svg).toContain(">80%</text>");
    expect(svg).toContain("no estimate");
    expect(svg).toContain("Unknown &#38; &#60;other&#62;");
    expect(svg).not.toContain("<other>");
    expect(svg).toContain("Male: share 50.0% (25.0%–75.0%); case fatality 10.0% (5.0%–20.0%), cumulative no estimate");
  });
});
