// /admin/users — administrators create accounts (one-time password), change roles, disable or
// enable, sign out everywhere and unlock after failed sign-ins; every action audited (/audit).
import type { Metadata } from "next";
import { listAccounts } from "@/lib/auth/account-admin";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ADMINS } from "@/lib/auth/principal";
import { AdminNav } from "../_components/admin-nav";
import styles from "../_components/admin.module.css";
import { AccountActions, AccountRole } from "./account-actions";
import { CreateAccountForm } from "./create-account-form";
import { LocalTime } from "@/app/_components/local-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accounts · NMS Watch" };

export default async function AccountsPage() {
  const principal = await requirePageRole(ADMINS, "/admin/users");
  const accounts = await listAccounts();
  return (
    <>
      <h1>Administration</h1>
      <AdminNav current="users" />
      <section className="panel" aria-labelledby="create-title">
        <h2 id="create-title">New account</h2>
        <CreateAccountForm />
      </section>
      <section className="panel" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts ({accounts.length})</h2>
        <p className="muted">
          Disabling ends the account&apos;s sessions and revokes its API tokens; a role change applies to its open sessions at once. The
          last active administrator cannot be demoted or disabled.
        </p>
        <table className={`data ${styles.table} ${styles.stack}`}>
          <thead>
            <tr>
              <th>Account</th>
              <th>Role</th>
              <th>State</th>
              <th className="num">Sessions</th>
              <th>Sign-in</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} data-testid="account-row" data-email={a.email}>
                <td>
                  {a.email}
                  {a.email === principal.actor && " (you)"}
                  <br />
                  <span className="muted">{a.name}</span>
                </td>
                <td data-label="Role">
                  <AccountRole id={a.id} email={a.email} role={a.role} />
                </td>
                <td className={styles.state} data-label="State">
                  {a.disabledAt ? <LocalTime iso={a.disabledAt.toISOString()} prefix="Disabled " /> : "Active"}
                </td>
                <td className="num" data-label="Sessions">
                  {a.sessions}
                </td>
                <td data-label="Sign-in">
                  {a.delayedUntil ? (
                    <LocalTime iso={a.delayedUntil.toISOString()} prefix={`${a.signInFailures} failures; delayed until `} />
                  ) : a.signInFailures > 0 ? (
                    `${a.signInFailures} recent failures`
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  <AccountActions
                    id={a.id}
                    email={a.email}
                    disabled={a.disabledAt !== null}
                    sessions={a.sessions}
                    delayed={a.delayedUntil !== null}
                    failures={a.signInFailures}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
