// The openFDA feed against a local replay of the API (replay-servers.ts): real paging past the
// 25,000 skip cap through the Link header's search_after cursor, 429 with Retry-After, 5xx with
// backoff then a clear failure that keeps the complete pages and resumes after them, a page cut
// short, and --since / the next run's high-water mark. One import job per run; no duplicates.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { runOpenFdaFeed } from "@/lib/feeds/openfda/run-openfda-feed";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { feedReportId, receiptOf, sharedDataPresent, startOpenFdaReplay, type TOpenFdaReplay } from "./replay-servers";

const FAST = { backoffMs: 5, minIntervalMs: 0 };
let database: TTestDatabase;
let feedDir: string;

const query = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await getPgPool().query<T>(sql, params)).rows;
const caseIds = async () =>
  (await query<{ source_id: string }>(`SELECT source_id FROM case_report WHERE source = 'openfda' ORDER BY source_id`)).map(
    (r) => r.source_id,
  );
const feedJobs = async () =>
  query<{ status: string; file_name: string; imported: number }>(
    `SELECT status::text, file_name, imported FROM import_job WHERE actor = 'feed:openfda' ORDER BY started_at`,
  );
const expectedIds = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => feedReportId(from + i)).sort();

async function withReplay<T>(records: number, work: (replay: TOpenFdaReplay) => Promise<T>): Promise<T> {
  const replay = await startOpenFdaReplay(records);
  process.env.NMS_OPENFDA_URL = replay.base;
  try {
    return await work(replay);
  } finally {
    await replay.close();
  }
}

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  feedDir = mkdtempSync(path.join(os.tmpdir(), "nms-feed-"));
  process.env.NMS_FEED_DIR = feedDir;
});
afterAll(async () => {
  await database.close();
  rmSync(feedDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await query(`DELETE FROM feed_state`);
  await query(`DELETE FROM case_drug WHERE case_id IN (SELECT id FROM case_report WHERE source = 'openfda')`);
  await query(`DELETE FROM case_report WHERE source = 'openfda'`);
  await query(`DELETE FROM import_job WHERE actor = 'feed:openfda'`);
});

describe.runIf(sharedDataPresent())("openFDA feed", () => {
  it("pages past the 25,000 skip cap by following the search_after link, in one import job", async () => {
    const records = 25_600;
    await withReplay(records, async (replay) => {
      const result = await runOpenFdaFeed({ policy: FAST });
      const pages = Math.ceil(records / 1000);
      expect(result).toMatchObject({ pagesFetched: pages, pages, reports: records, resumed: false });
      expect(result.imports).toHaveLength(1);
      expect(result.imports[0]).toMatchObject({ read: records, imported: records, rejected: 0, backgroundReports: null });
      // The first request names no skip; every later one is the Link's search_after cursor.
      const urls = replay.requests.map((r) => r.url.searchParams);
      expect(urls[0]?.has("skip")).toBe(false);
      expect(urls[0]?.get("limit")).toBe("1000");
      expect(urls[0]?.get("search")).toContain('reactionmeddrapt:"neuroleptic malignant syndrome"');
      expect(urls.slice(1).every((u) => u.get("search_after") && u.get("skip") === "0")).toBe(true);
      expect(replay.requests.every((r) => r.status === 200)).toBe(true);
    });
    expect(await caseIds()).toEqual(expectedIds(0, records));
    expect(await feedJobs()).toEqual([expect.objectContaining({ status: "succeeded", imported: records })]);
    // The feed's reports are a selection (NMS only): no background counts from it.
    expect(await query(`SELECT 1 FROM background_count WHERE source = 'openfda'`)).toEqual([]);
    expect(readdirSync(path.join(feedDir, "openfda"))).toEqual([]);
  }, 600_000);

  it("waits as long as a 429's Retry-After says, then carries on", async () => {
    await withReplay(250, async (replay) => {
      replay.fault = (n) => (n === 1 ? { status: 429, retryAfter: "1" } : null);
      const result = await runOpenFdaFeed({ pageSize: 100, policy: FAST });
      expect(result.reports).toBe(250);
      const [, throttled, retried] = replay.requests;
      expect(throttled?.status).toBe(429);
      expect(retried?.url.toString()).toBe(throttled?.url.toString());
      expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
    });
    expect(await caseIds()).toEqual(expectedIds(0, 250));
  });

  it("retries a 5xx with backoff; a page that keeps failing stops the run clearly, keeps the pages before it, and the next run resumes there", async () => {
    await withReplay(500, async (replay) => {
      // A single 500 is retried; page 3 then answers 503 until the retries are spent.
      replay.fault = (n, url) =>
        n === 0 ? { status: 500 } : url.searchParams.get("search_after")?.endsWith(";1=199") ? { status: 503 } : null;
      await expect(runOpenFdaFeed({ pageSize: 100, policy: { ...FAST, retries: 2 } })).rejects.toThrow(
        /openFDA page 3: .* answered 503 .* gave up after 3 attempts/,
      );
      expect(replay.requests.filter((r) => r.status === 503)).toHaveLength(3);
      expect(await caseIds()).toEqual(expectedIds(0, 200));
      const state = (
        await query<{ state: { run: { pages: number; importedPages: number; nextUrl: string } } }>(
          `SELECT state FROM feed_state WHERE feed = 'openfda'`,
        )
      )[0]?.state;
      expect(state?.run).toMatchObject({ pages: 2, importedPages: 2 });
      expect(state?.run.nextUrl).toContain("search_after=0%3D20200120%3B1%3D199");

      replay.fault = () => null;
      const before = replay.requests.length;
      const resumed = await runOpenFdaFeed({ pageSize: 100, policy: FAST });
      expect(resumed).toMatchObject({ resumed: true, pagesFetched: 3, pages: 5, reports: 500 });
      expect(replay.requests[before]?.url.searchParams.get("search_after")).toBe("0=20200120;1=199");
    });
    expect(await caseIds()).toEqual(expectedIds(0, 500));
    expect((await feedJobs()).map((j) => [j.status, j.imported])).toEqual([
      ["succeeded", 200],
      ["succeeded", 300],
    ]);
  });

  it("fetches a page again when its body is cut short", async () => {
    await withReplay(300, async (replay) => {
      replay.fault = (n) => (n === 1 ? { truncate: true } : null);
      const result = await runOpenFdaFeed({ pageSize: 100, policy: FAST });
      expect(result).toMatchObject({ pagesFetched: 3, reports: 300 });
      expect(replay.requests).toHaveLength(4);
    });
    expect(await caseIds()).toEqual(expectedIds(0, 300));
  });

  it("asks from --since, and a later run from where the last one ended", async () => {
    await withReplay(400, async (replay) => {
      const since = receiptOf(300); // records 300–399
      const first = await runOpenFdaFeed({
        since: `${since.slice(0, 4)}-${since.slice(4, 6)}-${since.slice(6)}`,
        pageSize: 100,
        policy: FAST,
      });
      expect(first.reports).toBe(100);
      expect(replay.requests[0]?.url.searchParams.get("search")).toContain(`receiptdate:[${since} TO 99991231]`);
      expect(await caseIds()).toEqual(expectedIds(300, 400));

      // Next run: from the latest receipt date seen (its last day comes again, unchanged).
      const again = await runOpenFdaFeed({ pageSize: 100, policy: FAST });
      expect(again.imports[0]).toMatchObject({ read: 10, imported: 0, skipped: 10 });
      expect(replay.requests.at(-1)?.url.searchParams.get("search")).toContain(`receiptdate:[${receiptOf(399)} TO 99991231]`);
    });
    await expect(runOpenFdaFeed({ since: "2024-02-30" })).rejects.toThrow(/--since must be a date YYYY-MM-DD \(got "2024-02-30"\)/);
  });

  it("takes no matches (openFDA's 404 NOT_FOUND) as nothing new", async () => {
    await withReplay(50, async () => {
      const result = await runOpenFdaFeed({ since: "2030-01-01", policy: FAST });
      expect(result).toMatchObject({ pagesFetched: 1, pages: 0, reports: 0, imports: [] });
    });
  });
});

describe.runIf(sharedDataPresent())("one openFDA run at a time", () => {
  it("refuses to run beside a live run of another process, and takes over an expired lease", async () => {
    const lease = (minutes: number) =>
      query(
        `INSERT INTO feed_state (feed, state) VALUES ('lease:openfda', jsonb_build_object('owner', 'other-host/boot/ns/4242', 'since', now(), 'until', now() + make_interval(mins => $1::int)))`,
        [minutes],
      );
    await lease(30);
    await expect(runOpenFdaFeed({ policy: FAST })).rejects.toThrow(
      /the openfda feed is already running \(process other-host\/boot\/ns\/4242/,
    );
    await query(`DELETE FROM feed_state WHERE feed = 'lease:openfda'`);
    await lease(-1);
    await withReplay(10, async () => {
      expect((await runOpenFdaFeed({ policy: FAST })).reports).toBe(10);
    });
    expect(await query(`SELECT feed FROM feed_state WHERE feed LIKE 'lease:%'`)).toEqual([]); // released
  });
});

describe.runIf(sharedDataPresent())("openFDA key and pace", () => {
  it("sends OPENFDA_API_KEY on every request, never stores it, and keeps to the requests-per-minute pace", async () => {
    process.env.OPENFDA_API_KEY = "test-key-123";
    process.env.NMS_OPENFDA_REQUESTS_PER_MINUTE = "600"; // one request per 100 ms
    try {
      await withReplay(400, async (replay) => {
        await runOpenFdaFeed({ pageSize: 100, policy: { backoffMs: 5 } });
        expect(replay.requests.map((r) => r.url.searchParams.get("api_key"))).toEqual([
          "test-key-123",
          "test-key-123",
          "test-key-123",
          "test-key-123",
        ]);
        const gaps = replay.requests.slice(1).map((r, i) => r.at - replay.requests[i]!.at);
        expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90); // paced at the client: arrivals may differ by the connection latency
      });
      const stored = await query<{ state: unknown }>(`SELECT state FROM feed_state`);
      expect(JSON.stringify(stored)).not.toContain("test-key-123");
      const jobs = await query<{ errors: unknown; file_name: string }>(
        `SELECT errors, file_name FROM import_job WHERE actor = 'feed:openfda'`,
      );
      expect(JSON.stringify(jobs)).not.toContain("test-key-123");
    } finally {
      delete process.env.OPENFDA_API_KEY;
      delete process.env.NMS_OPENFDA_REQUESTS_PER_MINUTE;
    }
  });
});
