// Server panels that await the one signals report and hand shaped props to the client islands:
// the drug table, the crude-against-adjusted table, the class table, the ROR forest plot and the
// cumulative IC025 trend.
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import { CLASS_DOUBLE_COUNT_NOTE } from "@/lib/queries/signals/build-tables";
import { AdjustedTable, strataLabel } from "./adjusted-table";
import { IcTrendChart } from "./ic-trend-chart";
import { RorForestPlot } from "./ror-forest-plot";
import { SignalTable } from "./signal-table";

type TPanelProps = { report: Promise<TSignalReport> };

/** What every export row carries: the query as the API normalised it, and the data version. */
const metaOf = (r: TSignalReport) => ({ query: JSON.stringify(r.query), dataVersion: r.dataVersion });
const fileStem = (r: TSignalReport) => ["nms-signals", r.query.source, r.periods.used[0], r.periods.used.at(-1)].filter(Boolean).join("-");

export async function DrugTablePanel({ report: pending }: TPanelProps) {
  const report = await pending;
  if (report.drugs.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="signals-drugs">
      <h2 id="signals-drugs">By drug ({report.drugs.length})</h2>
      <p className="muted">
        a = NMS reports naming the drug; expected = a if NMS were reported with it as often as with all drugs. Each statistic sits over its
        interval: 95% CI for PRR and ROR, (IC025, IC975) for IC, (EB05, EB95) for EBGM. Hover a dash for why a value is missing; click a
        column to sort.
      </p>
      <SignalTable
        rows={report.drugs}
        kind="drug"
        sortable
        csvFileName={`${fileStem(report)}-drugs.csv`}
        caption="Disproportionality by drug"
        meta={metaOf(report)}
      />
    </section>
  );
}

/**
 * Crude against adjusted, for the strata chosen in the query (staff: researchers get no strata).
 * Says which strata, that unknown sex or age is a stratum of its own, and why nothing is shown.
 */
export async function AdjustedPanel({ report: pending }: TPanelProps) {
  const report = await pending;
  const staff = [...report.drugs, ...report.classes].some((r) => r.casesUrl !== null);
  if (report.drugs.length === 0 || !staff) return null;
  const by = report.query.strata;
  const unavailable = report.notes.find((n) => n.code === "strata_unavailable");
  const hasRows = [...report.drugs, ...report.classes].some((r) => r.stratified !== null);
  return (
    <section className="panel" aria-labelledby="signals-adjusted" data-testid="adjusted-panel">
      <h2 id="signals-adjusted">Crude and adjusted for {strataLabel(by)}</h2>
      <p className="muted">
        Crude: the statistic of the 2×2 table summed over every stratum (the tables above). Adjusted: Mantel–Haenszel PRR and ROR, and IC
        and EBGM on the stratified expected count Σ E<sub>k</sub>, each {strataLabel(by)} a stratum — so a drug reported mostly in a group
        where NMS is reported more overall is not credited with the difference. Unknown sex and unknown age are strata of their own. EBGM
        uses the prior fitted over the crude NMS column. Choose the strata under Query (“Adjust for”).
      </p>
      {unavailable && (
        <p role="note" data-testid="strata-unavailable">
          {unavailable.message}
        </p>
      )}
      {!hasRows && !unavailable && <p className="muted">No drug has two strata with a 2×2 table in these periods.</p>}
      <AdjustedTable rows={report.drugs} by={by} kind="drug" />
      <AdjustedTable rows={report.classes} by={by} kind="class" />
    </section>
  );
}

export async function ClassTablePanel({ report: pending }: TPanelProps) {
  const report = await pending;
  if (report.classes.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="signals-classes">
      <h2 id="signals-classes">By drug class</h2>
      <p className="muted" data-testid="class-note">
        {report.notes.some((n) => n.code === "class_double_count")
          ? CLASS_DOUBLE_COUNT_NOTE
          : "A report counts once per class, however many of the class's drugs it names."}{" "}
        EBGM is not given for classes: its prior describes single drugs.
      </p>
      <SignalTable
        rows={report.classes}
        kind="class"
        sortable={false}
        csvFileName={`${fileStem(report)}-classes.csv`}
        caption="Disproportionality by drug class"
        meta={metaOf(report)}
      />
    </section>
  );
}

export async function ForestPanel({ report: pending }: TPanelProps) {
  const report = await pending;
  if (report.drugs.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="signals-forest">
      <h2 id="signals-forest">Reporting odds ratio by drug</h2>
      <RorForestPlot rows={report.drugs} />
    </section>
  );
}

export async function TrendPanel({ report: pending }: TPanelProps) {
  const report = await pending;
  if (report.drugs.length === 0) return null;
  const drugs = [...report.drugs].map((d) => ({ key: d.key, label: d.label })).sort((x, y) => x.label.localeCompare(y.label));
  // A drug chosen in the URL but without reports in these periods still gets its (flat) trend.
  const chosen = report.trend && !drugs.some((d) => d.key === report.trend!.key) ? catalogueDrugByName(report.trend.key) : undefined;
  if (chosen) drugs.unshift({ key: chosen.name, label: chosen.displayName });
  return (
    <section className="panel" aria-labelledby="signals-trend">
      <h2 id="signals-trend">Cumulative IC025 by period</h2>
      <IcTrendChart trend={report.trend} drugs={drugs} threshold={report.query.thresholds.ic.lowerAbove} />
    </section>
  );
}
