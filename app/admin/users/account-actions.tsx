"use client";
// One account's controls: its role, disable/enable, sign out everywhere, unlock after repeated
// failed sign-ins — each a call to /api/v1/users/{id}…, confirmed first when it ends access.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ROLE_LABELS } from "@/lib/auth/principal";
import { ROLES, type Role } from "@/lib/domain/vocabulary";
import { sendAdmin } from "../_components/send-admin";
import styles from "../_components/admin.module.css";

type TProps = { id: string; email: string; role: Role; disabled: boolean; sessions: number; delayed: boolean; failures: number };

export function AccountRole({ id, email, role }: Pick<TProps, "id" | "email" | "role">) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <select
        aria-label={`Role of ${email}`}
        value={role}
        onChange={(event) => {
          const next = event.target.value;
          setError(null);
          void sendAdmin(`/api/v1/users/${id}`, "PATCH", { role: next }).then((answer) =>
            answer.ok ? router.refresh() : setError(answer.message),
          );
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function AccountActions({ id, email, disabled, sessions, delayed, failures }: Omit<TProps, "role">) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function act(path: string, method: "POST" | "PATCH", body: unknown, question: string | null, done: (answer: unknown) => string) {
    if (question && !window.confirm(question)) return;
    setBusy(true);
    setMessage(null);
    const answer = await sendAdmin(`/api/v1/users/${id}${path}`, method, body);
    setBusy(false);
    setMessage(answer.ok ? done(answer.body) : answer.message);
    if (answer.ok) router.refresh();
  }

  return (
    <div className={styles.actions}>
      {disabled ? (
        <button type="button" disabled={busy} onClick={() => void act("", "PATCH", { disabled: false }, null, () => "Enabled.")}>
          Enable
        </button>
      ) : (
        <button
          type="button"
          className={styles.danger}
          disabled={busy}
          onClick={() =>
            void act(
              "",
              "PATCH",
              { disabled: true },
              `Disable ${email}? Their sessions end and their API tokens are revoked.`,
              () => "Disabled.",
            )
          }
        >
          Disable
        </button>
      )}
      {sessions > 0 && (
        <button
          type="button"
          className={styles.secondary}
          disabled={busy}
          onClick={() =>
            void act(
              "/sign-out",
              "POST",
              undefined,
              `Sign ${email} out of every session?`,
              (b) => `${(b as { sessionsEnded: number }).sessionsEnded} session(s) ended.`,
            )
          }
        >
          Sign out
        </button>
      )}
      {(delayed || failures > 0) && (
        <button
          type="button"
          className={styles.secondary}
          disabled={busy}
          onClick={() => void act("/unlock", "POST", undefined, null, () => "Sign-in delay cleared.")}
        >
          Unlock
        </button>
      )}
      {message && <span role="status">{message}</span>}
    </div>
  );
}
