// Saved and frozen analyses through their route handlers on a real database (embedded, or the
// server of NMS_TEST_POSTGRES_URL): the library and its access rules; a frozen export reopened
// after the data changed keeps its numbers, sits beside today's with the difference, and exports
// byte for byte as it did when frozen (apart from its timestamp); a researcher's frozen result is
// their suppressed export; a damaged stored form is reported, never recomputed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listAnalyses, POST as saveAnalysis } from "@/app/api/v1/analyses/route";
import { DELETE as deleteAnalysis, GET as openAnalysis, PATCH as patchAnalysis } from "@/app/api/v1/analyses/[id]/route";
import { GET as frozenCsv } from "@/app/api/v1/analyses/[id]/export.csv/route";
import { GET as frozenJson } from "@/app/api/v1/analyses/[id]/export.json/route";
import { GET as liveCsv } from "@/app/api/v1/export/aggregates.csv/route";
import { GET as liveJson } from "@/app/api/v1/export/aggregates.json/route";
import type { TAnalysisView } from "@/lib/analyses/analysis-view";
import type { TOpenedAnalysis } from "@/lib/analyses/get-analysis";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createCase } from "@/lib/cases/case-commands";
import { getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { RECORD_KEY } from "@/lib/queries/aggregates/count-aggregate-cells";
import { ZCaseInput } from "@/lib/domain/case-schema";
import type { Role } from "@/lib/domain/vocabulary";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import { perturbCount } from "@/lib/stats/cell-key";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { CLASS_PLAN, FIXTURE_TOTAL, writeFixtureCases, type TFixtureCase } from "../exports/fixture-cases";

type TCaller = { actor: string; call: (method: string, url: string, body?: unknown) => Request };
async function caller(role: Role, name: string): Promise<TCaller> {
  const { token } = await createApiToken({ name, role });
  return {
    actor: `token:${name}`,
    call: (method, url, body) =>
      new Request(url, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
  };
}

let database: TTestDatabase;
let officer: TCaller;
let colleague: TCaller;
let researcher: TCaller;
let admin: TCaller;
let fixture: TFixtureCase[];
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  fixture = await writeFixtureCases();
  officer = await caller("safety_officer", "officer-a");
  colleague = await caller("safety_officer", "officer-b");
  researcher = await caller("researcher", "researcher-a");
  admin = await caller("admin", "admin-a");
});
afterAll(() => database.close());

const BASE = "http://nms.test/api/v1";
async function save(as: TCaller, body: unknown) {
  const response = await saveAnalysis(as.call("POST", `${BASE}/analyses`, body), noParams);
  return {
    status: response.status,
    body: (await response.json()) as TAnalysisView & { error?: { code: string; message: string; issues: { path: string }[] } },
  };
}
async function open(as: TCaller, id: string) {
  const response = await openAnalysis(as.call("GET", `${BASE}/analyses/${id}`), withId(id));
  return { status: response.status, body: (await response.json()) as TOpenedAnalysis & { error?: { code: string; message: string } } };
}
const text = async (response: Response) => ({ status: response.status, text: await response.text() });
const frozenExportOf = async (as: TCaller, id: string, file: "csv" | "json", query = "") => {
  const handler = file === "csv" ? frozenCsv : frozenJson;
  return text(await handler(as.call("GET", `${BASE}/analyses/${id}/export.${file}${query}`), withId(id)));
};
const liveExportOf = async (as: TCaller, file: "csv" | "json", query: string) => {
  const handler = file === "csv" ? liveCsv : liveJson;
  return text(await handler(as.call("GET", `${BASE}/export/aggregates.${file}?${query}`), noParams));
};
/** The generation timestamp is the one thing allowed to differ between two exports of one answer. */
const withoutTimestamp = (body: string) =>
  body.replace(/"generatedAt":"[^"]+"/g, '"generatedAt":"…"').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "…");

/** The cell key of a set of cases, by the database's own record-key expression (RECORD_KEY). */
async function cellKeyOf(ids: readonly string[]): Promise<number> {
  const [row] = await getPrisma().$queryRaw<{ key: bigint }[]>(
    Prisma.sql`SELECT mod(sum(${RECORD_KEY}), 4294967296)::bigint AS key FROM case_report c WHERE c.id::text IN (${Prisma.join(ids)})`,
  );
  return Number(row!.key);
}

/** New first-generation cases: the data change after freezing. */
async function addFirstGenerationCases(n: number, fatal: number) {
  for (let i = 0; i < n; i++) {
    await createCase(
      ZCaseInput.parse({
        sourceId: `LATER-${Date.now()}-${i}`,
        onsetDate: "2023-03-03",
        receivedDate: "2024-12-31",
        country: "US",
        sex: "female",
        ageYears: 40,
        outcome: i < fatal ? "fatal" : "recovered",
        narrative: "added after the freeze",
        reporterType: "physician",
        drugs: [{ name: "haloperidol", role: "suspect" }],
      }),
      { name: "later@nms.test" },
    );
  }
}

describe("the library", () => {
  it("saves a view normalised as its page reads it, lists it as mine, and keeps it from others until shared", async () => {
    const saved = await save(officer, { kind: "dashboard", name: "  Women, exact  ", query: "?sex=female&ci=exact&sex=female&page=2" });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      kind: "dashboard",
      name: "Women, exact",
      query: "sex=female&ci=exact",
      openUrl: "/?sex=female&ci=exact",
      mine: true,
      sharedWith: null,
      frozen: false,
    });

    const listOf = async (as: TCaller) =>
      (await (await listAnalyses(as.call("GET", `${BASE}/analyses`), noParams)).json()) as {
        mine: TAnalysisView[];
        shared: TAnalysisView[];
      };
    expect((await listOf(officer)).mine.map((a) => a.id)).toContain(saved.body.id);
    expect((await listOf(colleague)).shared.map((a) => a.id)).not.toContain(saved.body.id);
    expect((await open(colleague, saved.body.id)).status).toBe(404);

    const shared = await patchAnalysis(
      officer.call("PATCH", `${BASE}/analyses/${saved.body.id}`, { sharedWith: "safety_officer" }),
      withId(saved.body.id),
    );
    expect(shared.status).toBe(200);
    expect((await listOf(colleague)).shared.map((a) => a.id)).toContain(saved.body.id);
    expect((await open(colleague, saved.body.id)).body.analysis).toMatchObject({ mine: false, canChange: false });
    // Shared is not owned: the colleague may open it, not rename or delete it; the researcher never sees it.
    expect(
      (await patchAnalysis(colleague.call("PATCH", `${BASE}/analyses/${saved.body.id}`, { name: "mine now" }), withId(saved.body.id)))
        .status,
    ).toBe(403);
    expect((await deleteAnalysis(colleague.call("DELETE", `${BASE}/analyses/${saved.body.id}`), withId(saved.body.id))).status).toBe(403);
    expect((await open(researcher, saved.body.id)).status).toBe(404);

    const renamed = await patchAnalysis(
      officer.call("PATCH", `${BASE}/analyses/${saved.body.id}`, { name: "Women (exact intervals)", description: "for the Q3 review" }),
      withId(saved.body.id),
    );
    expect(await renamed.json()).toMatchObject({ name: "Women (exact intervals)", description: "for the Q3 review" });
    // An administrator deletes what anyone saved.
    expect((await deleteAnalysis(admin.call("DELETE", `${BASE}/analyses/${saved.body.id}`), withId(saved.body.id))).status).toBe(200);
    expect((await open(officer, saved.body.id)).status).toBe(404);

    const events = await getPrisma().auditEvent.findMany({
      where: { entity: "saved_analysis", entityId: saved.body.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["create", officer.actor],
      ["update", officer.actor],
      ["update", officer.actor],
      ["delete", admin.actor],
    ]);
    expect(events[2]!.after).toMatchObject({
      name: "Women (exact intervals)",
      description: "for the Q3 review",
      sharedWith: "safety_officer",
    });
  });

  it("refuses bad input naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ kind: "chart", name: "x" }, "kind"],
      [{ kind: "dashboard", name: "" }, "name"],
      [{ kind: "dashboard", name: "x", sharedWith: "everyone" }, "sharedWith"],
      [{ kind: "dashboard", name: "x", query: "sex=martian" }, "query.sex"],
      [{ kind: "export", name: "x", query: "by=colour" }, "query.by"],
      [{ kind: "signals", name: "x", query: "source=myspace" }, "query.source"],
      [{ kind: "dashboard", name: "x", freeze: "yes" }, "freeze"],
      [{ kind: "dashboard", name: "x", owner: "someone" }, "owner"],
    ];
    for (const [body, path] of cases) {
      const response = await save(officer, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error!.issues.map((i) => i.path)).toContain(path);
    }
  });
});

describe("frozen results", () => {
  it("keep their numbers after the data change, beside today's with the difference, and export byte for byte", async () => {
    const query = "by=drugClass&ci=exact";
    const before = { csv: await liveExportOf(officer, "csv", query), json: await liveExportOf(officer, "json", query) };
    const saved = await save(officer, { kind: "export", name: "Classes", query, freeze: true });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ frozen: true, query: "by=drugClass&ci=exact" });

    await addFirstGenerationCases(4, 1);
    const after = await liveExportOf(officer, "json", query);
    expect(withoutTimestamp(after.text)).not.toBe(withoutTimestamp(before.json.text));

    const opened = await open(officer, saved.body.id);
    expect(opened.status).toBe(200);
    const frozen = opened.body.frozen;
    if (frozen.status !== "ok" || frozen.result.kind === "signals" || frozen.today.kind === "signals")
      throw new Error("expected a frozen export");
    const first = (data: TAggregatesExport) => data.groups.find((g) => g.key === "first_generation")!;
    expect(frozen.result.sections[0]!.export.total.cases).toBe(FIXTURE_TOTAL);
    expect(first(frozen.result.sections[0]!.export)).toMatchObject({
      cases: CLASS_PLAN.first_generation.cases,
      fatal: CLASS_PLAN.first_generation.fatal,
    });
    expect(first(frozen.today.sections[0]!.export)).toMatchObject({
      cases: CLASS_PLAN.first_generation.cases + 4,
      fatal: CLASS_PLAN.first_generation.fatal + 1,
    });
    expect(frozen.result.dataVersion).not.toBe(frozen.today.dataVersion);
    const row = (key: string, measure: string) => frozen.comparison.rows.find((r) => r.key === key && r.measure === measure)!;
    expect(row("first_generation", "cases")).toMatchObject({ frozen: 12, today: 16, difference: 4 });
    expect(row("first_generation", "fatal")).toMatchObject({ frozen: 2, today: 3, difference: 1 });
    expect(row("total", "cases")).toMatchObject({ frozen: FIXTURE_TOTAL, today: FIXTURE_TOTAL + 4, difference: 4 });
    expect(row("antiemetic", "cases")).toMatchObject({ frozen: 8, today: 8, difference: 0 });

    // The frozen export is the export made at freezing, byte for byte but for its timestamp.
    const csv = await frozenExportOf(officer, saved.body.id, "csv");
    const json = await frozenExportOf(officer, saved.body.id, "json");
    expect(csv.status).toBe(200);
    expect(withoutTimestamp(csv.text)).toBe(withoutTimestamp(before.csv.text));
    expect(withoutTimestamp(json.text)).toBe(withoutTimestamp(before.json.text));
    expect(json.text.length).toBe(before.json.text.length);
  });

  it("freeze a dashboard as one export per breakdown, each selectable for export", async () => {
    const saved = await save(officer, { kind: "dashboard", name: "All", query: "", freeze: true });
    const opened = await open(officer, saved.body.id);
    const frozen = opened.body.frozen;
    if (frozen.status !== "ok" || frozen.result.kind === "signals") throw new Error("expected frozen sections");
    expect(frozen.result.sections.map((s) => s.key)).toEqual(["drugClass", "sex", "ageBand", "outcome", "year"]);
    const sex = await frozenExportOf(officer, saved.body.id, "json", "?section=sex");
    expect((JSON.parse(sex.text) as TAggregatesExport).metadata.query.by).toBe("sex");
    const bad = await frozenExportOf(officer, saved.body.id, "json", "?section=colour");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("section must be one of drugClass, sex, ageBand, outcome, year");
  });

  it("for a researcher are their suppressed export: no small count is stored, and staff results stay out of reach", async () => {
    const query = "by=drugClass";
    const live = await liveExportOf(researcher, "csv", query);
    const liveJsonExport = await liveExportOf(researcher, "json", query);
    const saved = await save(researcher, { kind: "export", name: "Mine", query, freeze: true });
    expect(saved.status).toBe(201);
    expect(saved.body.query).toBe("by=drugClass&ci=wilson&suppress=true&threshold=5");
    // What the database holds: every count 0, at least the threshold, or null.
    const stored = (await getPrisma().savedAnalysis.findUniqueOrThrow({ where: { id: saved.body.id } })).frozen!;
    const counts = [...stored.matchAll(/"(cases|fatal|knownOutcome)":(\d+|null)/g)].map((m) => m[2]!);
    expect(counts.length).toBeGreaterThan(10);
    for (const c of counts) expect(c === "null" || c === "0" || Number(c) >= 5, `stored count ${c}`).toBe(true);
    expect(stored).toContain('"second_generation"');
    const data = JSON.parse(stored) as { audience: unknown; sections: { export: TAggregatesExport }[] };
    expect(data.audience).toEqual({ kind: "researcher", threshold: 5 });
    // The 3 second-generation cases as the cell-key rule publishes them: perturbed by their key
    // (random case ids, so by −2 … +2), then null when the result is under the threshold.
    const olanzapine = fixture.filter((c) => c.input.drugs.some((d) => d.name === CLASS_PLAN.second_generation.drug));
    const published = perturbCount(olanzapine.length, await cellKeyOf(olanzapine.map((c) => c.id)));
    // Under the threshold it is stored hidden; at or over it, as published (or hidden as another
    // cell's complement). Either way the stored groups are the researcher's live export's.
    const stored2g = data.sections[0]!.export.groups.find((g) => g.key === "second_generation")!;
    if (published < 5) expect(stored2g).toMatchObject({ cases: null, suppressed: true });
    else expect(stored2g.cases === published || stored2g.suppressed).toBe(true);
    expect(data.sections[0]!.export.groups).toEqual((JSON.parse(liveJsonExport.text) as TAggregatesExport).groups);
    // Exported later, it is the researcher's live export of that moment (the data since changed).
    const csv = await frozenExportOf(researcher, saved.body.id, "csv");
    expect(csv.status).toBe(200);
    expect(withoutTimestamp(csv.text)).toBe(withoutTimestamp(live.text));

    // A staff-frozen result cannot be shared with researchers, and is not handed to one.
    const staffFrozen = await save(officer, { kind: "export", name: "Exact", query, freeze: true, sharedWith: "researcher" });
    expect(staffFrozen.status).toBe(400);
    expect(staffFrozen.body.error!.issues.map((i) => i.path)).toEqual(["sharedWith"]);
    const exact = await save(officer, { kind: "export", name: "Exact", query, freeze: true });
    const share = await patchAnalysis(
      officer.call("PATCH", `${BASE}/analyses/${exact.body.id}`, { sharedWith: "researcher" }),
      withId(exact.body.id),
    );
    expect(share.status).toBe(400);
    await getPrisma().savedAnalysis.update({ where: { id: exact.body.id }, data: { sharedWith: "researcher" } });
    expect((await open(researcher, exact.body.id)).status).toBe(403);
    expect((await frozenExportOf(researcher, exact.body.id, "csv")).status).toBe(403);
  });

  it("whose stored form fails validation are reported with the failing field, never recomputed", async () => {
    const saved = await save(officer, { kind: "export", name: "To damage", query: "by=sex", freeze: true });
    const row = await getPrisma().savedAnalysis.findUniqueOrThrow({ where: { id: saved.body.id } });
    const damaged = row.frozen!.replace(/"total":\{"cases":\d+/, '"total":{"cases":"many"');
    expect(damaged).not.toBe(row.frozen);
    await getPrisma().savedAnalysis.update({ where: { id: saved.body.id }, data: { frozen: damaged } });

    const opened = await open(officer, saved.body.id);
    expect(opened.status).toBe(200);
    expect(opened.body.frozen).toMatchObject({ status: "invalid" });
    if (opened.body.frozen.status !== "invalid") throw new Error("expected invalid");
    expect(opened.body.frozen.message).toMatch(/damaged and cannot be shown .*not recomputed/);
    expect(opened.body.frozen.issues.map((i) => i.path)).toContain("frozen.sections.0.export.total.cases");
    const csv = await frozenExportOf(officer, saved.body.id, "csv");
    expect(csv.status).toBe(409);
    expect(JSON.parse(csv.text)).toMatchObject({ error: { code: "conflict", issues: [{ path: "frozen.sections.0.export.total.cases" }] } });

    await getPrisma().savedAnalysis.update({ where: { id: saved.body.id }, data: { frozen: "{not json" } });
    const garbled = await open(officer, saved.body.id);
    expect(garbled.body.frozen).toMatchObject({ status: "invalid", issues: [{ path: "frozen", message: "is not valid JSON" }] });
  });

  it("of a signals view keep the signals report", async () => {
    const saved = await save(officer, { kind: "signals", name: "FAERS", query: "source=faers&sort=ror", freeze: true });
    expect(saved.status).toBe(201);
    expect(saved.body.openUrl).toBe("/signals?sort=ror&source=faers");
    const opened = await open(officer, saved.body.id);
    expect(opened.body.frozen).toMatchObject({ status: "ok", result: { kind: "signals", signals: { query: { source: "faers" } } } });
    expect((await frozenExportOf(officer, saved.body.id, "csv")).status).toBe(400);
  });
});
