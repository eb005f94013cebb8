"use client";
// Free-text search over source id, narrative and reported drug names; it writes `q` to the URL
// (the server searches), keeping the filters and sort and starting again at page 1.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useTransition, type FormEvent } from "react";
import styles from "../case-pages.module.css";

export function SearchBox() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const id = useId();
  const current = params.get("q") ?? "";
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const entry = new FormData(event.currentTarget).get("q");
    const value = typeof entry === "string" ? entry.trim() : "";
    const next = new URLSearchParams(params.toString());
    next.delete("page");
    if (value) next.set("q", value);
    else next.delete("q");
    startTransition(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  };
  return (
    <form role="search" className={styles.search} onSubmit={submit}>
      <label htmlFor={id}>Search</label>
      <input
        id={id}
        name="q"
        type="search"
        key={current}
        defaultValue={current}
        placeholder="Source id, narrative or drug name"
        maxLength={200}
      />
      <button type="submit" disabled={pending}>
        {pending ? "Searching…" : "Search"}
      </button>
    </form>
  );
}
