"use client";
// "Add these cases to a topic" on a drill-down (the case list filtered to a drug or class, as the
// signals page's a and an alert's "Cases behind it" open it): links the cases listed on this page
// to the chosen signal topic in one request (docs/signals.md) and says how many were linked.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";
import styles from "../case-pages.module.css";

type TProps = { caseIds: string[]; total: number; topics: { id: string; title: string }[] };

export function AddToTopic({ caseIds, total, topics }: TProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; topicId?: string; error?: boolean } | null>(null);
  if (caseIds.length === 0) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const topicId = (new FormData(event.currentTarget).get("topic") as string | null) ?? "";
    if (!topicId) return;
    setBusy(true);
    setMessage(null);
    try {
      const response = await apiFetch(`/api/v1/signals/topics/${topicId}/cases`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ caseIds }),
      });
      if (!response.ok) {
        setMessage({ text: (await readApiError(response))?.message ?? `Not linked (HTTP ${response.status}).`, error: true });
        return;
      }
      const { linked, alreadyLinked } = (await response.json()) as { linked: number; alreadyLinked: number };
      setMessage({ text: `${linked} linked${alreadyLinked ? `, ${alreadyLinked} already linked` : ""}.`, topicId });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.addToTopic} onSubmit={(e) => void submit(e)} data-testid="add-to-topic">
      {topics.length === 0 ? (
        <span className="muted">
          No open signal topic to add these cases to. <Link href="/signals/topics/new">Raise one</Link>.
        </span>
      ) : (
        <>
          <label>
            Add {caseIds.length === total ? `these ${caseIds.length}` : `the ${caseIds.length} on this page (of ${total})`} cases to topic{" "}
            <select name="topic" required defaultValue="">
              <option value="" disabled>
                choose a topic
              </option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {busy ? "Adding…" : "Add"}
          </button>
        </>
      )}
      {message && (
        <span role="status" className={message.error ? "error" : undefined}>
          {message.text} {message.topicId && <Link href={`/signals/topics/${message.topicId}`}>Open the topic</Link>}
        </span>
      )}
    </form>
  );
}
