// A warning above the figures when some of the filtered cases name a suspect drug the catalogue
// does not match: those cases count in no drug class, so an empty class may only mean "not
// mapped yet". Staff get a link to the drug-name workbench.
import Link from "next/link";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { loadAggregates } from "./load";

export async function UnmatchedDrugsNotice({ filters, canMap }: { filters: TDashboardFilters; canMap: boolean }) {
  const answer = await loadAggregates(aggregateQuery(filters, "drugClass"));
  const unmatched = answer.unmatchedSuspects;
  if (!unmatched || unmatched.cases === 0) return null;
  const cases = unmatched.cases === null ? "A few" : unmatched.cases.toLocaleString("en-GB");
  return (
    <p className="notice" role="status" data-testid="unmatched-notice">
      <strong>{cases} of these cases</strong> name a suspect drug that matches no catalogue drug, so they count in no drug class (the totals
      include them).{" "}
      {canMap ? <Link href={unmatched.workbench}>Map the names on the Drug names page</Link> : "A safety officer can map the names."}
    </p>
  );
}
