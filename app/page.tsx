// Overview: where NMS reports stand by drug class, sex, age, outcome, time and onset latency,
// each against the published baselines. The URL holds the filters; every panel fetches through
// lib/queries behind its own Suspense and error boundary, and client islands only draw.
import Link from "next/link";
import { Suspense } from "react";
import { AgePanel } from "@/app/_dashboard/age-panel";
import { CaseFatalityPanel } from "@/app/_dashboard/case-fatality-panel";
import { DuplicatesNotice } from "@/app/_dashboard/duplicates-notice";
import styles from "@/app/_dashboard/dashboard.module.css";
import { FilterBarSlot } from "@/app/_dashboard/filter-bar-slot";
import { HeadlineTiles, TilesSkeleton } from "@/app/_dashboard/headline-tiles";
import { IncidencePanel } from "@/app/_dashboard/incidence-panel";
import { LatencyPanel } from "@/app/_dashboard/latency-panel";
import { OutcomePanel } from "@/app/_dashboard/outcome-panel";
import { PanelSlot } from "@/app/_dashboard/panel";
import { PanelBoundary } from "@/app/_dashboard/panel-boundary";
import { SexPanel } from "@/app/_dashboard/sex-panel";
import { SourcesPanel } from "@/app/_dashboard/sources-panel";
import { UnmatchedDrugsNotice } from "@/app/_dashboard/unmatched-drugs-notice";
import { YearsPanel } from "@/app/_dashboard/years-panel";
import { SaveView } from "@/app/analyses/_components/save-view";
import { requirePageRole } from "@/lib/auth/page-guard";
import { AGGREGATE_READERS, CASE_READERS } from "@/lib/auth/principal";
import {
  aggregateApiPath,
  aggregateQuery,
  parseDashboardFilters,
  type TDashboardFilters,
  type TFilterIssue,
} from "@/lib/dashboard/filters";
import { toSearchParams } from "@/lib/domain/search-params";

export const dynamic = "force-dynamic";

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: TSearchParams }) {
  const params = toSearchParams(await searchParams);
  const here = params.size ? `/?${params.toString()}` : "/";
  const principal = await requirePageRole(AGGREGATE_READERS, here);
  const parsed = parseDashboardFilters(params);
  return (
    <>
      <h1>NMS case reports</h1>
      <p className="muted">
        Neuroleptic malignant syndrome reports by drug class, sex, age, outcome, year and onset latency, each with its 95% interval and the
        published baseline it is compared with (numbered; see <a href="#sources">Sources</a>).
      </p>
      <FilterBarSlot countries={params.getAll("country")} />
      {parsed.ok && <SaveView kind="dashboard" query={parsed.search} researcher={principal.role === "researcher"} />}
      {parsed.ok ? (
        <Dashboard filters={parsed.filters} search={parsed.search} canDrill={CASE_READERS.includes(principal.role)} />
      ) : (
        <InvalidFilters issues={parsed.issues} />
      )}
    </>
  );
}

function Dashboard({ filters, search, canDrill }: { filters: TDashboardFilters; search: string; canDrill: boolean }) {
  const props = { filters, canDrill };
  // Keyed by the filters: a new selection shows each panel's skeleton (and clears a panel's error) until it streams in.
  return (
    <>
      <Suspense fallback={null}>
        <UnmatchedDrugsNotice filters={filters} canMap={canDrill} />
      </Suspense>
      <Suspense fallback={null}>
        <DuplicatesNotice filters={filters} canReview={canDrill} />
      </Suspense>
      <PanelBoundary key={`tiles?${search}`} title="Headline figures">
        <Suspense fallback={<TilesSkeleton />}>
          <HeadlineTiles filters={filters} />
        </Suspense>
      </PanelBoundary>
      <div className={styles.grid}>
        <PanelSlot key={`cfr?${search}`} id="case-fatality" title="Case fatality by drug class" wide height={330}>
          <CaseFatalityPanel {...props} />
        </PanelSlot>
        <PanelSlot key={`inc?${search}`} id="incidence" title="Incidence per 100,000 person-years by drug class" wide height={330}>
          <IncidencePanel {...props} />
        </PanelSlot>
        <PanelSlot key={`sex?${search}`} id="sex" title="Sex" height={180}>
          <SexPanel {...props} />
        </PanelSlot>
        <PanelSlot key={`out?${search}`} id="outcome" title="Outcome" height={270}>
          <OutcomePanel {...props} />
        </PanelSlot>
        <PanelSlot key={`age?${search}`} id="age" title="Age band" height={280}>
          <AgePanel {...props} />
        </PanelSlot>
        <PanelSlot key={`lat?${search}`} id="latency" title="Onset latency" height={280}>
          <LatencyPanel {...props} />
        </PanelSlot>
        <PanelSlot key={`yrs?${search}`} id="years" title="Reports and case fatality per year by drug class" wide height={560}>
          <YearsPanel {...props} />
        </PanelSlot>
      </div>
      <p className="muted">
        The same numbers from the API:{" "}
        <a href={aggregateApiPath(aggregateQuery(filters, "drugClass"))}>
          <code>GET {aggregateApiPath(aggregateQuery(filters, "drugClass"))}</code>
        </a>{" "}
        (change <code>by=</code> for the other breakdowns).
      </p>
      <PanelBoundary title="Sources">
        <Suspense fallback={null}>
          <SourcesPanel />
        </Suspense>
      </PanelBoundary>
    </>
  );
}

function InvalidFilters({ issues }: { issues: TFilterIssue[] }) {
  return (
    <section className="panel" role="alert" data-panel-state="error">
      <h2>These filters cannot be used</h2>
      <ul className={styles.issues}>
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <code>{issue.path || "address"}</code> {issue.message}
          </li>
        ))}
      </ul>
      <Link href="/">Clear filters</Link>
    </section>
  );
}
