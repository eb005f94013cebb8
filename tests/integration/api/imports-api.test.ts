// Web imports through their route handlers on a real database: a multipart upload answers 202
// with a job at once, the job is polled to its end with the counts and kept rejects; the client's
// file name is never trusted as a path; oversized uploads get 413 and bad fields a 400 naming them.
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getJob } from "@/app/api/v1/imports/[id]/route";
import { GET as listJobs, POST } from "@/app/api/v1/imports/route";
import { getPrisma } from "@/lib/db/client";
import { UPLOAD_LIMITS } from "@/lib/imports/upload/upload-limits";
import { jobProgressWriter } from "@/lib/imports/write/job-progress";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { clearCases, openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";
const ROWS = [
  "W-1,2024-03-10,2024-03-01,US,M,34,HALDOL DECANOATE:suspect;ZOPICLONIX:concomitant,40.1,yes,yes,12000,recovered,",
  "W-2,2024-04-02,2024-03-28,GB,F,,olanzapine:suspect,38.6,yes,,900,fatal,",
  "W-3,2024-05-01,2024-04-20,DE,U,71,levodopa:withdrawn,39.2,no,yes,,unknown,",
];
const csv = (rows: string[]) => [HEADER, ...rows].join("\n") + "\n";

let database: TTestDatabase;
let token: string;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  const maker = await requestsAs("safety_officer");
  token = maker("GET", "http://nms.test/").headers.get("authorization")!;
});
afterAll(() => database.close());
beforeEach(() => clearCases());
const defaultLimit = UPLOAD_LIMITS.maxFileBytes;
afterEach(() => {
  UPLOAD_LIMITS.maxFileBytes = defaultLimit;
});

const base = "http://nms.test/api/v1/imports";
type TBody = Record<string, unknown> & { error?: { code: string; message: string; issues: { path: string; message: string }[] } };
const read = async (r: Response) => ({ status: r.status, body: (await r.json()) as TBody });

/** A multipart upload as a browser sends it (the FormData sets the boundary). */
function upload(fileName: string, content: string, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", new Blob([content], { type: "text/csv" }), fileName);
  return new Request(base, { method: "POST", headers: { authorization: token }, body: form });
}

async function pollUntilDone(jobId: string): Promise<TBody> {
  for (let i = 0; i < 200; i++) {
    const { status, body } = await read(
      await getJob(new Request(`${base}/${jobId}`, { headers: { authorization: token } }), withId(jobId)),
    );
    expect(status).toBe(200);
    if (body.status === "succeeded" || body.status === "failed") return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the import did not finish");
}

const uploadDirs = () => new Set(readdirSync(os.tmpdir()).filter((n) => n.startsWith("nms-upload-")));

describe("POST /api/v1/imports", () => {
  it("answers 202 with a job that is polled to success with its counts", async () => {
    const before = uploadDirs();
    const started = await read(await POST(upload("web.csv", csv(ROWS)), noParams));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ format: "csv", fileName: "web.csv", bytes: csv(ROWS).length });
    const job = await pollUntilDone(String(started.body.jobId));
    expect(job).toMatchObject({
      status: "succeeded",
      format: "csv",
      fileName: "web.csv",
      actor: "token:test-safety_officer",
      read: 3,
      imported: 3,
      updated: 0,
      skipped: 0,
      rejected: 0,
      errors: [],
      unmappedDrugs: ["ZOPICLONIX"],
    });
    expect(job.finishedAt).toEqual(expect.any(String));
    expect(await getPrisma().caseReport.count({ where: { source: "csv" } })).toBe(3);
    // The temp copy is deleted once the import has ended (just after the job's final write).
    await vi.waitFor(() => expect([...uploadDirs()].filter((d) => !before.has(d))).toEqual([]));

    const again = await read(await POST(upload("web.csv", csv(ROWS)), noParams));
    expect(await pollUntilDone(String(again.body.jobId))).toMatchObject({ status: "succeeded", imported: 0, skipped: 3 });
    const list = await read(await listJobs(new Request(`${base}?limit=5`, { headers: { authorization: token } }), noParams));
    expect((list.body.jobs as { id: string; errorCount: number }[]).map((j) => j.id)).toEqual([again.body.jobId, started.body.jobId]);
  });

  it("keeps each reject's line, field and reason in skip-invalid mode", async () => {
    const rows = [
      ...ROWS,
      "W-4,2024-02-30,,US,M,40,haloperidol:suspect,,,,,recovered,",
      "W-5,2024-01-01,,US,Q,40,haloperidol:suspect,,,,,recovered,",
    ];
    const started = await read(await POST(upload("mixed.csv", csv(rows), { format: "csv", skipInvalid: "true" }), noParams));
    expect(started.status).toBe(202);
    const job = await pollUntilDone(String(started.body.jobId));
    expect(job).toMatchObject({ status: "succeeded", skipInvalid: true, read: 5, imported: 3, rejected: 2 });
    expect(job.errors).toEqual([
      expect.objectContaining({ file: "mixed.csv", line: 5, field: "received_date" }),
      expect.objectContaining({ file: "mixed.csv", line: 6, field: "sex" }),
    ]);
  });

  it("records a failed import on its job, with nothing written", async () => {
    const started = await read(
      await POST(upload("bad.csv", csv([...ROWS, "W-4,2024-02-30,,US,M,40,haloperidol:suspect,,,,,recovered,"])), noParams),
    );
    const job = await pollUntilDone(String(started.body.jobId));
    expect(job).toMatchObject({ status: "failed", errors: [expect.objectContaining({ line: 5, field: "received_date" })] });
    expect(await getPrisma().caseReport.count()).toBe(0);
  });

  it("neutralises a path in the client's file name", async () => {
    for (const [name, stored] of [
      ["../../../etc/passwd.csv", "passwd.csv"],
      ["..\\..\\evil.csv", "evil.csv"],
      ["..", null],
      ["/", null],
    ] as const) {
      const started = await read(await POST(upload(name, csv(ROWS)), noParams));
      if (stored === null) {
        expect(started.status, name).toBe(400);
        expect(started.body.error?.issues[0]?.path).toBe("file");
        continue;
      }
      expect(started.status, name).toBe(202);
      expect(started.body.fileName).toBe(stored);
      const job = await pollUntilDone(String(started.body.jobId));
      expect(job).toMatchObject({ status: "succeeded", fileName: stored });
    }
    expect(existsSync("/etc/passwd.csv")).toBe(false);
  });

  it("refuses an upload over the size cap with 413, keeping nothing", async () => {
    UPLOAD_LIMITS.maxFileBytes = 100;
    const before = uploadDirs();
    const streamed = await read(await POST(upload("big.csv", csv(ROWS)), noParams));
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toMatchObject({ code: "payload_too_large", issues: [{ path: "file" }] });
    expect([...uploadDirs()].filter((d) => !before.has(d))).toEqual([]);
    expect(await getPrisma().importJob.count()).toBe(0);

    // A declared length beyond the cap is refused before the body is read.
    UPLOAD_LIMITS.maxFileBytes = defaultLimit;
    const declared = new Request(base, {
      method: "POST",
      headers: { authorization: token, "content-type": "multipart/form-data; boundary=x", "content-length": String(3 * 1024 ** 3) },
      body: "--x--\r\n",
    });
    expect((await read(await POST(declared, noParams))).status).toBe(413);
  });

  it("answers 400 naming the field for a bad format, an unknown field or a missing file", async () => {
    const badFormat = await read(await POST(upload("a.csv", csv(ROWS), { format: "xlsx" }), noParams));
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error?.issues).toHaveLength(1);
    expect(badFormat.body.error?.issues[0]?.path).toBe("format");
    expect(badFormat.body.error?.issues[0]?.message).toMatch(/csv, faers, openfda, e2b or exposure/);

    const unknown = await read(await POST(upload("a.csv", csv(ROWS), { formt: "csv" }), noParams));
    expect(unknown.body.error?.issues[0]?.path).toBe("formt");

    const undetectable = await read(await POST(upload("notes.txt", "just some text\n"), noParams));
    expect(undetectable.status).toBe(400);
    expect(undetectable.body.error?.issues[0]?.path).toBe("format");

    const noFile = new FormData();
    noFile.append("format", "csv");
    const missing = await read(
      await POST(new Request(base, { method: "POST", headers: { authorization: token }, body: noFile }), noParams),
    );
    expect(missing.body.error?.issues).toEqual([{ path: "file", message: "is required" }]);

    const json = await read(
      await POST(
        new Request(base, { method: "POST", headers: { authorization: token, "content-type": "application/json" }, body: "{}" }),
        noParams,
      ),
    );
    expect(json.status).toBe(400);
    expect(await getPrisma().importJob.count()).toBe(0);
  });
});

describe("GET /api/v1/imports/{id}", () => {
  it("answers 404 for an unknown or malformed id", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const response = await getJob(new Request(`${base}/${id}`, { headers: { authorization: token } }), withId(id));
      expect(response.status).toBe(404);
    }
  });
});

describe("progress of a running import", () => {
  it("writes counts and rejects to a running job, never to a finished one", async () => {
    const job = await getPrisma().importJob.create({ data: { format: "csv", fileName: "big.csv", status: "running", unmappedDrugs: [] } });
    const rejects = [{ file: "big.csv", line: 7, record: null, field: "sex", message: "must be male, female or unknown" }];
    const write = jobProgressWriter(job.id, 5_000, rejects);
    const row = () => getPrisma().importJob.findUniqueOrThrow({ where: { id: job.id } });

    write({ read: 4_999, imported: 4_999, updated: 0, skipped: 0, rejected: 0 });
    write({ read: 5_000, imported: 4_999, updated: 0, skipped: 0, rejected: 1 });
    await vi.waitFor(async () => expect(await row()).toMatchObject({ read: 5_000, imported: 4_999, rejected: 1, errors: rejects }));
    await new Promise((r) => setTimeout(r, 50));
    write({ read: 9_000, imported: 8_999, updated: 0, skipped: 0, rejected: 1 }); // under 5,000 more: skipped
    await getPrisma().importJob.update({ where: { id: job.id }, data: { status: "succeeded", read: 12_000 } });
    write({ read: 20_000, imported: 19_999, updated: 0, skipped: 0, rejected: 1 }); // finished: left alone
    await new Promise((r) => setTimeout(r, 200));
    expect(await row()).toMatchObject({ status: "succeeded", read: 12_000 });
  });
});
