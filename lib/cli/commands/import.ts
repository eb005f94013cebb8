// `cli import <file-or-folder> [--format FORMAT] [--skip-invalid] [--rejects FILE]`:
// imports one file (a FAERS quarter as its folder or ZIP) all-or-nothing; with --skip-invalid
// the valid records go in and the rejects are written with line, field and reason.
import { createWriteStream } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/imports/types";
import { FORMAT_CHOICES } from "@/lib/imports/shared/format-list";
import { failInterruptedJobs } from "@/lib/imports/write/import-jobs";
import { runImport } from "@/lib/imports/write/run-import";
import { describeImport, formatDuration } from "@/lib/imports/import-report";
import { startProgress } from "../progress";

/** Rejected records listed on the terminal; all of them go to the rejects file. */
const SHOWN_REJECTS = 20;

const ZImportArgs = z.object({
  file: z.string({ message: "give the file or folder to import" }).min(1),
  format: z.enum(IMPORT_FORMATS, { message: `--format must be ${FORMAT_CHOICES}` }).optional(),
  completeAscertainment: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
  allowDrafts: z.boolean().default(false),
  rejects: z.string().optional(),
});

export async function importCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void> {
  const args = ZImportArgs.parse({
    file: positionals[0],
    format: values.format,
    skipInvalid: values["skip-invalid"] ?? false,
    allowDrafts: values["allow-drafts"] ?? false,
    rejects: values.rejects,
    completeAscertainment: values["complete-ascertainment"] ?? false,
  });
  const rejectsPath = args.rejects ?? `${path.basename(args.file).replace(/\.[^.]+$/, "")}.rejects.csv`;
  const rejects = args.skipInvalid ? createWriteStream(rejectsPath) : null;
  rejects?.write(stringify([["file", "line", "record", "field", "reason"]]));
  // Jobs left "running" by a process that died (killed, crashed, restarted) fail here, visibly.
  for (const job of await failInterruptedJobs())
    console.log(`Import job ${job.id} (${job.fileName}) was interrupted: marked failed, nothing of it was kept.`);
  const progress = startProgress(`Importing ${path.basename(args.file)}`, 0, "reports");
  const shownRejects: string[] = [];
  try {
    const result = await runImport(args.file, {
      format: args.format,
      skipInvalid: args.skipInvalid,
      allowDrafts: args.allowDrafts,
      completeAscertainment: args.completeAscertainment,
      actor: "cli",
      // Bytes when the file is read as one stream (a FAERS quarter reports records).
      onProgress: (c, bytes) => (bytes.total ? progress.update(bytes.read, bytes.total) : progress.update(c.read, c.read)),
      onReject: (r) => {
        rejects?.write(stringify([[r.ref.file, r.ref.line ?? "", r.ref.record ?? "", r.field, r.reason]]));
        if (shownRejects.length < SHOWN_REJECTS)
          shownRejects.push(
            `${r.ref.file}${r.ref.line ? ` line ${r.ref.line}` : r.ref.record ? ` record ${r.ref.record}` : ""}, ${r.field}: ${r.reason}`,
          );
      },
    });
    progress.stop();
    console.log(`Imported ${path.basename(args.file)} (${result.format}) in ${formatDuration(result.seconds)}: ${describeImport(result)}.`);
    for (const line of shownRejects) console.log(`  rejected: ${line}`);
    if (result.rejected > shownRejects.length)
      console.log(`  … and ${result.rejected - shownRejects.length} more rejected records (all of them are in the rejects file)`);
    if (result.unmappedCounts.length) {
      const listed = result.unmappedCounts.slice(0, 15).map((u) => `${u.name} (${u.cases})`);
      console.log(
        `Drug names not in the catalogue, with the cases naming them (kept on the cases as reported; map them with the Drug names page): ${listed.join(", ")}${result.unmappedCounts.length > 15 ? `, and ${result.unmappedCounts.length - 15} more` : ""}`,
      );
    }
    if (rejects) console.log(`Rejects written to ${rejectsPath}`);
    console.log(`Import job ${result.jobId}`);
  } finally {
    progress.stop();
    await new Promise<void>((resolve) => (rejects ? rejects.end(() => resolve()) : resolve()));
  }
}
