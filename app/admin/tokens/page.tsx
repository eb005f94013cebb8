// /admin/tokens — administrators create API tokens (shown once), see each one's role, owner, last
// use and expiry, and revoke them; every action audited (/audit).
import type { Metadata } from "next";
import { defaultTokenDays, listApiTokens, type TTokenListing } from "@/lib/auth/api-tokens";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ADMINS, ROLE_LABELS } from "@/lib/auth/principal";
import type { ReactNode } from "react";
import { AdminNav } from "../_components/admin-nav";
import styles from "../_components/admin.module.css";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";
import { LocalTime } from "@/app/_components/local-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens · NMS Watch" };

const at = (date: Date | null) => <LocalTime iso={date?.toISOString()} />;

function stateOf(token: TTokenListing, now: Date): { active: boolean; text: ReactNode } {
  if (token.revokedAt) return { active: false, text: <LocalTime iso={token.revokedAt.toISOString()} prefix="Revoked " /> };
  if (token.expiresAt && token.expiresAt <= now)
    return { active: false, text: <LocalTime iso={token.expiresAt.toISOString()} prefix="Expired " /> };
  return { active: true, text: "Active" };
}

export default async function TokensPage() {
  await requirePageRole(ADMINS, "/admin/tokens");
  const tokens = (await listApiTokens()).reverse();
  const now = new Date();
  return (
    <>
      <h1>Administration</h1>
      <AdminNav current="tokens" />
      <section className="panel" aria-labelledby="create-title">
        <h2 id="create-title">New API token</h2>
        <p className="muted">
          A token acts with its role for scripts (README, “API”). It belongs to you: disabling your account revokes it.
        </p>
        <CreateTokenForm defaultDays={defaultTokenDays()} />
      </section>
      <section className="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens ({tokens.length})</h2>
        <p className="muted">Newest first; last use is recorded to the minute.</p>
        <table className={`data ${styles.stack}`}>
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Owner</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>State</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const state = stateOf(t, now);
              return (
                <tr key={t.id} data-testid="token-row" data-name={t.name}>
                  <td>
                    <strong>{t.name}</strong>
                  </td>
                  <td data-label="Role">{ROLE_LABELS[t.role]}</td>
                  <td data-label="Owner">{t.owner ?? <span className="muted">command line</span>}</td>
                  <td data-label="Created" className={styles.state}>
                    {at(t.createdAt)}
                  </td>
                  <td data-label="Last used" className={styles.state}>
                    {t.lastUsedAt ? at(t.lastUsedAt) : "never"}
                  </td>
                  <td data-label="Expires" className={styles.state}>
                    {t.expiresAt ? at(t.expiresAt) : "never"}
                  </td>
                  <td data-label="State" className={styles.state} data-testid="token-state">
                    {state.text}
                  </td>
                  <td>{state.active && <RevokeTokenButton id={t.id} name={t.name} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
