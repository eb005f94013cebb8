"use client";
// Rename and delete a saved analysis from the library or its page (owner or administrator);
// the server refuses anyone else, and the page refreshes with the result.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";
import styles from "../analyses.module.css";

export function AnalysisActions({ id, name, afterDelete }: { id: string; name: string; afterDelete?: string }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(method: "PATCH" | "DELETE", body?: unknown): Promise<boolean> {
    setError(null);
    const response = await apiFetch(`/api/v1/analyses/${id}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).catch(() => null);
    if (response?.ok) return true;
    setError((response && (await readApiError(response))?.message) ?? "The change could not be saved: try again.");
    return false;
  }

  async function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const entry = new FormData(event.currentTarget).get("name");
    const value = typeof entry === "string" ? entry : "";
    if (await send("PATCH", { name: value })) {
      setRenaming(false);
      router.refresh();
    }
  }

  async function remove() {
    if (!window.confirm(`Delete the saved analysis “${name}”? Its frozen numbers go with it.`)) return;
    if (await send("DELETE")) {
      if (afterDelete) router.push(afterDelete);
      else router.refresh();
    }
  }

  return (
    <div className={styles.actions}>
      {renaming ? (
        <form onSubmit={(e) => void rename(e)} className={styles.actions} aria-label={`Rename ${name}`}>
          <input type="text" name="name" defaultValue={name} required maxLength={200} aria-label="New name" />
          <button type="submit" className={styles.secondary}>
            Save name
          </button>
          <button type="button" className={styles.secondary} onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className={styles.secondary} onClick={() => setRenaming(true)}>
          Rename
        </button>
      )}
      <button type="button" className={styles.danger} onClick={() => void remove()}>
        Delete
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </div>
  );
}
