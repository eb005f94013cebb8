// One audit event's before and after as the fields that changed: old value struck through, new
// value after it. Long values (a narrative) are shortened; the API has them whole.
import { auditChanges } from "@/lib/audit/audit-diff";
import styles from "./audit.module.css";

const MAX = 120;
function show(value: unknown): string {
  if (value === undefined) return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const changes = auditChanges(before, after);
  if (changes.length === 0) return <span className="muted">no field changed</span>;
  return (
    <ul className={styles.changes}>
      {changes.map((c) => (
        <li key={c.path}>
          <code>{c.path}</code> {c.before !== undefined && <span className={styles.before}>{show(c.before)}</span>}
          {c.before !== undefined && c.after !== undefined && " → "}
          {c.after !== undefined && <span className={styles.after}>{show(c.after)}</span>}
        </li>
      ))}
    </ul>
  );
}
