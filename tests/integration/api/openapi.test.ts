// The OpenAPI document covers the API: every route handler under app/api appears with its
// method, the roles it documents are the access table's, every $ref resolves, and the
// document is served to anyone at /api/v1/openapi.json.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as openapiRoute } from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { TAccess } from "../security/access/roles";

const ACCESS: Record<string, TAccess> = Object.assign(
  {},
  ...Object.values(import.meta.glob<{ ACCESS: Record<string, TAccess> }>("../security/access/*.ts", { eager: true })).map((m) => m.ACCESS),
) as Record<string, TAccess>;
const API_DIR = path.resolve("app/api");
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(API_DIR, path.dirname(full))] : [];
  });
}

/** Every `{"$ref": …}` in a value. */
const refs = (value: unknown): string[] =>
  value && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refs(v)))
    : [];

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("lists every route handler with its method, and the roles the access table gives it", async () => {
    const missing: string[] = [];
    for (const route of routeFiles()) {
      const exports = (await import(path.join(API_DIR, route, "route.ts"))) as Record<string, unknown>;
      const apiPath = `/api/${route.replace(/\[(\w+)\]/g, "{$1}")}`;
      for (const method of METHODS.filter((m) => typeof exports[m] === "function")) {
        const operation = (document.paths as Record<string, Record<string, { "x-roles": unknown }>>)[apiPath]?.[method.toLowerCase()];
        if (!operation) {
          missing.push(`${method} ${apiPath}`);
          continue;
        }
        const access = ACCESS[`${route} ${method}`];
        if (access) expect(operation["x-roles"], `${method} ${apiPath}`).toEqual(access === "public" ? "public" : [...access]);
      }
    }
    expect(missing, "add these to lib/api/openapi.ts").toEqual([]);
  });

  it("is OpenAPI 3.1 whose references all resolve, with the zod schemas as components", () => {
    expect(document.openapi).toBe("3.1.0");
    const schemas = document.components.schemas;
    for (const ref of refs(document)) expect(schemas[ref.replace("#/components/schemas/", "")], ref).toBeDefined();
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(["CaseInput", "CasePatch", "CaseListQuery", "AggregateQuery", "Login", "Error"]),
    );
    expect(schemas.CaseInput).toMatchObject({ type: "object", required: expect.arrayContaining(["sourceId"]) as unknown });
    const aggregates = (document.paths["/api/v1/aggregates"] as { get: { parameters: { name: string; required: boolean }[] } }).get;
    expect(aggregates.parameters.find((p) => p.name === "by")).toMatchObject({ required: true });
  });

  it("is served to anyone", async () => {
    const response = await openapiRoute();
    expect(response.status).toBe(200);
    expect(((await response.json()) as { info: { title: string } }).info.title).toBe("NMS Watch API");
  });
});
