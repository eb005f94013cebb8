// What the numbers below are computed from — source, periods, totals, the EBGM prior, the signal
// rules in words — with the filters, the notes, and the empty state before any import.
import Link from "next/link";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import { BACKGROUND_SOURCES } from "@/lib/queries/signals/signal-query";
import styles from "../signals.module.css";
import { formatCount } from "./format";
import { SignalFilters } from "./signal-filters";

const CLI_COMMAND = "npm run cli -- import path/to/faers_ascii_2024q1.zip";

export async function SummaryPanel({ report: pending, apiSearch }: { report: Promise<TSignalReport>; apiSearch: string }) {
  const report = await pending;
  if (report.periods.available.length === 0) return <EmptyState />;
  const t = report.query.thresholds;
  const used = report.periods.used;
  const range = used.length === 0 ? "none" : used.length === 1 ? used[0] : `${used[0]}–${used[used.length - 1]} (${used.length} periods)`;
  const prior = report.ebgmPrior;
  const shownNotes = report.notes.filter((n) => n.code !== "class_double_count");
  return (
    <section className="panel" aria-labelledby="signals-query">
      <h2 id="signals-query">Query</h2>
      <SignalFilters available={report.periods.available} sources={BACKGROUND_SOURCES} current={report.query} />
      <dl className={styles.facts}>
        <div>
          <dt>Source</dt>
          <dd>{report.query.source}</dd>
        </div>
        <div>
          <dt>Periods</dt>
          <dd>{range}</dd>
        </div>
        <div>
          <dt>Reports</dt>
          <dd data-testid="total-reports">{formatCount(report.totals.reports)}</dd>
        </div>
        <div>
          <dt>NMS reports</dt>
          <dd data-testid="total-nms">{formatCount(report.totals.nmsReports)}</dd>
        </div>
        <div>
          <dt>EBGM prior</dt>
          <dd>{prior.fitted ? `fitted over ${prior.pairs} drugs` : "not fitted"}</dd>
        </div>
      </dl>
      <p className="muted">
        Signal rules: PRR ≥ {t.prr.estimateAtLeast} with χ² ≥ {t.prr.chiSquareAtLeast} and a ≥ {t.prr.casesAtLeast} (Evans 2001); ROR lower
        95% limit &gt; {t.ror.lowerAbove}; IC025 &gt; {t.ic.lowerAbove}; EB05 ≥ {t.ebgm.eb05AtLeast}
        {t.ror.casesAtLeast > 1 ? `; each with a ≥ ${t.ror.casesAtLeast}` : ""}. Background counts are reports, not patients; a signal is a
        prompt to review cases, not proof of causation.{" "}
        <Link href={`/api/v1/signals?${apiSearch}`} prefetch={false}>
          These numbers as JSON
        </Link>
      </p>
      {shownNotes.length > 0 && (
        <ul className={styles.notes} data-testid="signal-notes">
          {shownNotes.map((n) => (
            <li key={n.code}>{n.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EmptyState() {
  return (
    <section className="panel" data-testid="signals-empty">
      <h2>No background counts yet</h2>
      <p>
        Disproportionality compares NMS reports for a drug with all reports for that drug, so it needs the report totals of a
        spontaneous-report database, not only the NMS cases. FAERS quarterly files, openFDA drug-event files and E2B batches bring those
        counts when they are imported; cases entered by hand or from the canonical CSV do not.
      </p>
      <p>Import a FAERS quarter (its folder of .txt files or the ZIP) from the command line:</p>
      <pre className={styles.command}>{CLI_COMMAND}</pre>
      <p className="muted">Then reload this page. Each quarter is stored as its own period, so you can choose a range.</p>
    </section>
  );
}
