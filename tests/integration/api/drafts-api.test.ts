// Drafts through the HTTP API (docs/case-processing.md): an upload with allowDrafts imports a report
// missing a minimum criterion as a draft (without it the file is refused, naming the field), and
// GET /api/v1/cases?status=draft lists drafts for safety officers while the plain listing leaves them out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listCases } from "@/app/api/v1/cases/route";
import { GET as getJob } from "@/app/api/v1/imports/[id]/route";
import { POST as postImport } from "@/app/api/v1/imports/route";
import { getPrisma } from "@/lib/db/client";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative,reporter_type";
// DR-2 names no suspect drug (a concomitant one only): it misses a minimum criterion.
const ROWS = [
  "DR-1,2024-03-10,2024-03-01,US,M,34,haloperidol:suspect,40.1,yes,yes,12000,recovered,,physician",
  "DR-2,2024-04-02,2024-03-28,GB,F,51,lorazepam:concomitant,38.6,yes,,900,recovered,,pharmacist",
];
const CSV = [HEADER, ...ROWS].join("\n") + "\n";

let database: TTestDatabase;
let officer: Awaited<ReturnType<typeof requestsAs>>;
let researcher: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  officer = await requestsAs("safety_officer");
  researcher = await requestsAs("researcher");
});
afterAll(() => database.close());

const base = "http://nms.test/api/v1/imports";
type TJob = { status: string; imported: number; errors: { field: string | null; message: string }[] };

function upload(fields: Record<string, string>): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", new Blob([CSV], { type: "text/csv" }), "drafts.csv");
  return new Request(base, { method: "POST", headers: { authorization: officer("GET", base).headers.get("authorization")! }, body: form });
}

async function importWith(fields: Record<string, string>): Promise<TJob> {
  const started = await postImport(upload(fields), noParams);
  expect(started.status).toBe(202);
  const { jobId } = (await started.json()) as { jobId: string };
  for (let i = 0; i < 400; i++) {
    const job = (await (await getJob(officer("GET", `${base}/${jobId}`), withId(jobId))).json()) as TJob;
    if (job.status === "succeeded" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import job ${jobId} did not finish`);
}

const sourceIds = async (query: string, as = officer) => {
  const response = await listCases(as("GET", `http://nms.test/api/v1/cases${query}`), noParams);
  return {
    status: response.status,
    body: (await response.json()) as { cases?: { sourceId: string; status: string }[]; error?: { issues: { path: string }[] } },
  };
};

describe("drafts in the API", () => {
  it("refuses a report missing a criterion by default, and imports it as a draft with allowDrafts", async () => {
    const refused = await importWith({ format: "csv" });
    expect(refused.status).toBe("failed");
    expect(refused.errors[0]?.field).toBe("drugs");
    expect(refused.errors[0]?.message).toMatch(/withdrawn drug is required.*import as a draft/);
    expect(await getPrisma().caseReport.count()).toBe(0);

    const drafted = await importWith({ format: "csv", allowDrafts: "true" });
    expect(drafted).toMatchObject({ status: "succeeded", imported: 2 });
    const stored = await getPrisma().caseReport.findMany({ select: { sourceId: true, status: true }, orderBy: { sourceId: "asc" } });
    expect(stored).toEqual([
      { sourceId: "DR-1", status: "complete" },
      { sourceId: "DR-2", status: "draft" },
    ]);
  });

  it("lists drafts only when asked for by status; researchers never", async () => {
    expect((await sourceIds("")).body.cases?.map((c) => c.sourceId)).toEqual(["DR-1"]);
    const drafts = await sourceIds("?status=draft");
    expect(drafts.status).toBe(200);
    expect(drafts.body.cases?.map((c) => [c.sourceId, c.status])).toEqual([["DR-2", "draft"]]);
    expect((await sourceIds("?status=draft&status=complete&sort=sourceId")).body.cases?.map((c) => c.sourceId)).toEqual(["DR-1", "DR-2"]);
    const bad = await sourceIds("?status=pending");
    expect(bad.status).toBe(400);
    expect(bad.body.error?.issues[0]?.path).toMatch(/^status/);
    expect((await sourceIds("?status=draft", researcher)).status).toBe(403);
  });

  it("names a bad allowDrafts value", async () => {
    const response = await postImport(upload({ format: "csv", allowDrafts: "maybe" }), noParams);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues[0]?.path).toBe("allowDrafts");
  });
});
