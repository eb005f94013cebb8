"use client";
// Create an account (POST /api/v1/users): the generated password is shown here once, to hand over;
// it is never stored in clear and cannot be shown again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TApiIssue } from "@/lib/client/api-fetch";
import { ROLE_LABELS } from "@/lib/auth/principal";
import { ROLES } from "@/lib/domain/vocabulary";
import { sendAdmin } from "../_components/send-admin";
import styles from "../_components/admin.module.css";

export function CreateAccountForm() {
  const router = useRouter();
  const [issues, setIssues] = useState<TApiIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (field: string) => {
      const value = data.get(field);
      return typeof value === "string" ? value.trim() : "";
    };
    setBusy(true);
    setIssues([]);
    setMessage(null);
    setCreated(null);
    const answer = await sendAdmin("/api/v1/users", "POST", { email: text("email"), name: text("name"), role: text("role") });
    setBusy(false);
    if (!answer.ok) {
      setIssues(answer.issues);
      setMessage(answer.message);
      return;
    }
    const body = answer.body as { user: { email: string }; password: string };
    setCreated({ email: body.user.email, password: body.password });
    form.reset();
    router.refresh();
  }

  const issue = (name: string) => issues.find((i) => i.path === name)?.message;
  return (
    <>
      <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label="Create an account">
        <label>
          Email
          <input name="email" type="email" required autoComplete="off" aria-invalid={issue("email") ? true : undefined} />
          {issue("email") && <span className={styles.fieldError}>{issue("email")}</span>}
        </label>
        <label>
          Name
          <input name="name" required autoComplete="off" aria-invalid={issue("name") ? true : undefined} />
          {issue("name") && <span className={styles.fieldError}>{issue("name")}</span>}
        </label>
        <label>
          Role
          <select name="role" defaultValue="safety_officer">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </form>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {created && (
        <div className={styles.secret} role="status" data-testid="one-time-password">
          <strong>Account {created.email} created.</strong> Its password, shown only now — hand it over securely; it cannot be shown again:
          <code>{created.password}</code>
        </div>
      )}
    </>
  );
}
