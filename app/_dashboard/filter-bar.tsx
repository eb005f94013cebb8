"use client";
// The filter bar shared by the overview and the line listing. It only writes the URL
// (router.replace): the server page reads the filters back from it, so a shared or reloaded
// address shows the same numbers. Other parameters (sort, search) are kept; paging restarts.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { isWholeIsoDateOrEmpty, ISO_DATE_INPUT } from "@/app/_components/iso-date-input";
import styles from "./dashboard.module.css";

export type TOption = { value: string; label: string; group?: string };
/** One select per filter, from its descriptor (app/_dashboard/filter-options.ts builds them on the server). */
export type TFilterSelect = { key: string; label: string; all: string; options: TOption[] };
export type TFilterOptions = TFilterSelect[];

const SEVERAL = "__several";

export function FilterBar({ options }: { options: TFilterOptions }) {
  /** Keys "Clear filters" removes: every filter, the listing's latency drill-down and its search. */
  const CLEARED = ["from", "to", ...options.map((s) => s.key), "meetsConsensus", "latency", "q", "page"];
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  const go = (next: URLSearchParams) => {
    next.delete("page");
    const search = next.toString();
    startTransition(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
  };
  const set = (key: string, value: string) => {
    if (value === SEVERAL) return;
    const next = new URLSearchParams(params.toString());
    next.delete(key);
    if (value) next.set(key, value);
    go(next);
  };
  const clear = () => {
    const next = new URLSearchParams(params.toString());
    for (const key of CLEARED) next.delete(key);
    go(next);
  };
  // Inputs are uncontrolled: they keep what the user chose until the URL answers (a controlled
  // value would snap back mid-transition); keyed by the URL value, they reset when it changes.
  const active = CLEARED.some((key) => key !== "page" && params.has(key));

  return (
    <form className={styles.filters} aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Onset from
        <input
          {...ISO_DATE_INPUT}
          name="from"
          key={params.get("from") ?? ""}
          defaultValue={params.get("from") ?? ""}
          onChange={(e) => isWholeIsoDateOrEmpty(e.target.value) && set("from", e.target.value)}
        />
      </label>
      <label>
        Onset to
        <input
          {...ISO_DATE_INPUT}
          name="to"
          key={params.get("to") ?? ""}
          defaultValue={params.get("to") ?? ""}
          onChange={(e) => isWholeIsoDateOrEmpty(e.target.value) && set("to", e.target.value)}
        />
      </label>
      {options.map(({ key, label, all, options: choices }) => {
        const values = params.getAll(key);
        const value = values.length > 1 ? SEVERAL : (values[0] ?? "");
        return (
          <label key={key}>
            {label}
            <select name={key} key={value} defaultValue={value} onChange={(e) => set(key, e.target.value)}>
              <option value="">{all}</option>
              {values.length > 1 && <option value={SEVERAL}>{values.length} selected</option>}
              {optionList(choices)}
            </select>
          </label>
        );
      })}
      <button type="button" className={styles.quietButton} onClick={clear} disabled={!active}>
        Clear filters
      </button>
      <span className={styles.status} role="status" aria-live="polite">
        {pending ? "Updating…" : ""}
      </span>
    </form>
  );
}

/** Options, in <optgroup>s when they carry a group (drugs by class). */
function optionList(options: readonly TOption[]) {
  const groups = [...new Set(options.map((o) => o.group))];
  if (groups.length === 1 && groups[0] === undefined) {
    return options.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  }
  return groups.map((group) => (
    <optgroup key={group ?? ""} label={group ?? ""}>
      {options
        .filter((o) => o.group === group)
        .map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
    </optgroup>
  ));
}
