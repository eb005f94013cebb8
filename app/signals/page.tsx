// Signals page: disproportionality of NMS reporting per drug and class from the background counts
// — table, ROR forest plot, cumulative IC025 trend — each panel streaming behind its Suspense.
import Link from "next/link";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/auth/page-guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { audienceOf, type TAudience } from "@/lib/queries/aggregates/audience";
import { readSignalTables } from "@/lib/queries/read-signal-tables";
import { SaveView } from "@/app/analyses/_components/save-view";
import { toSearchParams } from "@/lib/domain/search-params";
import { PanelSkeleton } from "./_components/panel-skeleton";
import { AdjustedPanel, ClassTablePanel, DrugTablePanel, ForestPanel, TrendPanel } from "./_components/result-panels";
import { SummaryPanel } from "./_components/summary-panel";
import { parsePageParams } from "./page-params";

export const dynamic = "force-dynamic";

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignalsPage({ searchParams }: { searchParams: TSearchParams }) {
  const principal = await requirePageRole(AGGREGATE_READERS, "/signals");
  const raw = await searchParams;
  const params = parsePageParams(raw);
  const audience = audienceOf(principal.role);
  return (
    <>
      <h1>Signals of disproportionality</h1>
      <p className="muted">
        Is NMS reported with a drug more often than with the other drugs of the same report database? PRR, ROR, IC and EBGM from the
        imported report counts, with their intervals and the conventional signal thresholds.
      </p>
      {params.ok && <SaveView kind="signals" query={toSearchParams(raw).toString()} researcher={principal.role === "researcher"} />}
      {params.ok ? <Panels {...params} audience={audience} /> : <InvalidParams issues={params.issues} />}
    </>
  );
}

function Panels({
  query,
  trend,
  apiSearch,
  audience,
}: Extract<ReturnType<typeof parsePageParams>, { ok: true }> & { audience: TAudience }) {
  // One report for every panel: started here, awaited by each panel behind its own boundary.
  // A researcher's report passes the disclosure rule (lib/queries/signals/protect-signals.ts).
  const report = readSignalTables(query, { trend: trend ? { kind: "drug", key: trend } : "most-reported", audience });
  return (
    <>
      <Suspense fallback={<PanelSkeleton title="Query" lines={3} />}>
        <SummaryPanel report={report} apiSearch={apiSearch} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="By drug" lines={10} />}>
        <DrugTablePanel report={report} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="Crude and adjusted" lines={6} />}>
        <AdjustedPanel report={report} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="Reporting odds ratio by drug" lines={8} />}>
        <ForestPanel report={report} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="Cumulative IC025 by period" lines={5} />}>
        <TrendPanel report={report} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="By drug class" lines={5} />}>
        <ClassTablePanel report={report} />
      </Suspense>
    </>
  );
}

function InvalidParams({ issues }: { issues: { path: string; message: string }[] }) {
  return (
    <section className="panel" role="alert">
      <h2>This address has parameters the page cannot use</h2>
      <ul>
        {issues.map((i) => (
          <li key={`${i.path}:${i.message}`}>
            <code>{i.path}</code> {i.message}
          </li>
        ))}
      </ul>
      <Link href="/signals">Open the signals page with its defaults</Link>
    </section>
  );
}
