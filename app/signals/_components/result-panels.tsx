// Server panels that await the one signals report and hand shaped props to the client islands:
// the drug table, the class table, the ROR forest plot and the cumulative IC025 trend.
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import { CLASS_DOUBLE_COUNT_NOTE } from "@/lib/queries/signals/build-tables";
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
