// Every route handler × every role: anonymous callers get 401, roles outside a route's list
// get 403, allowed roles get through (whatever the route then answers). A route file or method
// missing from the table fails the test, so a new route cannot ship unguarded by accident.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/domain/vocabulary";
import type { TAccess } from "./access/roles";
import { requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

// The table is assembled from one file per area (access/*.ts), so each area lists its own routes.
const ACCESS: Record<string, TAccess> = Object.assign(
  {},
  ...Object.values(import.meta.glob<{ ACCESS: Record<string, TAccess> }>("./access/*.ts", { eager: true })).map((m) => m.ACCESS),
) as Record<string, TAccess>;
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;
const API_DIR = path.resolve("app/api");

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(API_DIR, path.dirname(full))] : [];
  });
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function handlersOf(route: string): Promise<[string, Handler][]> {
  const exports = (await import(path.join(API_DIR, route, "route.ts"))) as Record<string, unknown>;
  return METHODS.filter((m) => typeof exports[m] === "function").map((m) => [m, exports[m] as Handler]);
}

let database: TTestDatabase;
const callers = new Map<Role, Awaited<ReturnType<typeof requestsAs>>>();
beforeAll(async () => {
  database = await openTestDatabase();
  for (const role of ROLES) callers.set(role, await requestsAs(role));
});
afterAll(() => database.close());

const SOME_ID = "00000000-0000-4000-8000-000000000000";
const context = { params: Promise.resolve({ id: SOME_ID }) };
const url = (route: string) => `http://nms.test/api/${route.replace("[id]", SOME_ID)}?revision=1`;

describe("route × role", () => {
  it("lists every route handler in the access table", async () => {
    const found: string[] = [];
    for (const route of routeFiles()) for (const [method] of await handlersOf(route)) found.push(`${route} ${method}`);
    expect(found.sort()).toEqual(Object.keys(ACCESS).sort());
  });

  for (const [key, access] of Object.entries(ACCESS)) {
    const [route, method] = key.split(" ") as [string, string];
    it(`${method} /api/${route}`, async () => {
      const handler = (await handlersOf(route)).find(([m]) => m === method)?.[1];
      expect(handler, "handler exists").toBeDefined();
      const body = method === "GET" || method === "DELETE" ? undefined : {};
      const anonymous = await handler!(new Request(url(route), { method, body: body && JSON.stringify(body) }), context);
      if (access === "public") {
        expect(anonymous.status).not.toBe(403);
        return;
      }
      expect(anonymous.status).toBe(401);
      for (const role of ROLES) {
        const response = await handler!(callers.get(role)!(method, url(route), body), context);
        if (access.includes(role)) expect([401, 403], `${role} should get through`).not.toContain(response.status);
        else expect(response.status, `${role} must be refused`).toBe(403);
      }
    });
  }
});
