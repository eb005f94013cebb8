"use client";
// Dismiss an open alert (with the required reason) or take a dismissal back, through
// PATCH /api/v1/alerts/{id} (docs/signals.md, "Dismissing an alert"); the page then refreshes and
// shows the change in the alert's history. The API's message is shown as is.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";
import styles from "../alerts.module.css";

export function AlertActions({ id, status }: { id: string; status: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (status !== "open" && status !== "dismissed") return null;
  const dismissing = status === "open";

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = (new FormData(event.currentTarget).get("reason") as string | null) ?? "";
    setBusy(true);
    setError(null);
    try {
      const response = await apiFetch(`/api/v1/alerts/${id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: dismissing ? "dismissed" : "open", reason }),
      });
      if (!response.ok) {
        setError((await readApiError(response))?.message ?? `Not saved (HTTP ${response.status}).`);
        return;
      }
      setOpen(false);
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className={styles.action} onClick={() => setOpen(true)} data-testid={dismissing ? "dismiss" : "reopen"}>
        {dismissing ? "Dismiss…" : "Reopen…"}
      </button>
    );
  return (
    <form className={styles.dismissForm} onSubmit={(e) => void submit(e)} data-testid="alert-change-form">
      <label>
        {dismissing ? "Why dismiss it (kept in its history)" : "Why reopen it"}
        <textarea name="reason" required maxLength={2000} rows={2} />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : dismissing ? "Dismiss the alert" : "Reopen the alert"}
      </button>
      <button type="button" onClick={() => setOpen(false)} disabled={busy}>
        Cancel
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
