// Baselines editable by administrators through the API: a citation is required, figures must fit
// how they are stated, every change is audited with before and after, and other roles are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/v1/baselines/[key]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/baselines/route";
import { getPrisma } from "@/lib/db/client";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
let admin: Awaited<ReturnType<typeof requestsAs>>;
let researcher: Awaited<ReturnType<typeof requestsAs>>;
const URL = "http://x/api/v1/baselines";
const withKey = (key: string) => ({ params: Promise.resolve({ key }) });

const NEW = {
  key: "example-2020-case-fatality",
  metric: "case_fatality",
  value: 0.08,
  low: null,
  high: null,
  unit: "proportion",
  population: "reported NMS cases, one registry",
  period: "2015–2019",
  citation: "Author A, Author B. A case-fatality study. J Example. 2020;1(1):1–9. doi:10.0000/example",
  quote: null,
  setting: "case_reports",
  drugClass: null,
  periodStart: 2015,
  periodEnd: 2019,
  design: "case_series",
  statement: "about",
  via: null,
  checked: "Abstract read by the administrator",
};

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  admin = await requestsAs("admin");
  researcher = await requestsAs("researcher");
});
afterAll(() => database.close());

describe("baselines API for administrators", () => {
  it("adds a baseline, audited; the list returns it with its comparability fields", async () => {
    const created = await createRoute(admin("POST", URL, NEW), noParams);
    expect(created.status).toBe(201);
    const { baselines } = (await (await listRoute(researcher("GET", URL), noParams)).json()) as {
      baselines: { key: string; statement: string; periodEnd: number }[];
    };
    expect(baselines.find((b) => b.key === NEW.key)).toMatchObject({ statement: "about", periodEnd: 2019 });
    const event = await getPrisma().auditEvent.findFirst({ where: { entity: "baseline", entityId: NEW.key, action: "create" } });
    expect(event?.actor).toBe("token:test-admin");
  });

  it("requires a citation with a year, and figures that fit their statement", async () => {
    const noCitation = await createRoute(admin("POST", URL, { ...NEW, key: "x-1", citation: "" }), noParams);
    expect(noCitation.status).toBe(400);
    expect(JSON.stringify(await noCitation.json())).toMatch(/citation/);
    const range = await createRoute(admin("POST", URL, { ...NEW, key: "x-2", statement: "range", low: null, high: 0.2 }), noParams);
    expect(range.status).toBe(400);
    expect(JSON.stringify(await range.json())).toMatch(/a range needs low and high/);
    const percent = await createRoute(admin("POST", URL, { ...NEW, key: "x-3", value: 8 }), noParams);
    expect(JSON.stringify(await percent.json())).toMatch(/fraction/);
  });

  it("corrects a figure with before and after in the audit trail; a patch that breaks consistency is refused", async () => {
    const patched = await patchRoute(admin("PATCH", `${URL}/${NEW.key}`, { value: 0.09 }), withKey(NEW.key));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ value: 0.09, citation: NEW.citation });
    const event = await getPrisma().auditEvent.findFirst({ where: { entity: "baseline", entityId: NEW.key, action: "update" } });
    expect(event).toMatchObject({ before: { value: 0.08 }, after: { value: 0.09 } });
    const broken = await patchRoute(admin("PATCH", `${URL}/${NEW.key}`, { statement: "range" }), withKey(NEW.key));
    expect(broken.status).toBe(400);
  });

  it("refuses other roles, unknown keys and duplicate keys", async () => {
    expect((await createRoute(researcher("POST", URL, { ...NEW, key: "r-1" }), noParams)).status).toBe(403);
    expect((await patchRoute(admin("PATCH", `${URL}/nope`, { value: 0.1 }), withKey("nope"))).status).toBe(404);
    expect((await createRoute(admin("POST", URL, NEW), noParams)).status).toBe(409);
  });

  it("the reference-data writer removes withdrawn overview figures, audited, and keeps administrators' baselines", async () => {
    const { key: _key, ...fields } = NEW;
    await getPrisma().baseline.create({
      data: { ...fields, key: "overview-case-fatality-about-10pct", citation: "NMS overview (seeds/000_3fe151248e624ce0.txt)" },
    });
    await writeReferenceData();
    expect(await getPrisma().baseline.findUnique({ where: { key: "overview-case-fatality-about-10pct" } })).toBeNull();
    expect(
      await getPrisma().auditEvent.count({
        where: { entity: "baseline", entityId: "overview-case-fatality-about-10pct", action: "delete", actor: "system:reference-data" },
      }),
    ).toBe(1);
    expect(await getPrisma().baseline.findUnique({ where: { key: NEW.key } })).not.toBeNull();
  });

  it("deletes a baseline, audited", async () => {
    expect((await deleteRoute(admin("DELETE", `${URL}/${NEW.key}`), withKey(NEW.key))).status).toBe(200);
    expect(await getPrisma().baseline.findUnique({ where: { key: NEW.key } })).toBeNull();
    expect(await getPrisma().auditEvent.count({ where: { entity: "baseline", entityId: NEW.key, action: "delete" } })).toBe(1);
  });
});
