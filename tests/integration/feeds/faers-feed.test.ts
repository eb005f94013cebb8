// The FAERS quarterly feed against a local replay of FDA's download site (replay-servers.ts), with
// ZIPs built from the real 2017Q2 sample: quarters imported oldest first with their background
// counts, an imported quarter skipped, an unpublished newest quarter left for later, a transfer
// cut mid-way resumed with Range, and a ZIP cut mid-way refused by name with nothing kept.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { runFaersFeed } from "@/lib/feeds/faers/run-faers-feed";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { quarterZip, sharedDataPresent, startFaersReplay, type TFaersReplay } from "./replay-servers";

const FAST = { backoffMs: 5 };
/** "Today" for the feed: 2017Q2 and 2017Q3 have ended, 2017Q4 has not. */
const NOW = new Date("2017-12-15T00:00:00Z");
let database: TTestDatabase;
let feedDir: string;
let replay: TFaersReplay;

const query = async <T extends Record<string, unknown>>(sql: string) => (await getPgPool().query<T>(sql)).rows;
const periods = async () =>
  (await query<{ period: string }>(`SELECT DISTINCT period FROM background_count WHERE source = 'faers' ORDER BY period`)).map(
    (r) => r.period,
  );
const faersCases = async () =>
  Number((await query<{ n: string }>(`SELECT count(*)::text AS n FROM case_report WHERE source = 'faers'`))[0]?.n);
const faersDir = () => path.join(feedDir, "faers");

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  feedDir = mkdtempSync(path.join(os.tmpdir(), "nms-feed-faers-"));
  process.env.NMS_FEED_DIR = feedDir;
  replay = await startFaersReplay();
  process.env.NMS_FAERS_URL = `${replay.base}/content/Exports`;
});
afterAll(async () => {
  await replay?.close();
  await database.close();
  rmSync(feedDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await query(`DELETE FROM feed_state`);
  await query(`DELETE FROM background_count WHERE source = 'faers'`);
  await query(`DELETE FROM case_drug WHERE case_id IN (SELECT id FROM case_report WHERE source = 'faers')`);
  await query(`DELETE FROM case_report WHERE source = 'faers'`);
  replay.files.clear();
  replay.requests.length = 0;
  replay.cutAfter = () => null;
  replay.failWith = () => null;
});

describe.runIf(sharedDataPresent())("FAERS quarterly feed", () => {
  it("imports the missing quarters oldest first, one job each, and skips them on the next run", async () => {
    replay.files.set("faers_ascii_2017q2.zip", quarterZip("2017Q2"));
    replay.files.set("faers_ascii_2017q3.zip", quarterZip("2017Q3"));
    const result = await runFaersFeed({ from: "2017Q2", now: NOW, policy: FAST });
    expect(result.quarters.map((q) => [q.quarter, q.status])).toEqual([
      ["2017Q2", "imported"],
      ["2017Q3", "imported"],
    ]);
    const [q2, q3] = result.quarters.map((q) => q.import!);
    // The sample's reports coded "Gynaecomastia" were recoded as NMS by the replay.
    expect(q2!.read).toBeGreaterThan(0);
    expect(q2).toMatchObject({ reportsRead: 100, rejected: 0, backgroundReports: 100 });
    expect(q3).toMatchObject({ read: q2!.read, imported: q2!.imported, backgroundReports: 100 });
    expect(await periods()).toEqual(["2017Q2", "2017Q3"]);
    expect(await faersCases()).toBe(q2!.imported + q3!.imported);
    const jobs = await query<{ file_name: string; status: string }>(
      `SELECT file_name, status::text FROM import_job WHERE actor = 'feed:faers' ORDER BY started_at`,
    );
    expect(jobs).toEqual([
      { file_name: "faers_ascii_2017q2.zip", status: "succeeded" },
      { file_name: "faers_ascii_2017q3.zip", status: "succeeded" },
    ]);
    expect(replay.requests.map((r) => r.url.pathname)).toEqual([
      "/content/Exports/faers_ascii_2017q2.zip",
      "/content/Exports/faers_ascii_2017q3.zip",
    ]);
    expect(readdirSync(faersDir())).toEqual([]); // imported ZIPs are not kept

    const again = await runFaersFeed({ from: "2017Q2", now: NOW, policy: FAST });
    expect(again.quarters.map((q) => q.status)).toEqual(["skipped", "skipped"]);
    expect(replay.requests).toHaveLength(2); // nothing downloaded again
  });

  it("skips a quarter imported by hand and leaves an unpublished newest quarter for later", async () => {
    replay.files.set("faers_ascii_2017q2.zip", quarterZip("2017Q2"));
    await runFaersFeed({ from: "2017Q2", now: new Date("2017-08-01T00:00:00Z"), policy: FAST }); // only 2017Q2 has ended
    const result = await runFaersFeed({ from: "2017Q2", now: NOW, policy: FAST });
    expect(result.quarters.map((q) => [q.quarter, q.status])).toEqual([
      ["2017Q2", "skipped"],
      ["2017Q3", "not_published"],
    ]);
    expect(await periods()).toEqual(["2017Q2"]);
  });

  it("resumes a transfer cut mid-way with a Range request", async () => {
    const zip = quarterZip("2017Q2");
    replay.files.set("faers_ascii_2017q2.zip", zip);
    const cut = Math.floor(zip.length / 3);
    replay.cutAfter = (_name, n) => (n === 0 ? cut : null);
    const result = await runFaersFeed({ from: "2017Q2", now: new Date("2017-08-01T00:00:00Z"), policy: FAST });
    expect(result.quarters[0]).toMatchObject({ status: "imported", bytes: zip.length });
    const [whole, rest] = replay.requests;
    expect(whole?.status).toBe(200);
    expect(rest?.status).toBe(206);
    expect(rest?.headers.range).toBe(`bytes=${cut}-`);
    expect(rest?.headers["if-range"]).toBe(`"${zip.length}-faers_ascii_2017q2.zip"`);
    expect(await periods()).toEqual(["2017Q2"]);
  });

  it("refuses a ZIP cut mid-way by name, keeps nothing of it, and stops before later quarters", async () => {
    const zip = quarterZip("2017Q2");
    replay.files.set("faers_ascii_2017q2.zip", zip.subarray(0, Math.floor(zip.length * 0.6))); // the server's copy itself is cut
    replay.files.set("faers_ascii_2017q3.zip", quarterZip("2017Q3"));
    await expect(runFaersFeed({ from: "2017Q2", now: NOW, policy: FAST })).rejects.toThrow(
      /faers_ascii_2017q2\.zip is not a complete ZIP archive/,
    );
    expect(await periods()).toEqual([]);
    expect(await faersCases()).toBe(0);
    expect(existsSync(path.join(faersDir(), "faers_ascii_2017q2.zip"))).toBe(false);
    expect(replay.requests.map((r) => r.url.pathname.split("/").pop())).toEqual(["faers_ascii_2017q2.zip"]);
    const state = (
      await query<{ state: { stoppedAt: { quarter: string; reason: string } } }>(`SELECT state FROM feed_state WHERE feed = 'faers'`)
    )[0]?.state;
    expect(state?.stoppedAt.quarter).toBe("2017Q2");
    expect(state?.stoppedAt.reason).toContain("faers_ascii_2017q2.zip is not a complete ZIP archive");

    // Once the server has the whole file, the next run imports both, oldest first.
    replay.files.set("faers_ascii_2017q2.zip", zip);
    const result = await runFaersFeed({ from: "2017Q2", now: NOW, policy: FAST });
    expect(result.quarters.map((q) => q.status)).toEqual(["imported", "imported"]);
  });

  it("retries a 5xx with backoff, then fails clearly", async () => {
    replay.files.set("faers_ascii_2017q2.zip", quarterZip("2017Q2"));
    replay.failWith = (_name, n) => (n === 0 ? 502 : 503);
    await expect(runFaersFeed({ from: "2017Q2", now: new Date("2017-08-01T00:00:00Z"), policy: { ...FAST, retries: 2 } })).rejects.toThrow(
      /faers_ascii_2017q2\.zip: .* answered 503 Service Unavailable — gave up after 3 attempts/,
    );
    expect(replay.requests.map((r) => r.status)).toEqual([502, 503, 503]);
    expect(await periods()).toEqual([]);
  });
});
