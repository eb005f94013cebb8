// /admin/sessions — administrators see every active session (account, started, last request,
// address, browser) and end one, or every session of an account ("force sign-out"); audited (/audit).
import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ADMINS, ROLE_LABELS } from "@/lib/auth/principal";
import { listSessions } from "@/lib/auth/session-admin";
import { AdminNav } from "../_components/admin-nav";
import styles from "../_components/admin.module.css";
import { EndSessionButton } from "./end-session-button";
import { LocalTime } from "@/app/_components/local-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions · NMS Watch" };

const at = (date: Date | null) => <LocalTime iso={date?.toISOString()} />;

export default async function SessionsPage() {
  const principal = await requirePageRole(ADMINS, "/admin/sessions");
  const sessions = await listSessions();
  const perAccount = new Map<string, number>();
  for (const s of sessions) perAccount.set(s.userId, (perAccount.get(s.userId) ?? 0) + 1);
  return (
    <>
      <h1>Administration</h1>
      <AdminNav current="sessions" />
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Active sessions ({sessions.length})</h2>
        <p className="muted">
          Browser sign-ins not yet expired (a session lasts 12 hours), most recently used first; the last request is recorded to within five
          minutes. Ending a session signs that browser out at its next request; “Sign out everywhere” ends every session of the account. API
          tokens are not sessions: revoke them under API tokens.
        </p>
        <table className={`data ${styles.table} ${styles.stack}`}>
          <thead>
            <tr>
              <th>Account</th>
              <th>Started</th>
              <th>Last request</th>
              <th>Expires</th>
              <th>Address and browser</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const yours = s.id === principal.sessionId;
              return (
                <tr key={s.id} data-testid="session-row" data-email={s.email}>
                  <td>
                    {s.email}
                    {yours && " (this session)"}
                    <br />
                    <span className="muted">{ROLE_LABELS[s.role]}</span>
                  </td>
                  <td data-label="Started" className={styles.state}>
                    {at(s.createdAt)}
                  </td>
                  <td data-label="Last request" className={styles.state}>
                    {at(s.lastSeenAt)}
                  </td>
                  <td data-label="Expires" className={styles.state}>
                    {at(s.expiresAt)}
                  </td>
                  <td data-label="Address and browser" className={styles.agent}>
                    {s.ip ?? "—"}
                    <br />
                    <span className="muted">{s.userAgent ?? "—"}</span>
                  </td>
                  <td>
                    <div className={styles.actions}>
                      <EndSessionButton
                        url={`/api/v1/sessions/${s.id}`}
                        method="DELETE"
                        label="End"
                        name={`End this session of ${s.email}`}
                        confirm={yours ? "End your own session? You will be signed out." : `End this session of ${s.email}?`}
                      />
                      {(perAccount.get(s.userId) ?? 0) > 1 && (
                        <EndSessionButton
                          url={`/api/v1/users/${s.userId}/sign-out`}
                          method="POST"
                          label="Sign out everywhere"
                          name={`Sign out ${s.email} everywhere`}
                          confirm={`End all ${perAccount.get(s.userId)} sessions of ${s.email}?`}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
