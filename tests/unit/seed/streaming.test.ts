// Flat memory and speed: 200,000 cases consumed lazily must not accumulate on the heap — the
// property that lets `seed --cases 10000000` run. Throughput is reported, not asserted.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { generateCases } from "@/seed/index";

const MB = 1024 * 1024;

/** A full GC when one can be had (node --expose-gc, or enabling it at run time); else null. */
function findGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

describe("generateCases streaming", () => {
  it("keeps heap growth under 50 MB over 200,000 lazily consumed cases", () => {
    const gc = findGc();
    const heap = () => {
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    // Warm up first so module-level tables and JIT code are not counted as growth.
    for (const _ of generateCases({ count: 2_000, startIndex: 500_000 })) void _;
    const before = heap();
    let peak = before;
    let drugs = 0;
    const started = performance.now();
    let consumed = 0;
    for (const seedCase of generateCases({ count: 200_000 })) {
      drugs += seedCase.drugs.length; // touch each case so nothing is optimised away
      consumed += 1;
      if (consumed % 25_000 === 0) peak = Math.max(peak, heap());
    }
    const seconds = (performance.now() - started) / 1000;
    const after = heap();
    console.log(
      `generated ${consumed.toLocaleString("en")} cases (${drugs.toLocaleString("en")} drugs) in ${seconds.toFixed(2)} s: ` +
        `${Math.round(consumed / seconds).toLocaleString("en")} cases/s; heap growth ${((after - before) / MB).toFixed(1)} MB, ` +
        `peak ${((peak - before) / MB).toFixed(1)} MB (gc ${gc ? "forced" : "not available"})`,
    );
    expect(consumed).toBe(200_000);
    expect((after - before) / MB).toBeLessThan(50);
    // Without a forced GC the samples include uncollected garbage; only assert the peak when clean.
    if (gc) expect((peak - before) / MB).toBeLessThan(50);
  });
});
