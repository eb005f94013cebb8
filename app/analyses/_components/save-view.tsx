"use client";
// "Save this view": one small form shared by the dashboard, signals and exports pages — a name,
// a description, private or shared with a role, and whether to freeze today's numbers. It posts
// the page's own URL query to /api/v1/analyses (docs/analyses.md).
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiFetch, readApiError, type TApiError } from "@/lib/client/api-fetch";
import styles from "../analyses.module.css";

type TKind = "dashboard" | "signals" | "export";
type TProps = { kind: TKind; query: string; researcher: boolean };

const SHARE_OPTIONS = [
  { value: "", label: "Private (only me)" },
  { value: "safety_officer", label: "Shared with drug-safety officers" },
  { value: "researcher", label: "Shared with researchers" },
  { value: "admin", label: "Shared with administrators" },
];

export function SaveView({ kind, query, researcher }: TProps) {
  const [saved, setSaved] = useState<{ id: string; name: string; frozen: boolean } | null>(null);
  const [error, setError] = useState<TApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    setBusy(true);
    setError(null);
    const response = await apiFetch("/api/v1/analyses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        kind,
        query,
        name: field("name"),
        description: field("description"),
        sharedWith: field("sharedWith") || null,
        freeze: form.get("freeze") === "on",
      }),
    }).catch(() => null);
    setBusy(false);
    if (response?.ok) {
      setSaved((await response.json()) as { id: string; name: string; frozen: boolean });
      return;
    }
    setError(
      (response && (await readApiError(response))) ?? {
        code: "network",
        message: "The analysis could not be saved: try again.",
        issues: [],
      },
    );
  }

  return (
    <details className={styles.save} data-testid="save-view">
      <summary>Save this view</summary>
      <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label="Save this view">
        <label>
          Name
          <input type="text" name="name" required maxLength={200} />
        </label>
        <label>
          Description
          <textarea name="description" rows={2} maxLength={2000} />
        </label>
        <label>
          Who may open it
          <select name="sharedWith" defaultValue="">
            {SHARE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.check}>
          <input type="checkbox" name="freeze" />
          <span>
            Freeze the numbers: keep every figure shown as it is now, to reopen exactly later beside today&apos;s
            {researcher ? " (suppressed as your exports are)" : ""}
          </span>
        </label>
        <button type="submit" className={styles.button} disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        {saved && (
          <p role="status">
            Saved “{saved.name}”{saved.frozen ? " with its numbers frozen" : ""}.{" "}
            <Link href={`/analyses/${saved.id}`} data-testid="saved-link">
              Open it in the library
            </Link>
          </p>
        )}
        {error && (
          <div role="alert" className="error">
            <p>{error.message}</p>
            {error.issues.length > 1 && (
              <ul>
                {error.issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    <code>{i.path}</code> {i.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
    </details>
  );
}
