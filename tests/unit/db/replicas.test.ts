// The replica routing's two pure rules: WAL positions compare as numbers (a text comparison puts
// "0/9" after "0/10"), and a replica's lag is how long ago the primary had written WAL the replica
// has not replayed (lib/db/replicas.ts; docs/deployment.md).
import { describe, expect, it } from "vitest";
import { lagSeconds, parseLsn } from "@/lib/db/replicas";

describe("parseLsn", () => {
  it("reads Postgres's hi/lo hexadecimal form as one ordered number", () => {
    expect(parseLsn("16/B374D848")).toBe(0x16n * 2n ** 32n + 0xb374d848n);
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("FFFFFFFF/FFFFFFFF")).toBe(2n ** 64n - 1n);
    // Hex digits of either case; the order is numeric, not textual.
    expect(parseLsn("0/a")).toBe(parseLsn("0/A"));
    expect(parseLsn("0/9")! < parseLsn("0/10")!).toBe(true);
    expect(parseLsn("1/0")! > parseLsn("0/FFFFFFFF")!).toBe(true);
  });

  it("refuses anything else (a forged read-after value only ever costs a replica)", () => {
    for (const bad of ["", "16", "16/", "/1", "G/1", "1/2/3", "123456789/0", "0/1; DROP TABLE x", null, undefined]) {
      expect(parseLsn(bad)).toBeNull();
    }
  });
});

describe("lagSeconds", () => {
  const at = (seconds: number) => seconds * 1000;
  const samples = [
    { at: at(100), lsn: 10n },
    { at: at(101), lsn: 20n },
    { at: at(102), lsn: 30n },
  ];

  it("is 0 when the replica has replayed what the primary had written at every probe", () => {
    expect(lagSeconds(samples, 30n, at(110))).toBe(0);
    expect(lagSeconds(samples, 45n, at(110))).toBe(0);
    expect(lagSeconds([], 0n, at(110))).toBe(0);
  });

  it("counts from the oldest probe whose position the replica has not reached", () => {
    expect(lagSeconds(samples, 25n, at(105))).toBe(105 - 102);
    expect(lagSeconds(samples, 15n, at(105))).toBe(105 - 101);
    expect(lagSeconds(samples, 5n, at(105))).toBe(105 - 100);
  });

  it("is unbounded when the replica reports no replay position", () => {
    expect(lagSeconds(samples, null, at(105))).toBe(Number.POSITIVE_INFINITY);
  });
});
