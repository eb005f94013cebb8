// Line listing (safety officers and administrators): the cases behind the dashboard's numbers,
// with its filters, search, sort and page in the URL, served a page at a time by the server.
import Link from "next/link";
import { Suspense } from "react";
import { FilterBarSlot } from "@/app/_dashboard/filter-bar-slot";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { paramsObject, toSearchParams } from "@/lib/domain/search-params";
import { ZCaseListQuery, findCases, type TCaseListQuery } from "@/lib/queries/find-cases";
import { formatCount } from "@/lib/format";
import { findSignalTopics } from "@/lib/queries/find-signal-topics";
import { AddToTopic } from "./_listing/add-to-topic";
import { CaseTable } from "./_listing/case-table";
import { listingHref, parseSort } from "./_listing/listing-links";
import { SearchBox } from "./_listing/search-box";
import styles from "./case-pages.module.css";

export const dynamic = "force-dynamic";

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CasesPage({ searchParams }: { searchParams: TSearchParams }) {
  const params = toSearchParams(await searchParams);
  const search = params.toString();
  const principal = await requirePageRole(CASE_READERS, search ? `/cases?${search}` : "/cases");
  const parsed = ZCaseListQuery.safeParse(paramsObject(params));
  return (
    <>
      <div className={styles.heading}>
        <h1>Case reports</h1>
        {CASE_WRITERS.includes(principal.role) && (
          <Link href="/cases/new" className="button-link">
            New case
          </Link>
        )}
        <Link href="/cases/queue">Work queue: drafts, follow-ups, nullified</Link>
      </div>
      <FilterBarSlot countries={params.getAll("country")} />
      {parsed.success ? (
        <Suspense
          key={search}
          fallback={
            <p className="muted" aria-busy="true">
              Loading cases…
            </p>
          }
        >
          <CaseListing query={parsed.data} search={search} writer={CASE_WRITERS.includes(principal.role)} reader={principal.actor} />
        </Suspense>
      ) : (
        <section className="panel" role="alert">
          <h2>This address has parameters the listing cannot use</h2>
          <ul>
            {parsed.error.issues.map((issue, i) => (
              <li key={i}>
                <code>{issue.path.join(".") || "address"}</code> {issue.message}
              </li>
            ))}
          </ul>
          <Link href="/cases">Show all cases</Link>
        </section>
      )}
    </>
  );
}

/** Topics still under review, those of the drill-down's drug or class first. */
async function openTopicsFor(query: TCaseListQuery, reader: string) {
  const subjects = new Set([...query.drug, ...query.drugClass]);
  const { topics } = await findSignalTopics("all", reader);
  return topics
    .filter((t) => t.status !== "closed")
    .sort((x, y) => Number(subjects.has(y.subjectKey)) - Number(subjects.has(x.subjectKey)))
    .map((t) => ({ id: t.id, title: t.title }));
}

async function CaseListing({ query, search, writer, reader }: { query: TCaseListQuery; search: string; writer: boolean; reader: string }) {
  // A drill-down (filtered to a drug or class) offers to link its cases to a signal topic.
  const drillDown = writer && (query.drug.length > 0 || query.drugClass.length > 0);
  const [result, topics] = await Promise.all([findCases(query), drillDown ? openTopicsFor(query, reader) : null]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageLink = (page: number) => listingHref(search, { page: page === 1 ? null : String(page) });
  return (
    <section className="panel" aria-labelledby="listing-title">
      <div className={styles.toolbar}>
        <h2 id="listing-title" className={styles.total}>
          <span data-testid="case-total">{formatCount(result.total)}</span> {result.total === 1 ? "case" : "cases"}
        </h2>
        <SearchBox />
      </div>
      <ExtraFilters query={query} search={search} />
      {topics && <AddToTopic caseIds={result.cases.map((c) => c.id)} total={result.total} topics={topics} />}
      {result.total === 0 ? (
        <p className="muted">No case matches these filters.</p>
      ) : (
        <CaseTable rows={result.cases} sort={parseSort(query.sort)} search={search} />
      )}
      <nav className={styles.pager} aria-label="Pages">
        {query.page > 1 ? <Link href={pageLink(query.page - 1)}>← Previous</Link> : <span aria-disabled="true">← Previous</span>}
        <span>
          Page {formatCount(Math.min(query.page, pages))} of {formatCount(pages)}
        </span>
        {query.page < pages ? <Link href={pageLink(query.page + 1)}>Next →</Link> : <span aria-disabled="true">Next →</span>}
      </nav>
    </section>
  );
}

/** Filters the bar has no control for (they arrive by drill-down), each removable. */
function ExtraFilters({ query, search }: { query: TCaseListQuery; search: string }) {
  const chips = [
    ...(query.meetsConsensus === undefined
      ? []
      : [{ key: "meetsConsensus", text: `Meets consensus criteria: ${query.meetsConsensus ? "yes" : "no"}` }]),
  ];
  if (chips.length === 0) return null;
  return (
    <ul className={styles.chips} aria-label="Other filters">
      {chips.map((chip) => (
        <li key={chip.text}>
          {chip.text}{" "}
          <Link href={listingHref(search, { [chip.key]: null, page: null })} aria-label={`Remove the filter ${chip.text}`}>
            ✕
          </Link>
        </li>
      ))}
    </ul>
  );
}
