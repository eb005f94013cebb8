// CPU time around a bench step, on both sides of the connection: this process (Node, every
// thread: process.cpuUsage) and the local Postgres server's processes (utime + stime from
// /proc/<pid>/stat). An import and the COPY of its rows compared this way say how much work each
// is, not how long it waited. Linux only. Every `postgres` process on the machine counts (other
// databases' sessions too), so the Postgres figure means something only on an otherwise idle
// server; a server process that exits during the step (none of the pooled connections do) is lost.
import { readdirSync, readFileSync } from "node:fs";

export type TCpuSeconds = { node: number; postgres: number };

/** /proc reports times in USER_HZ, fixed at 100 per second for user space on Linux. */
const TICKS_PER_SECOND = 100;

/** A /proc/<pid>/stat line's command name and CPU ticks (utime + stime, its 14th and 15th fields). */
export function parseProcStat(stat: string): { command: string; ticks: number } {
  // "pid (comm) state …": the name may hold spaces and parentheses, so split after the last ")".
  const close = stat.lastIndexOf(")");
  const fields = stat.slice(close + 2).split(" ");
  return { command: stat.slice(stat.indexOf("(") + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
}

function postgresSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
      if (stat.command === "postgres") ticks += stat.ticks;
    } catch {
      // The process exited between the listing and the read.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

export function cpuNow(): TCpuSeconds {
  const { user, system } = process.cpuUsage();
  return { node: (user + system) / 1e6, postgres: postgresSeconds() };
}

/** CPU seconds on each side since `start`. */
export function cpuSince(start: TCpuSeconds): TCpuSeconds {
  const now = cpuNow();
  return { node: now.node - start.node, postgres: now.postgres - start.postgres };
}

/** Microseconds of CPU per row on each side. */
export const perRowMicros = (cpu: TCpuSeconds, rows: number): TCpuSeconds => ({
  node: (cpu.node * 1e6) / rows,
  postgres: (cpu.postgres * 1e6) / rows,
});
