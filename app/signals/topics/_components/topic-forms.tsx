"use client";
// The review workflow's forms: raise a topic (from an alert or for a drug or class), and on a topic
// change its status, assignee, due date, add a comment or link a case. Each calls the topics API
// (docs/signals.md) and refreshes the page; the API's error message is shown as is.
import { ISO_DATE_INPUT } from "@/app/_components/iso-date-input";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";
import styles from "../topics.module.css";

type TOption = { value: string; label: string };

function useSend() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (method: string, path: string, body: unknown, then?: (json: { id?: string }) => void) => {
    setBusy(true);
    setError(null);
    try {
      const response = await apiFetch(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) {
        setError((await readApiError(response))?.message ?? `Not saved (HTTP ${response.status}).`);
        return;
      }
      const json = (await response.json()) as { id?: string };
      if (then) then(json);
      else router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Not saved.");
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, send, router };
}

/** A select over options; `blank` adds a first "none" choice with the empty value. */
function OptionSelect({
  name,
  options,
  defaultValue,
  blank,
  required,
}: {
  name: string;
  options: TOption[];
  defaultValue?: string;
  blank?: string;
  required?: boolean;
}) {
  return (
    <select name={name} defaultValue={defaultValue} required={required}>
      {blank !== undefined && <option value="">{blank}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

export function CreateTopicForm({ alertId, subjects, assignees }: { alertId: string | null; subjects: TOption[]; assignees: TOption[] }) {
  const { busy, error, send, router } = useSend();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const subject = text(form, "subject")?.split(":");
    const body = {
      ...(alertId ? { alertId } : { subjectKind: subject?.[0], subjectKey: subject?.[1] }),
      title: text(form, "title"),
      assignee: text(form, "assignee"),
      dueDate: text(form, "dueDate"),
    };
    void send("POST", "/api/v1/signals/topics", body, (json) => router.push(`/signals/topics/${json.id ?? ""}`));
  };
  return (
    <form className={styles.form} onSubmit={submit} data-testid="create-topic-form">
      {!alertId && (
        <label>
          Drug or class
          <OptionSelect name="subject" options={subjects} required />
        </label>
      )}
      <label>
        Title (optional)
        <input name="title" maxLength={200} placeholder="e.g. Haloperidol depot and NMS" />
      </label>
      <label>
        Assignee
        <OptionSelect name="assignee" options={assignees} defaultValue="" blank="Unassigned" />
      </label>
      <label>
        Due date
        <input {...ISO_DATE_INPUT} name="dueDate" />
      </label>
      <div className={styles.row}>
        <button type="submit" disabled={busy}>
          Create topic
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

export function TopicActions({
  id,
  status,
  statuses,
  assignee,
  assignees,
  dueDate,
}: {
  id: string;
  status: string;
  statuses: TOption[];
  assignee: string | null;
  assignees: TOption[];
  dueDate: string | null;
}) {
  const { busy, error, send } = useSend();
  const path = `/api/v1/signals/topics/${id}`;
  const on = (build: (form: FormData) => unknown) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const target = e.currentTarget;
    void send("PATCH", path, build(new FormData(target))).then(() => target.reset());
  };
  return (
    <div>
      <form className={styles.form} onSubmit={on((f) => ({ status: text(f, "status") }))} data-testid="status-form">
        <div className={styles.row}>
          <label>
            Status
            <OptionSelect name="status" options={statuses} defaultValue={status} />
          </label>
          <button type="submit" disabled={busy}>
            Change status
          </button>
        </div>
      </form>
      <form
        className={styles.form}
        onSubmit={on((f) => ({ assignee: text(f, "assignee") ?? null, dueDate: text(f, "dueDate") ?? null }))}
        data-testid="assign-form"
      >
        <div className={styles.row}>
          <label>
            Assignee
            <OptionSelect name="assignee" options={assignees} defaultValue={assignee ?? ""} blank="Unassigned" />
          </label>
          <label>
            Due date
            <input {...ISO_DATE_INPUT} name="dueDate" defaultValue={dueDate ?? ""} />
          </label>
          <button type="submit" disabled={busy}>
            Assign
          </button>
        </div>
      </form>
      <form className={styles.form} onSubmit={on((f) => ({ comment: text(f, "comment") }))} data-testid="comment-form">
        <label>
          Comment
          <textarea name="comment" rows={3} required maxLength={5000} />
        </label>
        <div className={styles.row}>
          <button type="submit" disabled={busy}>
            Add comment
          </button>
        </div>
      </form>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          const target = e.currentTarget;
          void send("POST", `${path}/cases`, { caseId: text(new FormData(target), "caseId") }).then(() => target.reset());
        }}
        data-testid="link-case-form"
      >
        <div className={styles.row}>
          <label>
            Link a case (its id, from the case list)
            <input name="caseId" required pattern="[0-9a-fA-F-]{36}" />
          </label>
          <button type="submit" disabled={busy}>
            Link case
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
