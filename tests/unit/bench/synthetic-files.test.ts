// The benchmark's synthetic files are what the importers accept: a canonical CSV that parses
// without a single reject, byte-identical for one seed, sized by rows or bytes; and a FAERS
// quarter whose NMS reports, follow-ups and DELETE list come out as the generator says.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticCsv } from "@/bench/synthetic/canonical-csv";
import { writeSyntheticFaersQuarter } from "@/bench/synthetic/faers-quarter";
import { parseCanonicalCsv } from "@/lib/imports/csv/parse-csv";
import { parseFaers } from "@/lib/imports/faers/parse-faers";
import { casesOf, collect, rejectsOf, summaryOf } from "../imports/helpers";

const dir = mkdtempSync(path.join(os.tmpdir(), "nms-synthetic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeSyntheticCsv", () => {
  it("writes valid canonical CSV rows, the same bytes for the same seed", async () => {
    const [a, b, c] = ["a.csv", "b.csv", "c.csv"].map((f) => path.join(dir, f)) as [string, string, string];
    const written = await writeSyntheticCsv(a, { rows: 1_200, seed: 3 });
    await writeSyntheticCsv(b, { rows: 1_200, seed: 3 });
    await writeSyntheticCsv(c, { rows: 1_200, seed: 4 });
    expect(written).toEqual({ rows: 1_200, bytes: statSync(a).size });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);

    const records = await collect(parseCanonicalCsv(a));
    expect(rejectsOf(records)).toEqual([]);
    const cases = casesOf(records);
    expect(cases).toHaveLength(1_200);
    expect(new Set(cases.map((r) => r.case.sourceId)).size).toBe(1_200);
    // A realistic mix: several outcomes, both sexes, brand names the catalogue maps, a few it does not.
    expect(new Set(cases.map((r) => r.case.outcome)).size).toBeGreaterThan(3);
    expect(new Set(cases.map((r) => r.case.sex))).toEqual(new Set(["male", "female", "unknown"]));
    expect(cases.some((r) => r.unmappedDrugNames.some((n) => n.startsWith("local remedy")))).toBe(true);
  });

  it("stops at the first row past targetBytes", async () => {
    const file = path.join(dir, "sized.csv");
    const { rows, bytes } = await writeSyntheticCsv(file, { targetBytes: 200_000, seed: 3 });
    expect(bytes).toBe(statSync(file).size);
    expect(bytes).toBeGreaterThanOrEqual(200_000);
    // One chunk (500 rows of ~400 bytes) past the target at most.
    expect(bytes).toBeLessThan(200_000 + 500 * 1_000);
    expect(rows).toBeGreaterThan(0);
  });
});

describe("writeSyntheticFaersQuarter", () => {
  it("writes a quarter the FAERS importer reads without a reject", async () => {
    const quarter = path.join(dir, "faers_ascii_2023Q4");
    const written = await writeSyntheticFaersQuarter(quarter, { reports: 3_000, nmsShare: 0.05, seed: 9 });
    expect(readdirSync(quarter).sort()).toEqual([
      "DELETE23Q4.txt",
      "DEMO23Q4.txt",
      "DRUG23Q4.txt",
      "INDI23Q4.txt",
      "OUTC23Q4.txt",
      "REAC23Q4.txt",
      "RPSR23Q4.txt",
      "THER23Q4.txt",
    ]);
    expect(written.reports).toBe(3_000);
    expect(written.nmsReports).toBeGreaterThan(100);
    expect(written.nmsReports).toBeLessThan(200);

    const records = await collect(parseFaers(quarter));
    expect(rejectsOf(records)).toEqual([]);
    const summary = summaryOf(records);
    expect(summary.reportsRead).toBe(3_000);
    const cases = casesOf(records);
    // Follow-ups collapse onto their case (latest version kept); deleted cases drop out.
    const followUps = cases.filter((r) => r.case.version === 2).length;
    expect(followUps).toBeGreaterThan(0);
    expect(cases.length).toBeLessThanOrEqual(written.nmsReports - followUps);
    expect(cases.length).toBeGreaterThan(written.nmsReports - followUps - 10);
    expect(cases.every((r) => r.case.source === "faers" && r.case.drugs.some((d) => d.role !== "concomitant"))).toBe(true);
  });
});
