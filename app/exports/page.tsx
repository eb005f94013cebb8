// Exports: choose a dimension and filters (the URL holds them), preview the figures exactly as
// the downloads hold them — suppressed for researchers — and download CSV or JSON.
import { requirePageRole } from "@/lib/auth/page-guard";
import { AGGREGATE_READERS, CASE_READERS } from "@/lib/auth/principal";
import { buildAggregatesExport } from "@/lib/exports/build-aggregates-export";
import { audienceOf, type TAudience } from "@/lib/queries/aggregates/audience";
import { SaveView } from "@/app/analyses/_components/save-view";
import { ExportForm } from "./export-form";
import { parsePageParams } from "./page-params";
import { PreviewTable } from "./preview-table";
import { SafetyReportForm } from "./safety-report-form";
import styles from "./exports.module.css";

export const dynamic = "force-dynamic";

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ExportsPage({ searchParams }: { searchParams: TSearchParams }) {
  const principal = await requirePageRole(AGGREGATE_READERS, "/exports");
  const staff = CASE_READERS.includes(principal.role);
  const params = parsePageParams(await searchParams, principal.role);
  const query = params.search.toString();
  return (
    <>
      <h1>Exports</h1>
      <p className="muted">
        Aggregates by one or two dimensions with denominators, 95% intervals and baseline comparisons — the dashboard&apos;s own query. The
        same address always gives the same numbers for the same data version.
      </p>
      <section className="panel" aria-labelledby="query">
        <h2 id="query">Query</h2>
        <ExportForm search={params.search} staff={staff} />
      </section>
      {params.ok && <SaveView kind="export" query={query} researcher={principal.role === "researcher"} />}
      {params.ok ? (
        <Result query={query} params={params} audience={audienceOf(principal.role)} />
      ) : (
        <section className="panel" role="alert">
          <h2>These parameters cannot be exported</h2>
          <p className="error">{params.message}</p>
          <ul>
            {params.issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path}</code> {i.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {staff && (
        <section className="panel" aria-labelledby="listing">
          <h2 id="listing">Line listing</h2>
          <p className="muted">Every matching case in the canonical CSV columns (it re-imports). Staff only: it holds case-level data.</p>
          <a
            className={styles.download}
            href={`/api/v1/export/cases.csv?${params.listingSearch.toString()}`}
            download
            data-testid="download-cases"
          >
            Download cases (CSV)
          </a>
        </section>
      )}
      {staff && <SafetyReportForm />}
    </>
  );
}

type TResultProps = { query: string; params: Extract<ReturnType<typeof parsePageParams>, { ok: true }>; audience: TAudience };

async function Result({ query, params, audience }: TResultProps) {
  const { request } = params;
  const data = await buildAggregatesExport(request.query, request.suppression, audience);
  const { metadata } = data;
  return (
    <section className="panel" aria-labelledby="result">
      <h2 id="result">Export</h2>
      <div className={styles.downloads}>
        <a className={styles.download} href={`/api/v1/export/aggregates.csv?${query}`} download data-testid="download-csv">
          Download CSV
        </a>
        <a
          className={`${styles.download} ${styles.secondary}`}
          href={`/api/v1/export/aggregates.json?${query}`}
          download
          data-testid="download-json"
        >
          Download JSON
        </a>
        {/* Offered only for an unsuppressed export: the API answer has no table suppression on top. */}
        {/* A plain link: an API answer is not a page, so it is never prefetched as one (a prefetch of JSON fails in the console). */}
        {!metadata.suppression.applied && <a href={`/api/v1/aggregates?${metadata.queryString}`}>Same query in the API</a>}
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>Data version</dt>
          <dd data-testid="data-version">{metadata.dataVersion.version}</dd>
        </div>
        <div>
          <dt>Live cases</dt>
          <dd>{metadata.dataVersion.liveCases}</dd>
        </div>
        <div>
          <dt>App version</dt>
          <dd>{metadata.appVersion}</dd>
        </div>
        <div>
          <dt>Suppression</dt>
          <dd data-testid="suppression">{metadata.suppression.applied ? `counts under ${metadata.suppression.threshold}` : "none"}</dd>
        </div>
      </dl>
      {metadata.suppression.applied && <p className="muted">{metadata.suppression.note}</p>}
      <PreviewTable data={data} />
    </section>
  );
}
