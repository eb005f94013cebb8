// /duplicates — the duplicate review queue (safety officers, administrators): suspected pairs by
// score, the selected pair side by side with its differences and field weights, and the decision.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { explainPair } from "@/lib/duplicates/explain-pair";
import { DUPLICATE_STATUSES, findDuplicatePairs, getDuplicatePair } from "@/lib/queries/find-duplicate-pairs";
import { getCase } from "@/lib/queries/get-case";
import { CompareCases } from "./_components/compare-cases";
import { DecisionForm } from "./_components/decision-form";
import { PairQueue } from "./_components/pair-queue";
import tabStyles from "@/app/_components/pill-tabs.module.css";
import styles from "./duplicates.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Duplicates · NMS Watch" };

const ZSearch = z.object({
  status: z.enum(DUPLICATE_STATUSES).catch("candidate"),
  pair: z.uuid().optional().catch(undefined),
});
const TAB_LABELS = { candidate: "To review", duplicate: "Confirmed duplicates", distinct: "Distinct" } as const;

export default async function DuplicatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageRole(CASE_READERS, "/duplicates");
  const { status, pair: pairParam } = ZSearch.parse(await searchParams);
  const { pairs } = await findDuplicatePairs({ status, limit: 200, offset: 0 });
  const pair = pairParam ? await getDuplicatePair(pairParam) : (pairs[0] ?? null);
  const [a, b, explained] = pair
    ? await Promise.all([getCase(pair.cases[0].id), getCase(pair.cases[1].id), explainPair(pair.cases[0].id, pair.cases[1].id)])
    : [null, null, null];
  const label = (c: { source: string; sourceId: string }, side: string) => `${side}: ${c.source} ${c.sourceId}`;
  return (
    <>
      <h1>Duplicate reports</h1>
      <p className="muted">
        Pairs of reports that may describe the same patient and episode, scored by probabilistic record linkage (docs/duplicates.md). A
        confirmed duplicate counts once everywhere, under its master.
      </p>
      <nav className={tabStyles.tabs} aria-label="Status">
        {DUPLICATE_STATUSES.map((s) => (
          <Link key={s} href={`/duplicates?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {TAB_LABELS[s]}
          </Link>
        ))}
      </nav>
      <div className={styles.layout}>
        <section className="panel" aria-labelledby="queue-title">
          <h2 id="queue-title">
            {TAB_LABELS[status]} ({pairs.length}
            {pairs.length === 200 ? "+" : ""})
          </h2>
          <PairQueue pairs={pairs} selected={pair?.id ?? null} status={status} />
        </section>
        <section className="panel" aria-labelledby="pair-title" data-testid="duplicate-pair">
          {pair && a && b ? (
            <>
              <h2 id="pair-title">
                Score {pair.score.toFixed(1)} bits{explained ? ` (threshold ${explained.threshold.toFixed(1)})` : ""}
              </h2>
              {pair.cases.some((c) => c.duplicateOf !== null) && (
                <p className={styles.note}>One of these reports is already a confirmed duplicate in a group; deciding joins the groups.</p>
              )}
              <CompareCases a={a} b={b} parts={explained?.parts ?? null} />
              {CASE_WRITERS.includes(principal.role) && (
                <DecisionForm
                  key={`${pair.id}-${pair.status}`}
                  pairId={pair.id}
                  status={pair.status}
                  master={pair.master}
                  sides={[
                    { id: a.id, label: label(a, "A") },
                    { id: b.id, label: label(b, "B") },
                  ]}
                />
              )}
            </>
          ) : (
            <p className="muted" id="pair-title">
              {pairParam ? "This pair no longer exists (its cases were rescored or deleted)." : "Nothing to review."}
            </p>
          )}
        </section>
      </div>
    </>
  );
}
