"use client";
// Deletes one exposure dataset (DELETE /api/v1/exposure/{source}) after a confirmation; rates
// computed from it disappear from every page at once.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";

export function DeleteDatasetButton({ source }: { source: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    if (!window.confirm(`Delete the exposure dataset “${source}” and every rate computed from it?`)) return;
    setBusy(true);
    setError(null);
    try {
      const response = await apiFetch(`/api/v1/exposure/${encodeURIComponent(source)}`, { method: "DELETE" });
      if (!response.ok) {
        setError((await readApiError(response))?.message ?? `Not deleted (HTTP ${response.status}).`);
        return;
      }
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Not deleted.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" disabled={busy} onClick={() => void remove()} aria-label={`Delete ${source}`}>
        Delete
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
