// The embedded default at a single researcher's size (`npm run bench -- --embedded`): N cases
// (100,000 by default) seeded into a fresh embedded database (PGlite) in a child process, then
// the app started on it as `npm start` runs it, signed in as the demo researcher, and measured:
// the dashboard's first full render after start (every panel streams into the one HTML response;
// the page makes no data requests of its own) and warm renders after it, then each benchmark
// aggregate answer — its first call and the median of the calls after.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "@/lib/auth/users";
import { startApp } from "../scripts/app-server";
import { median, percentile } from "./http-timing";
import { BENCH_QUERIES } from "./queries";

/**
 * What a researcher on one laptop should get, set against the first measurement (docs/scaling.md,
 * "The embedded default at a researcher's size", which records the measurements and that every target is met).
 */
export const EMBEDDED_TARGETS = { firstRenderMs: 3000, warmRenderMs: 1000, aggregateMedianMs: 50, aggregateFirstMs: 1000 } as const;

export type TEmbedded = {
  cases: number;
  seedSeconds: number;
  startSeconds: number;
  dashboard: { firstTtfbMs: number; firstRenderMs: number; bytes: number; warmRenderMs: number; warmRenders: number };
  aggregates: { query: string; firstMs: number; medianMs: number; p95Ms: number }[];
  aggregateMedianMs: number;
  aggregateP95Ms: number;
  aggregateFirstMaxMs: number;
  targets: typeof EMBEDDED_TARGETS;
  met: boolean;
};

function seedEmbedded(dataDir: string, cases: number, log: (line: string) => void): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, NMS_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.NMS_DATABASE_KIND;
  const child = spawn(process.execPath, ["--import", "tsx", "bench/embedded-seed.ts", String(cases)], { env, stdio: "pipe" });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
    for (const line of d.toString().split("\n")) if (line.trim()) log(`embedded seed:${line}`);
  });
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0
        ? resolve((JSON.parse(out.trim().split("\n").at(-1)!) as { seedSeconds: number }).seedSeconds)
        : reject(new Error(`embedded seed exited with ${code}: ${err.slice(-2000)}`)),
    ),
  );
}

/** Signs in as the demo researcher; returns the session cookie. */
async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: "researcher@nms.local", password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (cookie.length === 0) throw new Error("sign-in set no cookie");
  return cookie.join("; ");
}

/** One GET: time to the first byte and to the last (the whole streamed page). */
async function timedGet(url: string, cookie: string): Promise<{ ttfbMs: number; totalMs: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const reader = response.body!.getReader();
  let ttfbMs = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ttfbMs) ttfbMs = performance.now() - started;
    bytes += value.length;
  }
  return { ttfbMs, totalMs: performance.now() - started, bytes, status: response.status };
}

export async function measureEmbedded(options: { cases: number; calls: number; log: (line: string) => void }): Promise<TEmbedded> {
  const { cases, calls, log } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nms-bench-embedded-"));
  try {
    log(`embedded: seeding ${cases} cases into PGlite`);
    const seedSeconds = await seedEmbedded(dataDir, cases, log);
    log(`embedded: seeded in ${seedSeconds.toFixed(0)} s; starting the app`);
    const starting = performance.now();
    const app = await startApp({ NMS_DATA_DIR: dataDir, NMS_DEMO_DATA: "off" });
    const startSeconds = (performance.now() - starting) / 1000;
    try {
      const cookie = await signIn(app.baseUrl);
      const first = await timedGet(`${app.baseUrl}/`, cookie);
      if (first.status !== 200) throw new Error(`the dashboard answered ${first.status}`);
      log(
        `embedded: dashboard first render ${first.totalMs.toFixed(0)} ms (first byte ${first.ttfbMs.toFixed(0)} ms, ${first.bytes} bytes)`,
      );
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push((await timedGet(`${app.baseUrl}/`, cookie)).totalMs);
      const aggregates = [];
      for (const query of BENCH_QUERIES) {
        const url = `${app.baseUrl}/api/v1/aggregates?${query}`;
        const times: number[] = [];
        for (let i = 0; i <= calls; i++) {
          const call = await timedGet(url, cookie);
          if (call.status !== 200) throw new Error(`${query} answered ${call.status}`);
          times.push(call.totalMs);
        }
        const [firstMs, ...rest] = times;
        const sorted = [...rest].sort((a, b) => a - b);
        aggregates.push({ query, firstMs: firstMs!, medianMs: median(rest), p95Ms: percentile(sorted, 95) });
        log(`embedded ${query}: first ${firstMs!.toFixed(1)} ms, median ${median(rest).toFixed(1)} ms`);
      }
      const all = aggregates.map((a) => a.medianMs);
      const result = {
        cases,
        seedSeconds,
        startSeconds,
        dashboard: {
          firstTtfbMs: first.ttfbMs,
          firstRenderMs: first.totalMs,
          bytes: first.bytes,
          warmRenderMs: median(warm),
          warmRenders: warm.length,
        },
        aggregates,
        aggregateMedianMs: median(all),
        aggregateP95Ms: percentile(
          aggregates.map((a) => a.p95Ms).sort((a, b) => a - b),
          95,
        ),
        aggregateFirstMaxMs: Math.max(...aggregates.map((a) => a.firstMs)),
        targets: EMBEDDED_TARGETS,
      };
      const met =
        result.dashboard.firstRenderMs <= EMBEDDED_TARGETS.firstRenderMs &&
        result.dashboard.warmRenderMs <= EMBEDDED_TARGETS.warmRenderMs &&
        result.aggregateMedianMs <= EMBEDDED_TARGETS.aggregateMedianMs &&
        result.aggregateFirstMaxMs <= EMBEDDED_TARGETS.aggregateFirstMs;
      return { ...result, met };
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function embeddedLines(e: TEmbedded): string[] {
  const t = e.targets;
  return [
    `embedded (PGlite), ${e.cases.toLocaleString("en")} cases: seeded in ${e.seedSeconds.toFixed(0)} s, app up in ${e.startSeconds.toFixed(1)} s`,
    `  dashboard first full render ${e.dashboard.firstRenderMs.toFixed(0)} ms (first byte ${e.dashboard.firstTtfbMs.toFixed(0)} ms; target ≤ ${t.firstRenderMs}), warm ${e.dashboard.warmRenderMs.toFixed(0)} ms (target ≤ ${t.warmRenderMs})`,
    `  aggregates: median ${e.aggregateMedianMs.toFixed(1)} ms (target ≤ ${t.aggregateMedianMs}), p95 ${e.aggregateP95Ms.toFixed(1)} ms, slowest first call ${e.aggregateFirstMaxMs.toFixed(0)} ms (target ≤ ${t.aggregateFirstMs}); targets ${e.met ? "met" : "MISSED"}`,
  ];
}
