// POST /api/v1/imports — upload one file (multipart: file, format?, skipInvalid?) and start its
// import in the background → 202 { jobId }, to be polled; GET — the most recent import jobs.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { receiveUpload } from "@/lib/imports/upload/receive-upload";
import { startUploadImport } from "@/lib/imports/upload/start-upload-import";
import { ZImportUploadFields } from "@/lib/imports/upload/upload-fields";
import { ZImportJobListQuery, findImportJobs } from "@/lib/queries/find-import-jobs";
import { paramsObject } from "@/lib/domain/search-params";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request) => {
  const parsed = ZImportJobListQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json({ jobs: await findImportJobs(parsed.data) });
});

export const POST = guarded(CASE_WRITERS, async (request: Request, _context: unknown, principal) => {
  const upload = await receiveUpload(request);
  const fields = ZImportUploadFields.safeParse(upload.fields);
  if (!fields.success) {
    await upload.discard();
    throw validationError(fields.error, "upload");
  }
  const started = await startUploadImport(upload, { ...fields.data, actor: principal.actor });
  return NextResponse.json(started, { status: 202, headers: { Location: `/api/v1/imports/${started.jobId}` } });
});
