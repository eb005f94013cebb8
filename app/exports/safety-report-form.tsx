// The periodic NMS safety report from the exports page (staff): a plain GET form to
// /api/v1/reports/safety, which answers the PDF (or the same page as HTML). docs/report.md.
import { ISO_DATE_INPUT } from "@/app/_components/iso-date-input";
import styles from "./exports.module.css";

/** The last full half-year: the usual PSUR/PBRER interval. */
function lastHalfYear(today = new Date()): { from: string; to: string } {
  const year = today.getUTCFullYear();
  return today.getUTCMonth() < 6 ? { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` } : { from: `${year}-01-01`, to: `${year}-06-30` };
}

export function SafetyReportForm() {
  const period = lastHalfYear();
  return (
    <section className="panel" aria-labelledby="safety-report">
      <h2 id="safety-report">Periodic safety report</h2>
      <p className="muted">
        The NMS section of a periodic safety report for an onset-date period: cases by class, sex, age, outcome and source with intervals,
        cumulative figures, rates, baseline comparisons, disproportionality and the signals under review — the same layout every period.
        Staff only: it shows exact counts.
      </p>
      <form method="get" action="/api/v1/reports/safety" className={styles.form} aria-label="Safety report">
        <div className={styles.row}>
          <label className={styles.field}>
            Onset from
            <input {...ISO_DATE_INPUT} name="from" defaultValue={period.from} required />
          </label>
          <label className={styles.field}>
            Onset to
            <input {...ISO_DATE_INPUT} name="to" defaultValue={period.to} required />
          </label>
          <label className={styles.field}>
            Format
            <select name="format" defaultValue="pdf">
              <option value="pdf">PDF</option>
              <option value="html">HTML</option>
            </select>
          </label>
        </div>
        <div>
          <button type="submit" className={styles.download} data-testid="safety-report">
            Make the report
          </button>
        </div>
      </form>
    </section>
  );
}
