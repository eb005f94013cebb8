// `cli duplicates scan [--all] [--threshold BITS]`: finds duplicate candidates. --all scores
// every case against every other (blocked); without it, only cases changed since the last scan
// (or every case, when none ran). Each scan is recorded in the audit trail.
import { z } from "zod";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getPgPool } from "@/lib/db/pg-pool";
import { withTransaction } from "@/lib/db/transaction";
import { scanDuplicates, type TScanPhase } from "@/lib/duplicates/scan-duplicates";
import type { TPairScope } from "@/lib/duplicates/write-pairs";
import { matchConfig } from "@/lib/stats/record-linkage";
import { startProgress, type TProgress } from "../progress";

const ZArgs = z.object({
  all: z.boolean().default(false),
  threshold: z.coerce.number({ message: "--threshold must be a number (bits)" }).finite().optional(),
});

async function scopeOf(all: boolean): Promise<{ scope: TPairScope; since: string | null }> {
  if (all) return { scope: { kind: "all" }, since: null };
  const pool = getPgPool();
  const last = await pool.query<{ at: Date }>(`SELECT max("at") AS at FROM "audit_event" WHERE "entity" = 'duplicate_scan'`);
  const at = last.rows[0]?.at ?? null;
  if (!at) return { scope: { kind: "all" }, since: null };
  const changed = await pool.query<{ id: string }>(`SELECT "id" FROM "case_report" WHERE "updated_at" >= $1 OR "created_at" >= $1`, [at]);
  return { scope: { kind: "cases", ids: changed.rows.map((r) => r.id) }, since: at.toISOString() };
}

export async function duplicatesCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void> {
  if (positionals[0] !== "scan") throw new Error("usage: duplicates scan [--all] [--threshold BITS]");
  const args = ZArgs.parse({ all: values.all ?? false, threshold: values.threshold });
  const config = matchConfig(args.threshold === undefined ? {} : { threshold: args.threshold });
  const { scope, since } = await scopeOf(args.all);
  if (scope.kind === "cases" && scope.ids.length === 0) {
    console.log(`No case changed since the last scan (${since}); --all rescans everything.`);
    return;
  }
  let bar: TProgress | null = null;
  let phase: TScanPhase | null = null;
  const result = await scanDuplicates({
    scope,
    config,
    onProgress: (next, done, total) => {
      if (next !== phase) {
        bar?.stop();
        phase = next;
        if (!process.stderr.isTTY) console.error(`duplicates scan: ${next}…`);
        bar = startProgress(
          next[0]!.toUpperCase() + next.slice(1),
          total,
          next === "reading" ? "cases" : next === "writing" ? "pairs" : "steps",
        );
      }
      bar?.update(done, total);
    },
  });
  (bar as TProgress | null)?.stop();
  await withTransaction(({ sql: client }) =>
    writeAuditEvent(client, {
      actor: "cli",
      action: "create",
      entity: "duplicate_scan",
      entityId: new Date().toISOString(),
      before: null,
      after: {
        scope: scope.kind,
        since,
        threshold: result.threshold,
        cases: result.cases,
        candidates: result.candidates,
        comparisons: result.blocking.comparisons,
      },
    }),
  );
  const { read, score, write } = result.seconds;
  console.log(
    `Scanned ${result.cases} cases: ${result.blocking.comparisons} comparisons in ${result.blocking.blocks} blocks ` +
      `(${result.blocking.windowedBlocks} windowed), ${result.candidates} pairs at or above ${result.threshold.toFixed(1)} bits (${config.threshold} + a bit per doubling past ${config.referenceSize.toLocaleString("en-GB")} cases); ` +
      `${result.stored} stored or updated, ${result.removed} dropped. Read ${read.toFixed(1)} s, scored ${score.toFixed(1)} s, wrote ${write.toFixed(1)} s.`,
  );
}
