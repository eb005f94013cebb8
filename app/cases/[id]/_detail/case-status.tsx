// The case's processing state on its page: status (draft, complete, follow-up requested with its
// due date), the minimum criteria a draft still misses, and a nullified case's who, when and why
// (docs/case-processing.md).
import { CASE_STATUS_LABELS } from "@/lib/domain/case-validity";
import { formatDate } from "@/lib/format";
import type { TCaseView } from "@/lib/queries/get-case";
import { LocalTime } from "@/app/_components/local-time";

export function CaseStatus({ view }: { view: TCaseView }) {
  return (
    <>
      {view.nullified && (
        <p className="error" role="status" data-testid="case-nullified">
          Nullified <LocalTime iso={view.nullified.at} />
          {view.nullified.by ? ` by ${view.nullified.by}` : ""}: {view.nullified.reason}. It counts in no figure, listing or export.
        </p>
      )}
      <p data-testid="case-status">
        <strong>Status: {CASE_STATUS_LABELS[view.status]}</strong>
        {view.status === "follow_up_requested" && view.followUpDue ? ` — follow-up due ${formatDate(view.followUpDue)}` : ""}
        {view.status === "draft" ? " — a draft counts nowhere until it is completed." : ""}
      </p>
      {view.missingCriteria.length > 0 && (
        <ul data-testid="missing-criteria">
          {view.missingCriteria.map((m) => (
            <li key={m.criterion}>{m.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
