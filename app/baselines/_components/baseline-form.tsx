"use client";
// Add or correct a baseline (administrators): every field of the baseline table, a citation
// required; POST /api/v1/baselines or PATCH /api/v1/baselines/{key}; field errors shown in place.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, readApiError, type TApiIssue } from "@/lib/client/api-fetch";
import type { TStoredBaseline } from "@/lib/queries/get-baselines";

type TOptions = {
  metrics: readonly string[];
  settings: readonly string[];
  designs: readonly string[];
  statements: readonly string[];
  classes: readonly string[];
};
const NUMBERS = ["value", "low", "high", "periodStart", "periodEnd"] as const;
const TEXTS = ["unit", "population", "period", "citation", "quote", "via", "checked"] as const;
const NULLABLE_TEXTS = new Set(["quote", "via"]);

/** Form fields → the JSON body: numbers parsed, empty optional fields null. */
function bodyOf(form: FormData, withKey: boolean): Record<string, unknown> {
  const get = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const body: Record<string, unknown> = {};
  if (withKey) body.key = get("key");
  for (const name of ["metric", "setting", "design", "statement"]) body[name] = get(name);
  body.drugClass = get("drugClass") || null;
  for (const name of NUMBERS) body[name] = get(name) === "" ? null : Number(get(name));
  for (const name of TEXTS) body[name] = get(name) === "" && NULLABLE_TEXTS.has(name) ? null : get(name);
  return body;
}

export function BaselineForm({ baseline, options }: { baseline: TStoredBaseline | null; options: TOptions }) {
  const router = useRouter();
  const [issues, setIssues] = useState<TApiIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = baseline ? `b-${baseline.key}` : "b-new";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setIssues([]);
    setMessage(null);
    try {
      const url = baseline ? `/api/v1/baselines/${encodeURIComponent(baseline.key)}` : "/api/v1/baselines";
      const response = await apiFetch(url, {
        method: baseline ? "PATCH" : "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(bodyOf(new FormData(event.currentTarget), !baseline)),
      });
      if (!response.ok) {
        const error = await readApiError(response);
        setIssues(error?.issues ?? []);
        setMessage(error?.message ?? `Not saved (HTTP ${response.status}).`);
        return;
      }
      setMessage("Saved.");
      router.refresh();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : "Not saved.");
    } finally {
      setBusy(false);
    }
  }

  const issue = (name: string) => issues.find((i) => i.path === name || i.path.endsWith(`.${name}`))?.message;
  const field = (name: string, label: string, input: React.ReactNode) => (
    <label key={name} htmlFor={`${id}-${name}`} style={{ display: "grid", gap: "0.2rem" }}>
      {label}
      {input}
      {issue(name) && <span className="error">{issue(name)}</span>}
    </label>
  );
  const select = (name: string, values: readonly string[], current: string | null, empty = false) => (
    <select id={`${id}-${name}`} name={name} defaultValue={current ?? ""}>
      {empty && <option value="">(all classes)</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  );
  const value = (name: keyof TStoredBaseline) => {
    const v = baseline?.[name];
    return v === null || v === undefined ? "" : String(v);
  };
  return (
    <form
      onSubmit={(e) => void submit(e)}
      style={{ display: "grid", gap: "0.6rem", gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))" }}
    >
      {!baseline && field("key", "Key", <input id={`${id}-key`} name="key" required placeholder="author-year-what" />)}
      {field("metric", "Measure", select("metric", options.metrics, baseline?.metric ?? null))}
      {field("statement", "Stated as", select("statement", options.statements, baseline?.statement ?? null))}
      {NUMBERS.map((name) => field(name, name, <input id={`${id}-${name}`} name={name} inputMode="decimal" defaultValue={value(name)} />))}
      {field("setting", "Setting", select("setting", options.settings, baseline?.setting ?? null))}
      {field("design", "Design", select("design", options.designs, baseline?.design ?? null))}
      {field("drugClass", "Drug class", select("drugClass", options.classes, baseline?.drugClass ?? null, true))}
      {TEXTS.map((name) =>
        field(
          name,
          name === "checked" ? "Checked against" : name,
          <textarea
            id={`${id}-${name}`}
            name={name}
            rows={name === "citation" || name === "checked" ? 3 : 2}
            defaultValue={value(name)}
            required={!NULLABLE_TEXTS.has(name)}
          />,
        ),
      )}
      <div style={{ alignSelf: "end" }}>
        <button type="submit" disabled={busy}>
          {baseline ? "Save correction" : "Add baseline"}
        </button>
        {message && <p role="status">{message}</p>}
      </div>
    </form>
  );
}
