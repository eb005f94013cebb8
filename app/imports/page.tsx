// /imports — upload a file to import (case writers) and follow its job; recent import jobs,
// from the web and the command line, with each one's result (case readers).
import type { Metadata } from "next";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { UPLOAD_LIMITS } from "@/lib/imports/upload/upload-limits";
import { findImportJobs } from "@/lib/queries/find-import-jobs";
import { getImportJob } from "@/lib/queries/get-import-job";
import { JobSummary } from "./_components/job-summary";
import { RecentJobs } from "./_components/recent-jobs";
import { UploadPanel } from "./_components/upload-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Imports · NMS Watch" };

const ZSearch = z.object({ job: z.uuid().optional().catch(undefined) });

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageRole(CASE_READERS, "/imports");
  const { job: jobId } = ZSearch.parse(await searchParams);
  const [jobs, selected] = await Promise.all([findImportJobs({ limit: 25 }), jobId ? getImportJob(jobId) : null]);
  return (
    <>
      <h1>Imports</h1>
      {selected && (
        <section className="panel" aria-labelledby="selected-job">
          <h2 id="selected-job">Import of {selected.fileName}</h2>
          <JobSummary job={selected} />
        </section>
      )}
      {CASE_WRITERS.includes(principal.role) && (
        <section className="panel" aria-labelledby="upload">
          <h2 id="upload">Import a file</h2>
          <UploadPanel maxBytes={UPLOAD_LIMITS.maxFileBytes} />
        </section>
      )}
      <section className="panel" aria-labelledby="recent">
        <h2 id="recent">Recent imports</h2>
        <RecentJobs jobs={jobs} />
      </section>
    </>
  );
}
