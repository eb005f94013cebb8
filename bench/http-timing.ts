// Timed HTTP calls: per-query latency series, and N concurrent clients for a fixed time.
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
export const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export type TCaller = (path: string) => Promise<{ ms: number; status: number; body: string }>;

export function httpCaller(baseUrl: string, token: string): TCaller {
  return async (path) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  };
}

/** `calls` sequential calls after `warmup` untimed ones; throws on any non-200. */
export async function timeCalls(call: TCaller, path: string, calls: number, warmup = 3): Promise<{ times: number[]; body: string }> {
  let body = "";
  for (let i = 0; i < warmup; i++) body = (await call(path)).body;
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const result = await call(path);
    if (result.status !== 200) throw new Error(`${path} answered ${result.status}: ${result.body.slice(0, 200)}`);
    times.push(result.ms);
  }
  return { times, body };
}

export type TLoadResult = { clients: number; seconds: number; requests: number; rps: number; p50Ms: number; p99Ms: number; errors: number };

/** `clients` loops, each calling the next path of the mix until the time is up. */
export async function loadTest(call: TCaller, paths: readonly string[], clients: number, seconds: number): Promise<TLoadResult> {
  const deadline = performance.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i++) {
        try {
          const result = await call(paths[i % paths.length]!);
          if (result.status === 200) times.push(result.ms);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = times.sort((a, b) => a - b);
  return {
    clients,
    seconds: elapsed,
    requests: times.length + errors,
    rps: (times.length + errors) / elapsed,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    errors,
  };
}
