// Sex and age-band strata of the background counts (docs/signals.md, "Strata"), on a real
// database: the real FAERS samples in ../shared/data imported → each period's strata add up to its
// crude counts (total, every catalogue drug, every class), and the sex split of the total equals a
// count of the DEMO file's latest case versions made here by a plain reading of the file; then
// GET /api/v1/signals?strata=… gives each row the Mantel–Haenszel estimates of the tables a plain
// SQL GROUP BY over the stored strata gives.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/signals/route";
import { getPrisma } from "@/lib/db/client";
import { runImport } from "@/lib/imports/write/run-import";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import {
  ebgmScores,
  mantelHaenszelPrr,
  mantelHaenszelRor,
  stratifiedInformationComponent,
  twoByTwoFromMargins,
} from "@/lib/stats/disproportionality";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { writeSyntheticQuarter } from "./synthetic-faers";

const DATA = path.resolve(fileURLToPath(new URL("../../..", import.meta.url)), "../shared/data");
const SAMPLES = ["faers_ascii_sample_2017q2_yunuuuu", "faers_ascii_2022q4_truncated_faersquarterlydata"] as const;

let database: TTestDatabase;
let root: string;
beforeAll(async () => {
  database = await openTestDatabase();
  root = mkdtempSync(path.join(os.tmpdir(), "nms-strata-"));
});
afterAll(async () => {
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

type TCell = { period: string; subject: string; reports: number; nms: number };
const key = (c: { period: string; subject: string }) => `${c.period}|${c.subject}`;

/** Crude rows and strata summed over sex and age band, per (period, subject), by SQL alone. */
async function crudeAndSummedStrata(): Promise<{ crude: Map<string, TCell>; strata: Map<string, TCell> }> {
  const prisma = getPrisma();
  const crude = await prisma.$queryRaw<TCell[]>`
    SELECT period, COALESCE('drug:' || drug_id::text, 'class:' || drug_class::text, 'total') AS subject,
      CASE WHEN drug_id IS NULL AND drug_class IS NULL THEN total_reports ELSE drug_reports END AS reports, nms_reports AS nms
    FROM background_count WHERE source = 'faers'`;
  const strata = await prisma.$queryRaw<TCell[]>`
    SELECT period, COALESCE('drug:' || drug_id::text, 'class:' || drug_class::text, 'total') AS subject,
      SUM(drug_reports)::int AS reports, SUM(nms_reports)::int AS nms
    FROM background_stratum WHERE source = 'faers' GROUP BY 1, 2`;
  const byKey = (rows: TCell[]) => new Map(rows.map((r) => [key(r), { ...r, reports: Number(r.reports), nms: Number(r.nms) }]));
  return { crude: byKey(crude), strata: byKey(strata) };
}

/**
 * The sex split of a DEMO file's cases, read plainly: the latest version of each case (highest
 * caseversion, ties → the higher primaryid) not on the DELETE list; sex M, F, else unknown.
 */
function sexOfLatestCases(folder: string): Record<"male" | "female" | "unknown", number> {
  const files = (prefix: string) =>
    readFileSync(path.join(DATA, folder, `${prefix}${folder.includes("2017") ? "17Q2" : "22Q4"}.txt`), "latin1")
      .split(/\r?\n/)
      .filter(Boolean);
  let deleted = new Set<string>();
  try {
    deleted = new Set(files("DELETE").map((l) => l.trim()));
  } catch {
    // The 2017Q2 sample has no DELETE file.
  }
  const [header, ...lines] = files("DEMO");
  const cols = header!.split("$");
  const at = (name: string) => cols.indexOf(name);
  const latest = new Map<string, { version: number; id: number; sex: string }>();
  for (const line of lines) {
    const f = line.split("$");
    const caseId = f[at("caseid")]!;
    if (deleted.has(caseId)) continue;
    const entry = { version: Number(f[at("caseversion")]), id: Number(f[at("primaryid")]), sex: f[at("sex")] ?? "" };
    const best = latest.get(caseId);
    if (!best || entry.version > best.version || (entry.version === best.version && entry.id > best.id)) latest.set(caseId, entry);
  }
  const out = { male: 0, female: 0, unknown: 0 };
  for (const { sex } of latest.values()) out[sex === "M" ? "male" : sex === "F" ? "female" : "unknown"]++;
  return out;
}

describe("strata of the real FAERS samples", () => {
  beforeAll(async () => {
    for (const sample of SAMPLES) await runImport(path.join(DATA, sample), { skipInvalid: true, allowDrafts: true });
  });

  it("every period's strata add up to its crude counts: total, each catalogue drug, each class", async () => {
    const { crude, strata } = await crudeAndSummedStrata();
    expect(new Set([...crude.values()].map((c) => c.period))).toEqual(new Set(["2017Q2", "2022Q4"]));
    // Every crude cell but a drug or class with no row in any stratum (none: they come from the same rows).
    expect([...strata.keys()].sort()).toEqual([...crude.keys()].sort());
    for (const [k, c] of crude) expect(strata.get(k), k).toEqual(c);
    expect([...crude.values()].filter((c) => c.subject.startsWith("drug:")).length).toBeGreaterThan(5);
  });

  it("the sex split of each period's total is the DEMO file's latest case versions by sex", async () => {
    for (const [sample, period] of [
      [SAMPLES[0], "2017Q2"],
      [SAMPLES[1], "2022Q4"],
    ] as const) {
      const stored = await getPrisma().$queryRaw<{ sex: string; reports: number }[]>`
        SELECT sex::text AS sex, SUM(drug_reports)::int AS reports FROM background_stratum
        WHERE source = 'faers' AND period = ${period} AND drug_id IS NULL AND drug_class IS NULL GROUP BY sex`;
      const bySex = Object.fromEntries(stored.map((r) => [r.sex, Number(r.reports)]));
      const expected = sexOfLatestCases(sample);
      expect({ male: bySex.male ?? 0, female: bySex.female ?? 0, unknown: bySex.unknown ?? 0 }, sample).toEqual(expected);
    }
  });
});

describe("GET /api/v1/signals?strata=…", () => {
  let as: Awaited<ReturnType<typeof requestsAs>>;
  beforeAll(async () => {
    await getPrisma().$executeRaw`DELETE FROM background_stratum`;
    await getPrisma().$executeRaw`DELETE FROM background_count`;
    await getPrisma().$executeRaw`DELETE FROM background_other_drug`;
    for (const quarter of ["24Q1", "24Q2"] as const) await runImport(writeSyntheticQuarter(root, quarter));
    as = await requestsAs("safety_officer");
  });

  const call = async (search: string) => {
    const response = await GET(as("GET", `http://localhost/api/v1/signals${search}`), noParams);
    expect(response.status).toBe(200);
    return (await response.json()) as TSignalReport;
  };

  /** The drug's tables per sex (each period and age band added together), from the stored rows by SQL. */
  async function sexTables(drug: string) {
    const rows = await getPrisma().$queryRaw<{ sex: string; total: number; nms: number; drug_reports: number; a: number }[]>`
      SELECT t.sex::text AS sex, t.total::int AS total, t.nms::int AS nms, COALESCE(d.reports, 0)::int AS drug_reports, COALESCE(d.a, 0)::int AS a
      FROM (SELECT sex, SUM(drug_reports) AS total, SUM(nms_reports) AS nms FROM background_stratum
            WHERE source = 'faers' AND drug_id IS NULL AND drug_class IS NULL GROUP BY sex) t
      LEFT JOIN (SELECT s.sex, SUM(s.drug_reports) AS reports, SUM(s.nms_reports) AS a FROM background_stratum s
                 JOIN catalogue_drug c ON c.id = s.drug_id WHERE s.source = 'faers' AND c.name = ${drug} GROUP BY s.sex) d ON d.sex = t.sex
      ORDER BY t.sex`;
    return rows.map((r) =>
      twoByTwoFromMargins({
        cases: Number(r.a),
        drugReports: Number(r.drug_reports),
        eventReports: Number(r.nms),
        totalReports: Number(r.total),
      }),
    );
  }

  it("strata=sex: each drug's MH PRR, ROR, stratified IC and EBGM from the per-sex tables", async () => {
    const report = await call("?strata=sex");
    expect(report.query.strata).toEqual(["sex"]);
    const row = report.drugs.find((d) => d.key === "haloperidol")!;
    const tables = await sexTables("haloperidol");
    expect(tables.length).toBe(2); // the synthetic quarters give M or F only
    expect(row.stratified).toMatchObject({ by: ["sex"], strata: 2 });
    expect(row.stratified!.prr.estimate).toBeCloseTo(mantelHaenszelPrr(tables).estimate!, 12);
    expect(row.stratified!.ror.lower).toBeCloseTo(mantelHaenszelRor(tables).lower!, 12);
    const ic = stratifiedInformationComponent(tables);
    expect(row.stratified!.ic.estimate).toBeCloseTo(ic.ic!, 12);
    expect(row.stratified!.expected).toBeCloseTo(ic.expected!, 9);
    // The crude row is unchanged by the choice of strata.
    const crude = (await call("")).drugs.find((d) => d.key === "haloperidol")!;
    expect({ ...row, stratified: null }).toEqual({ ...crude, stratified: null });
    // EBGM of (a, stratified E) under the prior fitted over the crude column.
    if (report.ebgmPrior.fitted) {
      const eb = ebgmScores(row.a, ic.expected!, report.ebgmPrior.prior);
      expect(row.stratified!.ebgm).toEqual({ estimate: eb.ebgm, lower: eb.eb05, upper: eb.eb95, reason: null });
    }
  });

  it("strata=period,sex,ageBand: one stratum per occupied (quarter, sex, age band); classes get no EBGM", async () => {
    const report = await call("?strata=period,sex,ageBand");
    const [counted] = await getPrisma().$queryRaw<{ cells: number }[]>`
      SELECT COUNT(DISTINCT (period, sex, age_band))::int AS cells FROM background_stratum
      WHERE source = 'faers' AND drug_id IS NULL AND drug_class IS NULL AND drug_reports > 0`;
    const row = report.drugs.find((d) => d.key === "haloperidol")!;
    expect(row.stratified!.by).toEqual(["period", "sex", "ageBand"]);
    expect(row.stratified!.strata).toBe(Number(counted!.cells));
    const firstGeneration = report.classes.find((c) => c.key === "first_generation")!;
    expect(firstGeneration.stratified!.ebgm).toBeNull();
    expect(firstGeneration.stratified!.prr.estimate).not.toBeNull();
  });

  it("periods without strata: no sex-stratified estimates, and a note naming them", async () => {
    await getPrisma().$executeRaw`DELETE FROM background_stratum WHERE period = '2024Q1'`;
    const report = await call("?strata=sex");
    expect(report.drugs.every((d) => d.stratified === null)).toBe(true);
    expect(report.notes.find((n) => n.code === "strata_unavailable")?.message).toMatch(/2024Q1/);
    // Period strata need no stratified tally.
    expect((await call("")).drugs.find((d) => d.key === "haloperidol")!.stratified).toMatchObject({ by: ["period"], strata: 2 });
  });

  it("a bad strata value is a 400 naming the parameter", async () => {
    const response = await GET(as("GET", "http://localhost/api/v1/signals?strata=country"), noParams);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toEqual(["strata"]);
  });
});
