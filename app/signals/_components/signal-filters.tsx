"use client";
// The query behind the page — source, quarter range and thresholds — as a form that rewrites the
// URL (keeping sort and trend), so the view is shareable and the API gives the same numbers.
import { useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { SignalThresholds } from "@/lib/stats/disproportionality";
import styles from "../signals.module.css";

type TProps = {
  available: { source: string; periods: string[] }[];
  sources: readonly string[];
  current: { source: string; from: string | null; to: string | null; thresholds: SignalThresholds; strata: readonly string[] };
};

/** The strata the adjusted estimates may use (the API's strata=, docs/signals.md "Strata"). */
const STRATA_CHOICES = [
  { value: "period", label: "period" },
  { value: "sex", label: "sex" },
  { value: "ageBand", label: "age band" },
  { value: "sex,ageBand", label: "sex and age band" },
  { value: "period,sex,ageBand", label: "period, sex and age band" },
] as const;

const THRESHOLD_FIELDS = [
  { name: "prr", label: "PRR ≥", value: (t: SignalThresholds) => t.prr.estimateAtLeast },
  { name: "chi2", label: "χ² ≥", value: (t: SignalThresholds) => t.prr.chiSquareAtLeast },
  { name: "ror", label: "ROR lower >", value: (t: SignalThresholds) => t.ror.lowerAbove },
  { name: "ic025", label: "IC025 >", value: (t: SignalThresholds) => t.ic.lowerAbove },
  { name: "eb05", label: "EB05 ≥", value: (t: SignalThresholds) => t.ebgm.eb05AtLeast },
] as const;
const FIELD_NAMES = ["source", "from", "to", "minCases", "strata", ...THRESHOLD_FIELDS.map((f) => f.name)];

export function SignalFilters({ available, sources, current }: TProps) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [source, setSource] = useState(current.source);
  const quarters = (available.find((a) => a.source === source)?.periods ?? []).filter((p) => /^\d{4}Q[1-4]$/.test(p));
  const t = current.thresholds;
  const sameCases = new Set([t.prr.casesAtLeast, t.ror.casesAtLeast, t.ic.casesAtLeast, t.ebgm.casesAtLeast]).size === 1;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams(searchParams.toString());
    for (const name of FIELD_NAMES) {
      const entry = form.get(name);
      const value = typeof entry === "string" ? entry.trim() : "";
      // Period strata are the default: left out of the URL.
      if (value && !(name === "strata" && value === "period")) next.set(name, value);
      else next.delete(name);
    }
    startTransition(() => router.push(`?${next.toString()}`));
  };

  return (
    <form className={styles.filters} onSubmit={submit} aria-busy={pending} data-testid="signal-filters">
      <label>
        Source
        <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
          {sources.map((s) => (
            <option key={s} value={s}>
              {s}
              {available.some((a) => a.source === s) ? "" : " (no counts)"}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <select name="from" defaultValue={current.from ?? ""} key={`from-${source}`}>
          <option value="">{quarters.length ? "first quarter" : "all periods"}</option>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </label>
      <label>
        To
        <select name="to" defaultValue={current.to ?? ""} key={`to-${source}`}>
          <option value="">{quarters.length ? "last quarter" : "all periods"}</option>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </label>
      {THRESHOLD_FIELDS.map((f) => (
        <label key={f.name} className={styles.narrow}>
          {f.label}
          <input name={f.name} type="number" step="any" defaultValue={f.value(t)} />
        </label>
      ))}
      <label className={styles.wide} title="Fewest NMS reports (a) for any rule to fire; when set, it applies to every rule">
        Cases ≥
        <input
          name="minCases"
          type="number"
          min={0}
          step={1}
          defaultValue={sameCases ? t.prr.casesAtLeast : ""}
          placeholder={`PRR ${t.prr.casesAtLeast}, others ${t.ror.casesAtLeast}`}
        />
      </label>
      <label title="The strata of the adjusted (Mantel–Haenszel) estimates; unknown sex or age is a stratum of its own">
        Adjust for
        <select name="strata" defaultValue={current.strata.join(",")} data-testid="strata-select">
          {STRATA_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>
        {pending ? "Updating…" : "Apply"}
      </button>
    </form>
  );
}
