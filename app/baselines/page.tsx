// /baselines — every published baseline with its primary citation, what it was checked against and
// what makes it comparable (measure, setting, class, period, design); administrators correct or add one.
import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ADMINS, AGGREGATE_READERS } from "@/lib/auth/principal";
import { BASELINE_DESIGNS, BASELINE_METRICS, BASELINE_SETTINGS, BASELINE_STATEMENTS } from "@/lib/domain/baselines";
import { DRUG_CLASSES } from "@/lib/domain/vocabulary";
import { baselineFigure } from "@/lib/dashboard/references";
import { getBaselines } from "@/lib/queries/get-baselines";
import { BaselineForm } from "./_components/baseline-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Baselines · NMS Watch" };

const OPTIONS = {
  metrics: BASELINE_METRICS,
  settings: BASELINE_SETTINGS,
  designs: BASELINE_DESIGNS,
  statements: BASELINE_STATEMENTS,
  classes: DRUG_CLASSES,
};

export default async function BaselinesPage() {
  const principal = await requirePageRole(AGGREGATE_READERS, "/baselines");
  const admin = ADMINS.includes(principal.role);
  const baselines = await getBaselines();
  return (
    <>
      <h1>Published baselines</h1>
      <p className="muted">
        A figure is tested against a group only when measure, population (setting, drug class) and period match; a point figure is tested as
        ±20% around it, a range as the range. Spontaneous reports are never tested against cohort or inpatient figures.
      </p>
      {baselines.map((b) => (
        <section key={b.key} className="panel" aria-labelledby={`h-${b.key}`} data-testid="baseline">
          <h2 id={`h-${b.key}`}>
            {baselineFigure(b)} — {b.metric.replace(/_/g, " ")}
          </h2>
          <p>
            {b.population}; {b.period}. {b.design.replace(/_/g, " ")}, {b.setting.replace(/_/g, " ")}
            {b.drugClass ? `, ${b.drugClass}` : ""}; stated as {b.statement.replace(/_/g, " ")}.
          </p>
          {b.quote && <blockquote>“{b.quote}”</blockquote>}
          <p>
            <strong>Source:</strong> {b.citation}
            {b.via && <> Reached us through: {b.via}.</>}
          </p>
          {b.checked && (
            <p className="muted">
              <strong>Checked:</strong> {b.checked}
            </p>
          )}
          {admin && (
            <details>
              <summary>Correct this baseline</summary>
              <BaselineForm baseline={b} options={OPTIONS} />
            </details>
          )}
        </section>
      ))}
      {admin && (
        <section className="panel" aria-labelledby="add-baseline">
          <h2 id="add-baseline">Add a baseline</h2>
          <BaselineForm baseline={null} options={OPTIONS} />
        </section>
      )}
    </>
  );
}
