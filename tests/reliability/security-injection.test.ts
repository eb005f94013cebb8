// Injection through the API on a real database: SQL in every text field is stored and returned
// verbatim without touching another row, SQL in every filter matches only literally (or is a 400),
// markup comes back as JSON text, and CSV exports neutralise formula-leading cells.
// Already covered elsewhere, not repeated: the cell rule itself (tests/unit/exports/csv-safe.test.ts)
// and one formula case per text column of the line listing (tests/integration/exports).
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as aggregates } from "@/app/api/v1/aggregates/route";
import { GET as audit } from "@/app/api/v1/audit/route";
import { GET as getCase } from "@/app/api/v1/cases/[id]/route";
import { GET as listCases, POST as createCase } from "@/app/api/v1/cases/route";
import { GET as catalogue } from "@/app/api/v1/catalogue/route";
import { GET as aggregatesCsv } from "@/app/api/v1/export/aggregates.csv/route";
import { GET as casesCsv } from "@/app/api/v1/export/cases.csv/route";
import { GET as signals } from "@/app/api/v1/signals/route";
import { getPrisma } from "@/lib/db/client";
import { formatCell } from "@/lib/imports/csv/cells";
import { DIMENSIONS } from "@/lib/queries/aggregates/query-schema";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs, withId } from "../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../helpers/test-database";
import { writeFixtureCases } from "../integration/exports/fixture-cases";
import { caseBody } from "./fuzz-case-bodies";
import { MARKUP, SQL_INJECTIONS, fuzzParams } from "./fuzz-support";

let database: TTestDatabase;
let admin: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeFixtureCases();
  admin = await requestsAs("admin");
});
afterAll(() => database.close());

const BASE = "http://nms.test/api/v1";
type THandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const get = async (handler: THandler, path: string) => {
  const response = await handler(admin("GET", `${BASE}${path}`), noParams);
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
};
const create = async (body: Record<string, unknown>) => {
  const response = await createCase(admin("POST", `${BASE}/cases`, body), noParams);
  return {
    status: response.status,
    body: (await response.json()) as {
      id: string;
      sourceId: string;
      narrative: string | null;
      drugs: { name: string; dose: string | null; route: string | null }[];
    },
  };
};
const snapshot = async () => getPrisma().caseReport.findMany({ orderBy: { id: "asc" }, include: { drugs: { orderBy: { id: "asc" } } } });

describe("SQL injection", () => {
  it("in every text field: stored and returned verbatim, no other row touched", async () => {
    for (const [i, sql] of SQL_INJECTIONS.entries()) {
      const before = await snapshot();
      const input = { ...caseBody(`SQLI-${i} ${sql}`), narrative: sql, drugs: [{ name: sql, role: "suspect", dose: sql, route: sql }] };
      const created = await create(input);
      expect(created.status, sql).toBe(201);
      const read = await getCase(admin("GET", `${BASE}/cases/${created.body.id}`), withId(created.body.id));
      const stored = (await read.json()) as typeof created.body;
      expect(stored.sourceId).toBe(`SQLI-${i} ${sql}`);
      expect(stored.narrative).toBe(sql);
      expect(stored.drugs).toEqual([expect.objectContaining({ name: sql, dose: sql, route: sql })]);
      const after = await snapshot();
      expect(after).toHaveLength(before.length + 1);
      expect(after.filter((row) => row.id !== created.body.id)).toEqual(before);
    }
  });

  it("in every filter: a 400, or only the rows that contain the text literally — never everything", async () => {
    const everything = await getPrisma().caseReport.count({ where: { deletedAt: null } });
    const rows = await snapshot();
    for (const sql of SQL_INJECTIONS) {
      const q = encodeURIComponent(sql);
      // Free-text search matches the literal text (here: the cases stored by the test above).
      const needle = sql.trim().toLowerCase();
      const literal = rows.filter((r) =>
        [r.sourceId, r.narrative ?? "", ...r.drugs.map((d) => d.reportedName)].some((t) => t.toLowerCase().includes(needle)),
      );
      const search = await get(listCases, `/cases?q=${q}&pageSize=200`);
      expect(search.status, sql).toBe(200);
      const found = JSON.parse(search.text) as { total: number; cases: { id: string }[] };
      expect(found.cases.map((c) => c.id).sort(), sql).toEqual(literal.map((r) => r.id).sort());
      expect(found.total).toBeLessThan(everything);

      for (const name of ["drug", "country", "sex", "ageBand", "outcome", "source", "drugClass", "latency", "sort", "from", "page"]) {
        const answer = await get(listCases, `/cases?${name}=${q}`);
        if (answer.status === 200) expect((JSON.parse(answer.text) as { total: number }).total, `${name}=${sql}`).toBe(0);
        else expect(answer.status, `${name}=${sql}`).toBe(400);
      }
      for (const name of ["drug", "country", "sex", "outcome", "source", "drugClass", "ageBand", "from", "meetsConsensus", "then"]) {
        expect((await get(aggregates, `/aggregates?by=sex&${name}=${q}`)).status, `aggregates ${name}=${sql}`).toBe(400);
      }
      expect((await get(aggregates, `/aggregates?by=${q}`)).status).toBe(400);
      expect((await get(signals, `/signals?drug=${q}`)).status).toBe(400);
      // The catalogue search runs in memory (no SQL): fuzzy matches on words like "or" are fine, a dump is not.
      const lookup = await get(catalogue, `/catalogue?q=${q}`);
      expect(lookup.status).toBe(200);
      expect((JSON.parse(lookup.text) as { drugs: unknown[] }).drugs.length).toBeLessThanOrEqual(10);
      for (const name of ["actor", "entity", "entityId"]) {
        const answer = await get(audit, `/audit?${name}=${q}`);
        expect(answer.status, `audit ${name}=${sql}`).toBe(200);
        expect((JSON.parse(answer.text) as { total: number }).total, `audit ${name}=${sql}`).toBe(0);
      }
    }
    // And nothing was dropped or emptied along the way.
    expect(await getPrisma().caseReport.count({ where: { deletedAt: null } })).toBe(everything);
  });
});

describe("markup", () => {
  it("in the narrative and drug names is stored verbatim and served as JSON text, never as HTML", async () => {
    for (const [i, html] of MARKUP.entries()) {
      const created = await create({ ...caseBody(`HTML-${i}`), narrative: html, drugs: [{ name: html, role: "suspect" }] });
      expect(created.status, html).toBe(201);
      const read = await getCase(admin("GET", `${BASE}/cases/${created.body.id}`), withId(created.body.id));
      expect(read.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await read.json()) as typeof created.body;
      expect(body.narrative).toBe(html);
      expect(body.drugs[0]?.name).toBe(html);
      const listing = await get(listCases, `/cases?q=${encodeURIComponent(`HTML-${i}`)}`);
      expect(listing.type).toMatch(/^application\/json/);
      expect(JSON.stringify(JSON.parse(listing.text))).toContain(JSON.stringify(html).slice(1, -1));
    }
  });
});

/** The rule, restated independently of lib/exports/csv-safe: a formula-leading text cell gets a leading '. */
const FORMULA_LEAD = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"];
const isPlainNumber = (text: string) => /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
const expectedCell = (text: string) => (FORMULA_LEAD.some((c) => text.startsWith(c)) && !isPlainNumber(text) ? `'${text}` : text);
const expectNoLiveFormula = (cells: string[][], label: string) => {
  for (const cell of cells.flat()) {
    if (FORMULA_LEAD.some((c) => cell.startsWith(c)))
      expect(isPlainNumber(cell), `${label}: live formula cell ${JSON.stringify(cell)}`).toBe(true);
  }
};

describe("CSV formula injection", () => {
  it("every text cell of the line-listing CSV that could run as a formula is neutralised (fuzzed)", async () => {
    let n = 0;
    const risky = fc.tuple(
      fc.constantFrom(...FORMULA_LEAD),
      fc.string({ maxLength: 30 }).map((s) => s.replace(/[\0;:\uD800-\uDFFF]/g, "")),
    );
    await fc.assert(
      fc.asyncProperty(risky, risky, risky, async ([a, restA], [b, restB], [c, restC]) => {
        const tag = `FX${++n}Z`;
        const created = await create({
          ...caseBody(`${a}${restA}${tag}`),
          narrative: `${b}${restB}`,
          drugs: [{ name: `${c}${restC}x`, role: "suspect" }],
        });
        if (created.status !== 201) return; // e.g. the name trims to nothing: nothing stored, nothing exported
        const answer = await get(casesCsv, `/export/cases.csv?q=${tag}`);
        expect(answer.status).toBe(200);
        const rows = parse<Record<string, string>>(answer.text, { columns: true, relax_quotes: true });
        const row = rows.find((r) => r.source_id === expectedCell(created.body.sourceId));
        expect(row, `row for ${JSON.stringify(created.body.sourceId)}`).toBeDefined();
        expect(row!.narrative).toBe(expectedCell(`${b}${restB}`));
        // The drugs cell as the canonical CSV writes it (name:role, or JSON when the name needs it), then guarded.
        expect(row!.drugs).toBe(expectedCell(formatCell("drugs", [{ name: created.body.drugs[0]!.name, role: "suspect" }])));
        expectNoLiveFormula(
          rows.map((r) => Object.values(r)),
          "cases.csv",
        );
      }),
      fuzzParams(60),
    );
  });

  it("the aggregates CSV has no live formula cell, for every dimension and cross-tab", async () => {
    for (const by of DIMENSIONS) {
      for (const then of ["", ...DIMENSIONS.filter((d) => d !== by).slice(0, 2)]) {
        const answer = await get(aggregatesCsv, `/export/aggregates.csv?by=${by}${then ? `&then=${then}` : ""}`);
        expect(answer.status, `${by} × ${then}`).toBe(200);
        const cells: string[][] = parse(answer.text, { relax_column_count: true });
        expectNoLiveFormula(cells, `aggregates.csv by=${by} then=${then}`);
      }
    }
  });
});
