"use client";
// Nullify a case with its reason (safety officers, administrators) or restore a nullified one
// (administrators): DELETE /api/v1/cases/{id} and POST /api/v1/cases/{id}/restore, each at the
// revision shown, then the page reloads with the case's new state (docs/case-processing.md).
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";

type TProps = { caseId: string; revision: number; nullified: boolean; canRestore: boolean };
const JSON_HEADERS = { "content-type": "application/json" };

export function NullifyActions({ caseId, revision, nullified, canRestore }: TProps) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(url: string, init: RequestInit) {
    setBusy(true);
    setError(null);
    try {
      const response = await apiFetch(url, init);
      if (!response.ok) {
        const problem = await readApiError(response);
        setError(
          problem?.issues[0]
            ? `${problem.issues[0].path === "reason" ? "Reason" : problem.issues[0].path} ${problem.issues[0].message}`
            : (problem?.message ?? `Failed (HTTP ${response.status}).`),
        );
        return;
      }
      setReason("");
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Failed.");
    } finally {
      setBusy(false);
    }
  }

  function nullify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(`/api/v1/cases/${caseId}?${new URLSearchParams({ revision: String(revision), reason })}`, { method: "DELETE" });
  }

  if (nullified) {
    return canRestore ? (
      <div>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void send(`/api/v1/cases/${caseId}/restore`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ revision }) })
          }
        >
          Restore this case
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    ) : (
      <p className="muted">Only an administrator can restore a nullified case.</p>
    );
  }
  return (
    <form onSubmit={nullify} aria-label="Nullify this case">
      <label htmlFor="nullify-reason">Reason for nullifying (required)</label>
      <div style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem", marginTop: "0.3rem" }}>
        <input
          id="nullify-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          placeholder="e.g. entered in error; not an NMS report"
          style={{ flex: "1 1 16rem", minWidth: 0 }}
        />
        <button type="submit" disabled={busy}>
          Nullify
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
