"use client";
// Decide a pair: "duplicate" with the chosen master, "distinct", or undo a decision. Posts to
// /api/v1/duplicates/{id}; a conflict (the cases changed, or someone decided first) is shown as is.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";
import styles from "../duplicates.module.css";

type TSide = { id: string; label: string };
type TBody = { decision: "duplicate"; master: string } | { decision: "distinct" } | { decision: "candidate" };

export function DecisionForm({
  pairId,
  status,
  sides,
  master,
}: {
  pairId: string;
  status: string;
  sides: [TSide, TSide];
  master: string | null;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(body: TBody) {
    setBusy(true);
    setError(null);
    try {
      const response = await apiFetch(`/api/v1/duplicates/${pairId}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        setError((await readApiError(response))?.message ?? `The decision was not saved (HTTP ${response.status}).`);
        return;
      }
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The decision was not saved.");
    } finally {
      setBusy(false);
    }
  }

  if (status !== "candidate") {
    return (
      <div className={styles.decision}>
        <p className={styles.note}>
          Decided <strong>{status}</strong>
          {master ? <> — master: {sides.find((s) => s.id === master)?.label}</> : null}.
        </p>
        <div className={styles.actions}>
          <button type="button" className={styles.secondary} disabled={busy} onClick={() => void send({ decision: "candidate" })}>
            Undo decision
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      className={styles.decision}
      onSubmit={(e) => {
        e.preventDefault();
        // The radios are uncontrolled: a choice made while the page was still loading is kept.
        const value = new FormData(e.currentTarget).get("master");
        void send({ decision: "duplicate", master: typeof value === "string" ? value : sides[0].id });
      }}
    >
      <fieldset>
        <legend>Master report (the one that counts)</legend>
        {sides.map((side) => (
          <label key={side.id}>
            <input type="radio" name="master" value={side.id} defaultChecked={side.id === (master ?? sides[0].id)} /> {side.label}
          </label>
        ))}
      </fieldset>
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>
          Same patient: duplicate
        </button>
        <button type="button" className={styles.secondary} disabled={busy} onClick={() => void send({ decision: "distinct" })}>
          Different patients: distinct
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
