// `cli import <file-or-folder> [--format csv|faers|openfda|e2b] [--skip-invalid] [--rejects FILE]`:
// imports one file (a FAERS quarter as its folder or ZIP) all-or-nothing; with --skip-invalid
// the valid records go in and the rejects are written with line, field and reason.
import { createWriteStream } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/imports/types";
import { failInterruptedJobs } from "@/lib/imports/write/import-jobs";
import { runImport } from "@/lib/imports/write/run-import";
import { startProgress } from "../progress";

const ZImportArgs = z.object({
  file: z.string({ message: "give the file or folder to import" }).min(1),
  format: z.enum(IMPORT_FORMATS, { message: "--format must be csv, faers, openfda, e2b or exposure" }).optional(),
  completeAscertainment: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
  rejects: z.string().optional(),
});

export async function importCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void> {
  const args = ZImportArgs.parse({
    file: positionals[0],
    format: values.format,
    skipInvalid: values["skip-invalid"] ?? false,
    rejects: values.rejects,
  });
  const rejectsPath = args.rejects ?? `${path.basename(args.file).replace(/\.[^.]+$/, "")}.rejects.csv`;
  const rejects = args.skipInvalid ? createWriteStream(rejectsPath) : null;
  rejects?.write(stringify([["file", "line", "record", "field", "reason"]]));
    completeAscertainment: values["complete-ascertainment"] ?? false,
  // Jobs left "running" by a process that died (killed, crashed, restarted) fail here, visibly.
  for (const job of await failInterruptedJobs()) console.log(`Import job ${job.id} (${job.fileName}) was interrupted: marked failed, nothing of it was kept.`);
  const progress = startProgress(`Importing ${path.basename(args.file)}`, 0, "reports");
  const started = Date.now();
  try {
    const result = await runImport(args.file, {
      format: args.format,
      skipInvalid: args.skipInvalid,
      actor: "cli",
      onProgress: (c) => progress.update(c.read, c.read),
      onReject: (r) => rejects?.write(stringify([[r.ref.file, r.ref.line ?? "", r.ref.record ?? "", r.field, r.reason]])),
    });
      completeAscertainment: args.completeAscertainment,
    progress.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Imported ${path.basename(args.file)} (${result.format}) in ${seconds} s: ${result.read} NMS reports read, ` +
        `${result.imported} new, ${result.updated} updated, ${result.skipped} unchanged, ${result.rejected} rejected, ${result.deleted} deleted.`,
    );
    if (result.summary) console.log(`Source: ${result.summary.reportsRead} reports, ${result.summary.drugsRead} drug rows, ${result.summary.reactionsRead} reactions.`);
    if (result.unmappedDrugs.length) console.log(`Drug names not in the catalogue (kept on the cases): ${result.unmappedDrugs.slice(0, 20).join(", ")}${result.unmappedDrugs.length > 20 ? ", …" : ""}`);
    if (rejects) console.log(`Rejects written to ${rejectsPath}`);
    console.log(`Import job ${result.jobId}`);
  } finally {
    progress.stop();
    await new Promise<void>((resolve) => (rejects ? rejects.end(() => resolve()) : resolve()));
  }
}
