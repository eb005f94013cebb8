// Above the figures: how many reports are suspected duplicates nobody has decided on yet (the
// possible inflation of every count), with a toggle between the counts with them (default) and
// without them (duplicates=suspected). Confirmed duplicates always count once. docs/duplicates.md.
import Link from "next/link";
import { filterSearch, type TDashboardFilters } from "@/lib/dashboard/filters";
import { countSuspectedDuplicates } from "@/lib/queries/find-duplicate-pairs";

export async function DuplicatesNotice({ filters, canReview }: { filters: TDashboardFilters; canReview: boolean }) {
  const suspected = await countSuspectedDuplicates();
  const without = filters.duplicates === "suspected";
  if (suspected === 0 && !without) return null;
  const toggled = filterSearch({ ...filters, duplicates: without ? undefined : "suspected" }).toString();
  const n = suspected.toLocaleString("en-GB");
  return (
    <p className="notice" role="status" data-testid="duplicates-notice">
      {without ? (
        <>
          <strong>
            Without {n} suspected duplicate {suspected === 1 ? "report" : "reports"}
          </strong>
          : the counts below leave out each report an undecided candidate pair names as the later copy.{" "}
        </>
      ) : (
        <>
          <strong>
            {n} {suspected === 1 ? "report is a suspected duplicate" : "reports are suspected duplicates"}
          </strong>{" "}
          not yet reviewed: the counts below include them.{" "}
        </>
      )}
      <Link href={toggled ? `/?${toggled}` : "/"} data-testid="duplicates-toggle">
        {without ? "Show counts with them" : "Show counts without them"}
      </Link>
      {canReview && (
        <>
          {" "}
          · <Link href="/duplicates">Review duplicates</Link>
        </>
      )}
    </p>
  );
}
