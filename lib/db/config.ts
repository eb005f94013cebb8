// Environment contract, validated once. A malformed variable is reported in one
// line that names it; nothing else in the code reads these variables directly.
import path from "node:path";
import { z } from "zod";

export class ConfigError extends Error {
  override name = "ConfigError";
}

const ZDatabaseUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), "must start with postgres:// or postgresql://")
  .refine((v) => {
    try {
      return new URL(v).hostname !== "";
    } catch {
      return false;
    }
  }, "is not a valid connection URL (postgresql://user@host:port/database)");

const ZEnv = z.object({
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), ZDatabaseUrl.optional()),
  NMS_DATA_DIR: z.string().trim().min(1, "must not be empty").default("./.data"),
  NMS_DEMO_DATA: z.enum(["on", "off"], { message: "must be 'on' or 'off'" }).default("on"),
  /** The exact aggregate answer cache (lib/queries/aggregates/answer-cache.ts); off to measure without it. */
  NMS_AGGREGATE_CACHE: z.enum(["on", "off"], { message: "must be 'on' or 'off'" }).default("on"),
  PORT: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1).max(65535).default(3000),
  /** Set by the process that owns the embedded database for the app it starts. */
  NMS_DATABASE_KIND: z.enum(["embedded", "postgres"]).optional(),
});

export type TEnv = {
  databaseUrl: string | undefined;
  dataDir: string;
  demoData: boolean;
  aggregateCache: boolean;
  port: number;
  databaseKind: "embedded" | "postgres";
};

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function readEnv(env: Record<string, string | undefined> = process.env): TEnv {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const shown = name === "DATABASE_URL" ? "" : ` (got "${String(env[name])}")`;
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}${shown}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.NMS_DATA_DIR),
    demoData: e.NMS_DEMO_DATA === "on",
    aggregateCache: e.NMS_AGGREGATE_CACHE === "on",
    port: e.PORT,
    databaseKind: e.NMS_DATABASE_KIND ?? (e.DATABASE_URL ? "postgres" : "embedded"),
  };
}
