// Overview: case counts by drug class — the end-to-end proof that app, queries and database
// are wired (the full dashboard lives in its own issue).
import { requirePageRole } from "@/lib/auth/page-guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { countCases } from "@/lib/queries/count-cases";
import { countCasesByClass } from "@/lib/queries/count-cases-by-class";

export const dynamic = "force-dynamic";

const formatCount = new Intl.NumberFormat("en-GB");

export default async function OverviewPage() {
  await requirePageRole(AGGREGATE_READERS, "/");
  const [total, byClass] = await Promise.all([countCases(), countCasesByClass()]);
  const max = Math.max(1, ...byClass.map((c) => c.cases));
  return (
    <>
      <h1>NMS case reports</h1>
      <p className="muted">
        {formatCount.format(total)} case reports. A case counts once in each class of its suspect, interacting or
        withdrawn drugs, so class counts may add up to more than the total.
      </p>
      <section className="panel" aria-labelledby="by-class">
        <h2 id="by-class">Cases by drug class</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Drug class</th>
              <th scope="col" className="num">Cases</th>
              <th scope="col" style={{ width: "45%" }}>
                <span className="visually-hidden">Share</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {byClass.map((row) => (
              <tr key={row.key} data-class={row.key}>
                <td>{row.label}</td>
                <td className="num" data-testid={`count-${row.key}`}>{formatCount.format(row.cases)}</td>
                <td>
                  <div className="bar" style={{ width: `${(100 * row.cases) / max}%` }} aria-hidden="true" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
