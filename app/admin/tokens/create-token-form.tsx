"use client";
// Create an API token (POST /api/v1/tokens), owned by the signed-in administrator: the token is
// shown here once — only its hash is stored.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TApiIssue } from "@/lib/client/api-fetch";
import { ROLE_LABELS } from "@/lib/auth/principal";
import { ROLES } from "@/lib/domain/vocabulary";
import { sendAdmin } from "../_components/send-admin";
import styles from "../_components/admin.module.css";

export function CreateTokenForm({ defaultDays }: { defaultDays: number }) {
  const router = useRouter();
  const [issues, setIssues] = useState<TApiIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string; expiresAt: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (field: string) => {
      const value = data.get(field);
      return typeof value === "string" ? value.trim() : "";
    };
    const name = text("name");
    const days = text("days");
    setBusy(true);
    setIssues([]);
    setMessage(null);
    setCreated(null);
    const answer = await sendAdmin("/api/v1/tokens", "POST", { name, role: text("role"), ...(days === "" ? {} : { days: Number(days) }) });
    setBusy(false);
    if (!answer.ok) {
      setIssues(answer.issues);
      setMessage(answer.message);
      return;
    }
    const body = answer.body as { token: string; expiresAt: string | null };
    setCreated({ name, token: body.token, expiresAt: body.expiresAt });
    form.reset();
    router.refresh();
  }

  const issue = (name: string) => issues.find((i) => i.path === name)?.message;
  return (
    <>
      <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label="Create an API token">
        <label>
          Name (what uses it)
          <input name="name" required maxLength={100} autoComplete="off" />
          {issue("name") && <span className={styles.fieldError}>{issue("name")}</span>}
        </label>
        <label>
          Role
          <select name="role" defaultValue="researcher">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires after (days; 0 never)
          <input name="days" type="number" min={0} max={3650} step={1} placeholder={String(defaultDays)} />
          {issue("days") && <span className={styles.fieldError}>{issue("days")}</span>}
        </label>
        <button type="submit" disabled={busy}>
          Create token
        </button>
      </form>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {created && (
        <div className={styles.secret} role="status" data-testid="one-time-token">
          <strong>Token “{created.name}” created</strong>
          {created.expiresAt ? `, expires ${created.expiresAt.slice(0, 10)}` : ", never expires"}. Copy it now — it is shown only once. Send
          it as <code>Authorization: Bearer {created.token}</code>
        </div>
      )}
    </>
  );
}
