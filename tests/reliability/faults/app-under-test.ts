// The production app on a Postgres database of its own, with API tokens, for the outage and
// load tests; and a timed HTTP client that records what every request got back.
import { createApiToken } from "@/lib/auth/api-tokens";
import { getPrisma } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import type { Role } from "@/lib/domain/vocabulary";
import { startApp, type TAppServer } from "../../../scripts/app-server";
import { createServerDatabase, type TServerDatabase } from "./fault-helpers";

export type TAppOnServer = { app: TAppServer; database: TServerDatabase; token: (role: Role) => Promise<string>; close(): Promise<void> };

/**
 * `npm start` against a new, empty database (the serve script migrates it and loads reference
 * data), on `server` (default: the test server).
 */
export async function startAppOnServer(purpose: string, server?: string): Promise<TAppOnServer> {
  const database = await createServerDatabase(purpose, { migrate: false, server });
  let app: TAppServer;
  try {
    app = await startApp({ DATABASE_URL: database.url, NMS_DEMO_DATA: "off" });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    app,
    database,
    token: async (role) => {
      process.env.DATABASE_URL = database.url;
      try {
        return (await createApiToken({ name: `${purpose}-${role}`, role })).token;
      } finally {
        // The test process keeps no connections: a server restart must not find any of ours.
        await getPrisma().$disconnect();
        await closePgPool();
      }
    },
    close: async () => {
      await app.stop();
      await database.drop();
    },
  };
}

export type TAnswer = {
  method: string;
  path: string;
  status: number;
  /** `error.code` of the envelope, when the body is one. */
  code: string | null;
  body: unknown;
  startedAt: number;
  endedAt: number;
  /** "timeout" when no answer came in time, "network" when the connection failed. */
  failure: "timeout" | "network" | null;
};

export const REQUEST_TIMEOUT_MS = 15_000;

function envelopeCode(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const error = body.error;
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  const code = error.code;
  return typeof code === "string" ? code : null;
}

/** One request with a bearer token; never throws — a failure is recorded in the answer. */
export async function call(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<TAnswer> {
  const startedAt = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      // not JSON: kept as text, and it will fail the envelope checks
    }
    return {
      method,
      path,
      status: response.status,
      code: envelopeCode(parsed),
      body: parsed,
      startedAt,
      endedAt: performance.now(),
      failure: null,
    };
  } catch (error) {
    const failure = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "network";
    return { method, path, status: 0, code: null, body: String(error), startedAt, endedAt: performance.now(), failure };
  }
}

/** A valid new case (ZCaseInput), unique by its source id. */
export function newCaseBody(sourceId: string, index: number): Record<string, unknown> {
  const sexes = ["male", "female", "unknown"];
  const outcomes = ["recovered", "fatal", "recovering", "unknown"];
  const drugs = ["haloperidol", "olanzapine", "risperidone", "metoclopramide", "quetiapine"];
  return {
    sourceId,
    onsetDate: `2024-0${1 + (index % 9)}-02`,
    receivedDate: `2024-0${1 + (index % 9)}-09`,
    sex: sexes[index % sexes.length],
    ageYears: 18 + (index % 60),
    // A reporter makes it a valid case (ICH E2D minimum criteria), so it counts: a draft would not.
    reporterType: "physician",
    maxTempC: 38 + (index % 30) / 10,
    ckMax: 500 + index * 7,
    rigidity: index % 2 === 0,
    mentalStatusChange: true,
    outcome: outcomes[index % outcomes.length],
    drugs: [{ name: drugs[index % drugs.length], role: "suspect", startDate: "2023-12-20" }],
  };
}
