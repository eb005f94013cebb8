"use client";
// The upload form: file, format (or detect), skip-invalid, allow drafts; then the upload's own progress (bytes
// sent), then the import job's live progress and its summary. Errors name the field at fault.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { IMPORT_FORMATS } from "@/lib/imports/types";
import { FORMAT_LABELS } from "./format-labels";
import { JobSummary } from "./job-summary";
import { uploadImport } from "./upload-request";
import { useImportJob } from "./use-import-job";
import styles from "./imports.module.css";

type TIssue = { path: string; message: string };
type TPhase =
  | { kind: "idle" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "importing"; jobId: string }
  | { kind: "refused"; message: string; issues: TIssue[] };

const size = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toLocaleString("en-GB", { maximumFractionDigits: 1 })} GB`
    : `${(bytes / 1024 ** 2).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;

export function UploadPanel({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const [phase, setPhase] = useState<TPhase>({ kind: "idle" });
  const fileInput = useRef<HTMLInputElement>(null);
  // The finished job's table row appears once the server list is re-read.
  const job = useImportJob(phase.kind === "importing" ? phase.jobId : null, () => router.refresh());
  const busy = phase.kind === "uploading" || (phase.kind === "importing" && (!job || job.status === "queued" || job.status === "running"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setPhase({ kind: "refused", message: "Choose a file to import.", issues: [{ path: "file", message: "is required" }] });
      return;
    }
    if (file.size > maxBytes) {
      setPhase({ kind: "refused", message: `The file is ${size(file.size)}; an upload may hold at most ${size(maxBytes)}.`, issues: [] });
      return;
    }
    if (!form.has("skipInvalid")) form.set("skipInvalid", "false");
    if (!form.has("allowDrafts")) form.set("allowDrafts", "false");
    setPhase({ kind: "uploading", loaded: 0, total: file.size });
    try {
      const answer = await uploadImport(form, (loaded, total) => setPhase({ kind: "uploading", loaded, total: total || file.size }));
      const body = answer.body as { jobId?: string; error?: { message: string; issues: TIssue[] } } | null;
      if (answer.status === 202 && body?.jobId) {
        // The file is on the server now: clear the choice so a second click cannot send it again.
        if (fileInput.current) fileInput.current.value = "";
        setPhase({ kind: "importing", jobId: body.jobId });
      } else
        setPhase({
          kind: "refused",
          message: body?.error?.message ?? `The upload was refused (HTTP ${answer.status}).`,
          issues: body?.error?.issues ?? [],
        });
    } catch (error) {
      setPhase({ kind: "refused", message: error instanceof Error ? error.message : "The upload failed.", issues: [] });
    }
  }

  const issueFor = (path: string) => (phase.kind === "refused" ? phase.issues.find((i) => i.path === path) : undefined);
  const fileIssue = issueFor("file");
  const formatIssue = issueFor("format");
  return (
    <>
      <form className={styles.uploadForm} onSubmit={(e) => void submit(e)} aria-describedby="upload-help">
        <div className={styles.fieldLabel}>
          <label htmlFor="upload-file">File</label>
          <input
            id="upload-file"
            ref={fileInput}
            name="file"
            type="file"
            required
            accept=".csv,.zip,.json,.xml,.txt"
            aria-invalid={fileIssue ? true : undefined}
            aria-describedby={fileIssue ? "upload-file-error" : undefined}
          />
          {fileIssue && (
            <p id="upload-file-error" className="error">
              File {fileIssue.message}
            </p>
          )}
        </div>
        <div className={styles.fieldLabel}>
          <label htmlFor="upload-format">Format</label>
          <select
            id="upload-format"
            name="format"
            defaultValue=""
            aria-invalid={formatIssue ? true : undefined}
            aria-describedby={formatIssue ? "upload-format-error" : undefined}
          >
            <option value="">Detect from the file</option>
            {IMPORT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {FORMAT_LABELS[format]}
              </option>
            ))}
          </select>
          {formatIssue && (
            <p id="upload-format-error" className="error">
              Format: {formatIssue.message}
            </p>
          )}
        </div>
        <label className={styles.checkbox}>
          <input name="skipInvalid" type="checkbox" value="true" />
          Skip invalid records (import the valid ones and list the rest) instead of rejecting the whole file
        </label>
        <label className={styles.checkbox}>
          <input name="allowDrafts" type="checkbox" value="true" />
          {/* One flex item: the link stays inside the sentence instead of becoming a narrow column of its own. */}
          <span>
            Import as a draft a report that misses a minimum criterion (patient, reporter, suspect drug, event), to complete in the{" "}
            <Link href="/cases/queue">work queue</Link>, instead of rejecting the file
          </span>
        </label>
        <label className={styles.checkbox}>
          <input name="completeAscertainment" type="checkbox" value="true" />
          Exposure only: the cases are a complete ascertainment of this exposed population (rates are then incidence, not reporting rates)
        </label>
        <p id="upload-help" className="muted">
          Canonical CSV, a FAERS quarter as its ZIP, openFDA drug-event JSON or E2B(R3) XML; up to {size(maxBytes)}. Re-importing a file
          changes nothing; a follow-up version replaces the earlier one. An exposure CSV (
          <code>year,country,setting,drug_class,drug,sex,age_band,person_years,persons_exposed,source</code>) replaces the datasets it names
          (see <a href="/exposure">Exposure</a>).
        </p>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Importing…" : "Upload and import"}
          </button>
        </div>
      </form>

      {phase.kind === "uploading" && (
        <div className={styles.progress}>
          <label>
            Uploading: {size(phase.loaded)} of {size(phase.total)}
            <progress max={phase.total || 1} value={phase.loaded} />
          </label>
        </div>
      )}
      {phase.kind === "importing" && (job ? <JobSummary job={job} /> : <p role="status">Upload complete; the import is starting…</p>)}
      {phase.kind === "refused" && (
        <p role="alert" className="error">
          {phase.message}
        </p>
      )}
    </>
  );
}
