// /exposure — the exposure datasets rates divide by: source, years, strata, person-years, flags and
// who loaded them; administrators delete one. Loading is an import (format "exposure").
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ADMINS, AGGREGATE_READERS } from "@/lib/auth/principal";
import { REPORTING_RATE_SENTENCE } from "@/lib/domain/rate-wording";
import { formatCount } from "@/lib/format";
import { findExposureDatasets } from "@/lib/queries/find-exposure-datasets";
import { DeleteDatasetButton } from "./_components/delete-dataset-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exposure · NMS Watch" };

export default async function ExposurePage() {
  const principal = await requirePageRole(AGGREGATE_READERS, "/exposure");
  const datasets = await findExposureDatasets();
  const admin = ADMINS.includes(principal.role);
  return (
    <>
      <h1>Exposure datasets</h1>
      <section className="panel" aria-labelledby="about-exposure">
        <h2 id="about-exposure">What rates divide by</h2>
        <p>
          Person-years on a drug class (or drug) by year, country, setting, sex and age band. {REPORTING_RATE_SENTENCE} A rate is called an
          incidence only when its dataset was loaded as a complete ascertainment of the exposed population. Load a dataset as an exposure
          CSV on the <Link href="/imports">imports page</Link> (or <code>npm run cli -- import FILE --format exposure</code>).
        </p>
      </section>
      <section className="panel" aria-labelledby="datasets">
        <h2 id="datasets">Loaded datasets</h2>
        {datasets.length === 0 ? (
          <p data-testid="no-exposure">No exposure dataset is loaded: rates cannot be computed.</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Years</th>
                  <th scope="col">Strata</th>
                  <th scope="col">Person-years</th>
                  <th scope="col">Countries</th>
                  <th scope="col">Settings</th>
                  <th scope="col">Rates are</th>
                  <th scope="col">Loaded by</th>
                  {admin && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {datasets.map((d) => (
                  <tr key={d.source} data-testid="exposure-dataset">
                    <th scope="row">
                      {d.source}
                      {d.synthetic && (
                        <>
                          {" "}
                          <strong>(synthetic)</strong>
                        </>
                      )}
                    </th>
                    <td>{d.firstYear === null ? "—" : d.firstYear === d.lastYear ? d.firstYear : `${d.firstYear}–${d.lastYear}`}</td>
                    <td className="num">{formatCount(d.strata)}</td>
                    <td className="num">{formatCount(Math.round(d.personYears))}</td>
                    <td>{d.countries.map((c) => c || "all").join(", ") || "—"}</td>
                    <td>{d.settings.join(", ") || "—"}</td>
                    <td>{d.completeAscertainment ? "incidence (complete ascertainment declared)" : "reporting rates"}</td>
                    <td>
                      {d.loadedBy ?? "—"}
                      <br />
                      <small>{d.loadedAt.slice(0, 16).replace("T", " ")} UTC</small>
                    </td>
                    {admin && (
                      <td>
                        <DeleteDatasetButton source={d.source} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
