// Audit trail (administrators): who changed what and when, with before and after shown as the
// fields that changed. Filters and page live in the URL; rows are append-only in the database.
import { ISO_DATE_INPUT } from "@/app/_components/iso-date-input";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ADMINS } from "@/lib/auth/principal";
import { AUDIT_ACTIONS, ZAuditQuery, findAuditEvents, type TAuditQuery } from "@/lib/queries/find-audit-events";
import { zodIssues } from "@/lib/errors";
import { AuditChanges } from "./audit-changes";
import styles from "./audit.module.css";
import { LocalTime } from "@/app/_components/local-time";

export const dynamic = "force-dynamic";

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: TSearchParams }) {
  await requirePageRole(ADMINS, "/audit");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" && v.trim() ? [[k, v.trim()]] : [])),
  );
  const parsed = ZAuditQuery.safeParse(raw);
  return (
    <>
      <h1>Audit trail</h1>
      <p className="muted">
        Every change to cases, accounts, API tokens, imports and baselines: who, when, before and after. Events cannot be changed or
        deleted.
      </p>
      {parsed.success ? (
        <Events query={parsed.data} raw={raw} />
      ) : (
        <section className="panel" role="alert">
          <h2>These filters cannot be used</h2>
          <ul>
            {zodIssues(parsed.error).map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path}</code> {i.message}
              </li>
            ))}
          </ul>
          <Link href="/audit">Show every event</Link>
        </section>
      )}
    </>
  );
}

async function Events({ query, raw }: { query: TAuditQuery; raw: Record<string, string> }) {
  const result = await findAuditEvents(query);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageHref = (page: number) => `/audit?${new URLSearchParams({ ...raw, page: String(page) }).toString()}`;
  return (
    <>
      <section className="panel" aria-labelledby="filters">
        <h2 id="filters">Filters</h2>
        <form method="get" action="/audit" className={styles.filters}>
          <label>
            Entity
            <select name="entity" defaultValue={raw.entity ?? ""}>
              <option value="">Any</option>
              {result.entities.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </label>
          <label>
            Entity id
            <input name="entityId" defaultValue={raw.entityId ?? ""} size={14} />
          </label>
          <label>
            Actor
            <input name="actor" defaultValue={raw.actor ?? ""} placeholder="email or token:name" />
          </label>
          <label>
            Action
            <select name="action" defaultValue={raw.action ?? ""}>
              <option value="">Any</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label>
            From (UTC)
            <input {...ISO_DATE_INPUT} name="from" defaultValue={raw.from ?? ""} />
          </label>
          <label>
            To (UTC)
            <input {...ISO_DATE_INPUT} name="to" defaultValue={raw.to ?? ""} />
          </label>
          <button type="submit">Filter</button>
        </form>
      </section>
      <section className="panel" aria-labelledby="events">
        <h2 id="events">{result.total.toLocaleString("en-GB")} events</h2>
        <table className={`data ${styles.events}`}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Changed fields</th>
            </tr>
          </thead>
          <tbody>
            {result.events.map((e) => (
              <tr key={e.id} data-testid="audit-event" data-entity={e.entity}>
                <td className={styles.when}>
                  <LocalTime iso={e.at} />
                </td>
                <td>{e.actor}</td>
                <td className={styles.action}>{e.action}</td>
                <td>
                  {e.entity}
                  <div className={styles.id}>{e.entityId}</div>
                </td>
                <td>
                  <AuditChanges before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav className={styles.pager} aria-label="Pages">
          {query.page > 1 ? <Link href={pageHref(query.page - 1)}>← Newer</Link> : <span />}
          <span className="muted">
            Page {query.page} of {pages}
          </span>
          {query.page < pages && <Link href={pageHref(query.page + 1)}>Older →</Link>}
        </nav>
      </section>
    </>
  );
}
