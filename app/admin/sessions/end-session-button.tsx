"use client";
// End one session (DELETE /api/v1/sessions/{id}) or every session of an account
// (POST /api/v1/users/{id}/sign-out) after a confirmation; the page then reloads its list.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendAdmin } from "../_components/send-admin";
import styles from "../_components/admin.module.css";

export function EndSessionButton({
  url,
  method,
  label,
  name,
  confirm,
}: {
  url: string;
  method: "DELETE" | "POST";
  label: string;
  /** The accessible name: the visible label says what, this says whose. */
  name: string;
  confirm: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        className={styles.danger}
        disabled={busy}
        aria-label={name}
        onClick={() => {
          if (!window.confirm(confirm)) return;
          setBusy(true);
          void sendAdmin(url, method).then((answer) => {
            setBusy(false);
            if (answer.ok) router.refresh();
            else setError(answer.message);
          });
        }}
      >
        {label}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
