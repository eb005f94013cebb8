"use client";
// A timestamp in the reader's own time zone and locale (lib/format.ts formatLocalDateTime). The
// server does not know the zone, so it renders UTC and the browser rewrites it once hydrated.
import { useSyncExternalStore } from "react";
import { MISSING, formatDateTime, formatLocalDateTime } from "@/lib/format";

const noSubscription = () => () => undefined;

export function LocalTime({ iso, prefix = "" }: { iso: string | Date | null | undefined; prefix?: string }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!iso) return <>{MISSING}</>;
  const text = typeof iso === "string" ? iso : iso.toISOString();
  return (
    <time dateTime={text}>
      {prefix}
      {inBrowser ? formatLocalDateTime(text) : formatDateTime(text)}
    </time>
  );
}
