"use client";
// Sends one workbench change to the API and refreshes the page's server data when it is done;
// a refusal is shown with the field it names.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { apiFetch, readApiError } from "@/lib/client/api-fetch";

export function useMappingAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (url: string, init: RequestInit, done: (body: unknown) => string) =>
    startTransition(async () => {
      setError(null);
      setMessage(null);
      const response = await apiFetch(url, init);
      if (!response.ok) {
        const problem = await readApiError(response);
        setError(
          problem
            ? [problem.message, ...problem.issues.map((i) => `${i.path}: ${i.message}`)]
                .filter((v, i, all) => all.indexOf(v) === i)
                .join(" — ")
            : `The server answered ${response.status}`,
        );
        return;
      }
      setMessage(done(await response.json().catch(() => null)));
      router.refresh();
    });
  return { run, pending, error, message };
}

/** "12 cases re-derived" from a mapping change's answer. */
export function rederivedText(body: unknown): string {
  const rederived = (body as { rederived?: { changedCases?: number } | null } | null)?.rederived;
  const n = rederived?.changedCases ?? 0;
  return `${n.toLocaleString("en-GB")} case${n === 1 ? "" : "s"} re-derived.`;
}
