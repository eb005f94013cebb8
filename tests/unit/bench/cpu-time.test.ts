// The bench's CPU accounting: /proc stat lines parsed by field position after the command name,
// and this process's CPU time counted when it computes.
import { describe, expect, it } from "vitest";
import { cpuNow, cpuSince, parseProcStat, perRowMicros } from "@/bench/cpu-time";

describe("bench CPU time", () => {
  it("reads utime + stime after a command name with spaces and parentheses", () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3)); // field 3 (state) onwards
    fields[11] = "250"; // utime, field 14
    fields[12] = "40"; // stime, field 15
    expect(parseProcStat(`4242 (post gres) (x)) ${fields.join(" ")}`)).toEqual({ command: "post gres) (x)", ticks: 290 });
  });

  it("counts this process's computing, and divides per row", () => {
    const start = cpuNow();
    const usage = process.cpuUsage();
    let spin = 0;
    // 100 ms of CPU however loaded the machine is (wall time would vary with the load).
    while (process.cpuUsage(usage).user < 100_000) spin += Math.sqrt(spin + 1);
    const spent = cpuSince(start);
    expect(spin).toBeGreaterThan(0);
    expect(spent.node).toBeGreaterThanOrEqual(0.1);
    expect(spent.node).toBeLessThan(5);
    expect(spent.postgres).toBeGreaterThanOrEqual(0);
    expect(perRowMicros({ node: 0.5, postgres: 0.25 }, 1000)).toEqual({ node: 500, postgres: 250 });
  });
});
