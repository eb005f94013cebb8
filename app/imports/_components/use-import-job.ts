"use client";
// Polls GET /api/v1/imports/{id} until the job has succeeded or failed; a failed poll (the
// server busy, a network blip) is retried, more slowly, rather than ending the watch.
import { useEffect, useState } from "react";
import type { TImportJobView } from "@/lib/queries/import-job-view";

const INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 10_000;

export function useImportJob(jobId: string | null, onDone: (job: TImportJobView) => void): TImportJobView | null {
  const [job, setJob] = useState<TImportJobView | null>(null);
  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (delay: number) => {
      let next = INTERVAL_MS;
      try {
        const response = await fetch(`/api/v1/imports/${jobId}`, { credentials: "same-origin", cache: "no-store" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const current = (await response.json()) as TImportJobView;
        if (stopped) return;
        setJob(current);
        if (current.status === "succeeded" || current.status === "failed") {
          onDone(current);
          return;
        }
      } catch {
        next = Math.min(delay * 2, MAX_INTERVAL_MS);
      }
      if (!stopped) timer = setTimeout(() => void poll(next), next);
    };
    void poll(INTERVAL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onDone is a notification: a new function identity must not restart the watch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);
  return jobId && job?.id === jobId ? job : null;
}
