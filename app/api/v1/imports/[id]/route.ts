// GET /api/v1/imports/{id} — one import job: status, counts, kept errors (line, field, reason)
// and unmapped drug names; polled by the upload page while the import runs.
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { getImportJob } from "@/lib/queries/get-import-job";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = guarded(CASE_READERS, async (_request: Request, context: Context) => {
  const id = z.uuid().safeParse((await context.params).id);
  const job = id.success ? await getImportJob(id.data) : null;
  if (!job) throw notFound("the import job");
  return NextResponse.json(job);
});
