"use client";
// Revoke one API token (DELETE /api/v1/tokens/{id}) after a confirmation: it stops at once.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendAdmin } from "../_components/send-admin";
import styles from "../_components/admin.module.css";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        className={styles.danger}
        disabled={busy}
        aria-label={`Revoke token ${name}`}
        onClick={() => {
          if (!window.confirm(`Revoke the token “${name}”? Scripts using it stop at once.`)) return;
          setBusy(true);
          void sendAdmin(`/api/v1/tokens/${id}`, "DELETE").then((answer) => {
            setBusy(false);
            if (answer.ok) router.refresh();
            else setError(answer.message);
          });
        }}
      >
        Revoke
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
