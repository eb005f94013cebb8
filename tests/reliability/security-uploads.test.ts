// Uploads through POST /api/v1/imports on a real database, fuzzed: the size cap holds to the byte
// (413 in the envelope, nothing kept), and no client file name — traversal, absolute paths,
// RFC 5987 escapes, quotes, control characters — is used as a path.
// Already covered in tests/integration/api/imports-api.test.ts (one oversized file, a declared
// Content-Length over the cap, four traversal names) and tests/unit/upload/multipart.test.ts.
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as upload } from "@/app/api/v1/imports/route";
import { getPrisma } from "@/lib/db/client";
import { UPLOAD_LIMITS } from "@/lib/imports/upload/upload-limits";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../helpers/test-database";
import { CSV_FIXTURE } from "./fuzz-import-inputs";
import { PATH_TRICKS, expectNoServerError, fuzzParams, hostileString, readAnswer, withinTime } from "./fuzz-support";

let database: TTestDatabase;
let token = "";
const defaultLimit = UPLOAD_LIMITS.maxFileBytes;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  token = (await requestsAs("safety_officer"))("GET", "http://nms.test/").headers.get("authorization")!;
});
afterEach(() => {
  UPLOAD_LIMITS.maxFileBytes = defaultLimit;
});
afterAll(() => database.close());

const uploadDirs = () => new Set(readdirSync(os.tmpdir()).filter((n) => n.startsWith("nms-upload-")));
const unfinishedJobs = () => getPrisma().importJob.count({ where: { status: { in: ["queued", "running"] } } });

/** A multipart body written by hand, so the file name reaches the server exactly as given. */
function rawUpload(disposition: string, content: Uint8Array): Request {
  const boundary = "----nmsfuzz7MA4YWxkTrZu0gW";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: text/csv\r\n\r\n`,
    "utf8",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Request("http://nms.test/api/v1/imports", {
    method: "POST",
    headers: { authorization: token, "content-type": `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([head, content, tail]),
  });
}

describe("upload size cap", () => {
  it("a file over the cap by even one byte is a 413 with nothing kept; at the cap it is accepted", async () => {
    const content = new TextEncoder().encode(CSV_FIXTURE.repeat(40));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 16, max: 4_000 }), fc.integer({ min: -3, max: 3 }), async (cap, delta) => {
        UPLOAD_LIMITS.maxFileBytes = cap;
        const size = Math.max(1, cap + delta);
        const before = uploadDirs();
        const jobs = await getPrisma().importJob.count();
        const answer = await readAnswer(
          await withinTime(upload(rawUpload('filename="cap.csv"', content.subarray(0, size)), noParams), "upload"),
          "upload",
        );
        expectNoServerError(answer, `cap ${cap}, size ${size}`);
        if (size > cap) {
          expect(answer.status, `cap ${cap}, size ${size}`).toBe(413);
          expect(answer.json).toMatchObject({ error: { code: "payload_too_large", issues: [{ path: "file" }] } });
          expect([...uploadDirs()].filter((d) => !before.has(d))).toEqual([]);
          expect(await getPrisma().importJob.count()).toBe(jobs);
        } else {
          expect(answer.status, `cap ${cap}, size ${size}`).toBe(202);
          expect(answer.json).toMatchObject({ bytes: size });
          await expect.poll(unfinishedJobs, { timeout: 30_000 }).toBe(0);
        }
      }),
      fuzzParams(40),
    );
  });
});

describe("client file names", () => {
  const canary = path.join(os.tmpdir(), `nms-canary-${process.pid}.csv`);
  const traversal = fc
    .tuple(
      fc.integer({ min: 1, max: 12 }),
      fc.constantFrom("../", "..\\", "..%2f", "%2e%2e%2f", "....//", "/", "\\\\server\\share\\"),
      fc.constantFrom(path.basename(canary), "etc/passwd", "cases.csv", ".bashrc"),
    )
    .map(([n, step, leaf]) => `${step.repeat(n)}${step.startsWith("/") ? "" : "tmp/"}${leaf}`);
  const name = fc.oneof(
    traversal,
    fc.constantFrom(...PATH_TRICKS, canary, `${canary}\u0000.csv`, "a\r\nContent-Type: text/html", 'a"b.csv', "CON.csv", "é".repeat(300)),
    hostileString,
  );
  // How the name is carried: quoted, bare, or RFC 5987 percent-encoded (decoded by the server).
  const carried = fc
    .tuple(name, fc.constantFrom("quoted", "extended"))
    .map(([n, how]) =>
      how === "quoted"
        ? { n, disposition: `filename="${n.replace(/"/g, "%22")}"` }
        : { n, disposition: `filename*=UTF-8''${encodeURIComponent(n.replace(/[\uD800-\uDFFF]/g, "_"))}` },
    );

  it("is refused (400) or reduced to a plain name inside the upload's own folder", async () => {
    await fc.assert(
      fc.asyncProperty(carried, async ({ n, disposition }) => {
        const answer = await readAnswer(
          await withinTime(upload(rawUpload(disposition, new TextEncoder().encode(CSV_FIXTURE)), noParams), "upload"),
          "upload",
        );
        const label = `file name ${JSON.stringify(n).slice(0, 120)} (${disposition.slice(0, 9)})`;
        expectNoServerError(answer, label);
        if (answer.status === 400) {
          expect((answer.json as { error: { issues: { path: string }[] } }).error.issues[0]?.path, label).toMatch(/^(file|\(body\))$/);
          return;
        }
        expect(answer.status, label).toBe(202);
        const stored = (answer.json as { fileName: string }).fileName;
        expect(stored, label).not.toMatch(/[/\\\u0000-\u001f]/);
        expect(stored, label).not.toMatch(/^\./);
        expect(stored.length, label).toBeLessThanOrEqual(120);
        expect(path.basename(stored)).toBe(stored);
        await expect.poll(unfinishedJobs, { timeout: 30_000 }).toBe(0);
        expect(existsSync(canary), `${label} wrote outside its folder`).toBe(false);
      }),
      fuzzParams(120),
    );
  });
});
