// Environment contract, validated once. A malformed variable is reported in one
// line that names it; nothing else reads these variables. A few switches are read where they act:
// NMS_TRUST_PROXY (lib/api/request.ts, lib/api/response-headers.ts, lib/auth/guard.ts), the
// diagnostics NMS_DEBUG and NMS_DEBUG_SCHEMA_ENGINE, and the CLI's NMS_NEW_PASSWORD.
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

/** An http(s) base URL, kept without its trailing slash. */
const ZBaseUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return ["http:", "https:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL")
  .transform((v) => v.replace(/\/+$/, ""));

/** One or more read replicas, comma-separated (docs/deployment.md); each a postgres:// URL. */
const ZReadUrls = z
  .string()
  .transform((v) => v.split(",").map((part) => part.trim()))
  .pipe(z.array(ZDatabaseUrl).min(1, "must name at least one replica"));

const ZEnv = z.object({
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), ZDatabaseUrl.optional()),
  /** Streaming replicas that aggregates, signals, listings and exports read from (lib/db/replicas.ts). */
  DATABASE_READ_URL: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), ZReadUrls.optional()),
  /** A replica further behind the primary than this is not read from until it catches up. */
  NMS_REPLICA_MAX_LAG_SECONDS: z.coerce.number({ message: "must be a number" }).min(0, "must not be negative").max(86_400).default(10),
  NMS_DATA_DIR: z.string().trim().min(1, "must not be empty").default("./.data"),
  NMS_DEMO_DATA: z.enum(["on", "off"], { message: "must be 'on' or 'off'" }).default("on"),
  /** The exact aggregate answer cache (lib/queries/aggregates/answer-cache.ts); off to measure without it. */
  NMS_AGGREGATE_CACHE: z.enum(["on", "off"], { message: "must be 'on' or 'off'" }).default("on"),
  PORT: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1).max(65535).default(3000),
  /** Set by the process that owns the embedded database for the app it starts. */
  NMS_DATABASE_KIND: z.enum(["embedded", "postgres"]).optional(),
  // Feeds (docs/feeds.md): where they download from, how fast, when the app runs them.
  NMS_OPENFDA_URL: ZBaseUrl.default("https://api.fda.gov"),
  OPENFDA_API_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, '-' or '_'")
      .optional(),
  ),
  NMS_OPENFDA_REQUESTS_PER_MINUTE: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1)
    .max(100_000)
    .default(240),
  NMS_FAERS_URL: ZBaseUrl.default("https://fis.fda.gov/content/Exports"),
  NMS_FEED_SCHEDULE: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().optional()),
  NMS_FEED_DIR: z.string().trim().min(1, "must not be empty").optional(),
  /** The browser `cli report` prints its PDF with (docs/report.md). */
  CHROMIUM_PATH: z.string().trim().min(1, "must not be empty").default("/usr/bin/chromium"),
});

export type TEnv = {
  databaseUrl: string | undefined;
  /** Read replicas of DATABASE_URL's server (empty: every read goes to the primary). */
  readUrls: string[];
  replicaMaxLagSeconds: number;
  dataDir: string;
  demoData: boolean;
  aggregateCache: boolean;
  port: number;
  databaseKind: "embedded" | "postgres";
  feeds: {
    openFdaUrl: string;
    openFdaApiKey: string | undefined;
    openFdaRequestsPerMinute: number;
    faersUrl: string;
    /** A cron expression (validated where it is scheduled: lib/feeds/schedule.ts); unset = no schedule. */
    schedule: string | undefined;
    /** Downloads in progress (openFDA pages, FAERS ZIPs); default <NMS_DATA_DIR>/feeds. */
    dir: string;
  };
  chromiumPath: string;
};

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function readEnv(env: Record<string, string | undefined> = process.env): TEnv {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    // URLs may hold passwords: never echoed.
    const shown = ["DATABASE_URL", "DATABASE_READ_URL", "OPENFDA_API_KEY"].includes(name) ? "" : ` (got "${String(env[name])}")`;
    // A replica list names which entry is wrong (the path's second element).
    const entry = name === "DATABASE_READ_URL" && typeof issue?.path[1] === "number" ? ` (entry ${issue.path[1] + 1})` : "";
    throw new ConfigError(`${name}${entry} ${issue?.message ?? "is invalid"}${shown}`);
  }
  const e = parsed.data;
  const databaseKind = e.NMS_DATABASE_KIND ?? (e.DATABASE_URL ? "postgres" : "embedded");
  if (e.DATABASE_READ_URL && databaseKind !== "postgres") {
    throw new ConfigError("DATABASE_READ_URL needs DATABASE_URL: replicas are of a Postgres server, not of the embedded database");
  }
  return {
    databaseUrl: e.DATABASE_URL,
    readUrls: e.DATABASE_READ_URL ?? [],
    replicaMaxLagSeconds: e.NMS_REPLICA_MAX_LAG_SECONDS,
    dataDir: path.resolve(e.NMS_DATA_DIR),
    demoData: e.NMS_DEMO_DATA === "on",
    aggregateCache: e.NMS_AGGREGATE_CACHE === "on",
    port: e.PORT,
    databaseKind,
    feeds: {
      openFdaUrl: e.NMS_OPENFDA_URL,
      openFdaApiKey: e.OPENFDA_API_KEY,
      openFdaRequestsPerMinute: e.NMS_OPENFDA_REQUESTS_PER_MINUTE,
      faersUrl: e.NMS_FAERS_URL,
      schedule: e.NMS_FEED_SCHEDULE,
      dir: path.resolve(e.NMS_FEED_DIR ?? path.join(e.NMS_DATA_DIR, "feeds")),
    },
    chromiumPath: e.CHROMIUM_PATH,
  };
}
