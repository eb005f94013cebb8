// Malformed environment → one line naming the variable; an unreachable database → the health
// route answers 503 with the error envelope, never a stack trace.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, readEnv } from "@/lib/db/config";

const run = promisify(execFile);

describe("readEnv", () => {
  it.each([
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL"],
    [{ DATABASE_URL: "postgres://" }, "DATABASE_URL"],
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ NMS_DEMO_DATA: "maybe" }, "NMS_DEMO_DATA"],
    [{ NMS_AGGREGATE_CACHE: "yes" }, "NMS_AGGREGATE_CACHE"],
    [{ NMS_DATA_DIR: "  " }, "NMS_DATA_DIR"],
    [{ NMS_OPENFDA_URL: "ftp://api.fda.gov" }, "NMS_OPENFDA_URL"],
    [{ OPENFDA_API_KEY: "key with spaces" }, "OPENFDA_API_KEY"],
    [{ NMS_OPENFDA_REQUESTS_PER_MINUTE: "fast" }, "NMS_OPENFDA_REQUESTS_PER_MINUTE"],
    [{ NMS_FEED_DIR: " " }, "NMS_FEED_DIR"],
    [{ CHROMIUM_PATH: "" }, "CHROMIUM_PATH"],
    [{ DATABASE_URL: "postgresql://p@h/db", DATABASE_READ_URL: "replica.example:5432" }, "DATABASE_READ_URL"],
    [{ DATABASE_URL: "postgresql://p@h/db", DATABASE_READ_URL: "postgresql://r1@h1/db,mysql://r2@h2/db" }, "DATABASE_READ_URL"],
    [{ DATABASE_URL: "postgresql://p@h/db", DATABASE_READ_URL: "postgresql://r1@h1/db,," }, "DATABASE_READ_URL"],
    [{ DATABASE_READ_URL: "postgresql://r1@h1/db" }, "DATABASE_READ_URL"],
    [{ NMS_REPLICA_MAX_LAG_SECONDS: "soon" }, "NMS_REPLICA_MAX_LAG_SECONDS"],
    [{ NMS_REPLICA_MAX_LAG_SECONDS: "-1" }, "NMS_REPLICA_MAX_LAG_SECONDS"],
  ])("rejects %o naming %s", (env, variable) => {
    expect(() => readEnv(env)).toThrow(ConfigError);
    expect(() => readEnv(env)).toThrow(new RegExp(`^${variable} `));
  });

  it("reads one or more replicas from DATABASE_READ_URL, names the bad entry and never echoes a URL", () => {
    const env = {
      DATABASE_URL: "postgresql://p@primary/db",
      DATABASE_READ_URL: " postgresql://r@one:5433/db , postgres://r:secret@two/db",
    };
    expect(readEnv(env).readUrls).toEqual(["postgresql://r@one:5433/db", "postgres://r:secret@two/db"]);
    const bad = { DATABASE_URL: "postgresql://p@primary/db", DATABASE_READ_URL: "postgresql://r@one/db,http://r:secret@two/db" };
    expect(() => readEnv(bad)).toThrow(/^DATABASE_READ_URL \(entry 2\) must start with postgres/);
    expect(() => readEnv(bad)).not.toThrow(/secret/);
    expect(readEnv({ ...env, NMS_REPLICA_MAX_LAG_SECONDS: "2.5" }).replicaMaxLagSeconds).toBe(2.5);
  });

  it("defaults to the embedded database in ./.data on port 3000 with demo data, the answer cache and unscheduled feeds", () => {
    expect(readEnv({})).toEqual({
      databaseUrl: undefined,
      readUrls: [],
      replicaMaxLagSeconds: 10,
      dataDir: path.resolve("./.data"),
      demoData: true,
      aggregateCache: true,
      port: 3000,
      databaseKind: "embedded",
      feeds: {
        openFdaUrl: "https://api.fda.gov",
        openFdaApiKey: undefined,
        openFdaRequestsPerMinute: 240,
        faersUrl: "https://fis.fda.gov/content/Exports",
        schedule: undefined,
        dir: path.resolve("./.data/feeds"),
      },
      chromiumPath: "/usr/bin/chromium",
    });
    expect(readEnv({ NMS_DATA_DIR: "/srv/nms" }).feeds.dir).toBe(path.resolve("/srv/nms/feeds"));
    expect(readEnv({ DATABASE_URL: "postgresql://u@h:5432/d" }).databaseKind).toBe("postgres");
    expect(readEnv({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
    expect(readEnv({ NMS_AGGREGATE_CACHE: "off" }).aggregateCache).toBe(false);
  });
});

describe("command line with a bad environment", () => {
  it("prints one line naming the variable and exits 1", async () => {
    const error = await run(path.resolve("node_modules/.bin/tsx"), ["lib/cli/main.ts", "seed", "--cases", "1"], {
      env: { ...process.env, DATABASE_URL: "mysql://nope" },
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr.trim()).toMatch(/^error: ConfigError: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/$/);
  });
});

describe("GET /api/health without a reachable database", () => {
  it("answers 503 with the error envelope", async () => {
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nowhere";
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(new Request("http://nms.test/api/health"));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("database_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
