// A researcher cannot reach case-level data through any route, export or API call: every route
// of the access table, called as a researcher (with queries that exercise it), answers without
// any fixture case's id, source id, narrative or reported drug name.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReferenceData } from "@/seed/write-reference-data";
import type { TAccess } from "./access/roles";
import { requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { identifyingStrings, writeFixtureCases, type TFixtureCase } from "../exports/fixture-cases";

const ACCESS: Record<string, TAccess> = Object.assign(
  {},
  ...Object.values(import.meta.glob<{ ACCESS: Record<string, TAccess> }>("./access/*.ts", { eager: true })).map((m) => m.ACCESS),
) as Record<string, TAccess>;

/** Queries that make a route return as much as it can; a route not listed is called bare. */
const QUERIES: Record<string, string[]> = {
  "v1/aggregates": ["by=drug&then=country", "by=source&then=sex", "by=year&then=outcome", "by=ageBand&then=drugClass&ci=exact"],
  "v1/export/aggregates.json": ["by=drug&then=country", "by=outcome&then=sex", "by=year"],
  "v1/export/aggregates.csv": ["by=drug&then=country", "by=country", "by=sex&then=ageBand"],
  "v1/cases": ["", "q=LEAK"],
  "v1/export/cases.csv": [""],
  "v1/catalogue": ["q=halo", "q=zz-leak"],
  "v1/audit": [""],
};

let database: TTestDatabase;
let fixture: TFixtureCase[];
let researcher: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  fixture = await writeFixtureCases();
  researcher = await requestsAs("researcher");
});
afterAll(() => database.close());

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe("a researcher and case-level data", () => {
  it("no route, export or API call answers a researcher with a case's id, source id, narrative or drug names", async () => {
    const secrets = identifyingStrings(fixture);
    expect(secrets.length).toBeGreaterThan(3 * fixture.length);
    const id = fixture[0]!.id;
    const checked: string[] = [];
    for (const [key, access] of Object.entries(ACCESS)) {
      const [route, method] = key.split(" ") as [string, string];
      const handler = ((await import(path.resolve("app/api", route, "route.ts"))) as Record<string, Handler>)[method]!;
      for (const query of QUERIES[route] ?? [""]) {
        const url = `http://nms.test/api/${route.replace("[id]", id)}?${query}${method === "DELETE" ? "&revision=1" : ""}`;
        const body = method === "GET" || method === "DELETE" ? undefined : fixture[0]!.input;
        const response = await handler(researcher(method, url, body), { params: Promise.resolve({ id }) });
        const text = await response.text();
        for (const secret of secrets) expect(text, `${method} ${url} leaks "${secret}"`).not.toContain(secret);
        // No case fields either (the OpenAPI document names them as schema properties, holding no data).
        if (route !== "v1/openapi.json") expect(text, `${method} ${url}`).not.toMatch(/"(narrative|sourceId|reportedName)":/);
        if (access !== "public" && !access.includes("researcher")) expect(response.status, `${method} ${url}`).toBe(403);
        checked.push(`${method} ${url} → ${response.status}`);
      }
    }
    // The researcher's own routes did answer (a refusal everywhere would prove nothing).
    expect(checked.filter((line) => / → 200$/.test(line)).length).toBeGreaterThan(10);
  });
});
