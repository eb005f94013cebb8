// The one way feeds talk to openFDA and FDA's download site: a request rate limit, 429 answered
// by waiting as long as Retry-After says, 5xx and dropped connections retried with exponential
// backoff, and a clear error naming the URL once the retries are spent (docs/feeds.md).

export class FeedError extends Error {
  override name = "FeedError";
}

export type TRetryPolicy = {
  /** Retries of a 5xx answer or a failed connection before giving up. */
  retries: number;
  /** First backoff; doubled each retry (plus up to 25% jitter). */
  backoffMs: number;
  /** 429s in a row tolerated before giving up (each waits its Retry-After). */
  maxThrottled: number;
  /** The longest a Retry-After is honoured; a longer one fails the run rather than hang it. */
  maxRetryAfterMs: number;
  /** Requests at most this often (openFDA: 240 per minute). */
  minIntervalMs: number;
};

export const DEFAULT_POLICY: TRetryPolicy = {
  retries: 5,
  backoffMs: 2_000,
  maxThrottled: 10,
  maxRetryAfterMs: 10 * 60_000,
  minIntervalMs: 0,
};

export type TFeedLog = (message: string) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Secrets never reach a message or the database: openFDA takes its key as a query parameter. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]api_key=)[^&]*/g, "$1***");
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export class FeedHttpClient {
  private lastRequestAt = 0;

  constructor(
    private readonly policy: TRetryPolicy,
    private readonly log: TFeedLog = () => undefined,
  ) {}

  /** Exponential backoff for retry `attempt` (0-based). */
  backoff(attempt: number): number {
    const base = this.policy.backoffMs * 2 ** attempt;
    return Math.round(base + Math.random() * base * 0.25);
  }

  private async paced(): Promise<void> {
    const wait = this.lastRequestAt + this.policy.minIntervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    this.lastRequestAt = Date.now();
  }

  /**
   * GET `url`. Answers below 500 other than 429 are returned as they are (the caller decides
   * what a 404 or 416 means); 429 waits and retries; 5xx and network failures retry with
   * backoff, then throw a FeedError naming `what` and the URL.
   */
  async get(url: string, what: string, headers: Record<string, string> = {}): Promise<Response> {
    let failures = 0;
    let throttled = 0;
    for (;;) {
      await this.paced();
      let response: Response | undefined;
      let problem: string;
      try {
        response = await fetch(url, { headers, redirect: "follow" });
      } catch (error) {
        problem = `could not be fetched (${causeOf(error)})`;
      }
      if (response && response.status === 429) {
        await response.body?.cancel();
        throttled++;
        const wait = retryAfterMs(response.headers.get("retry-after")) ?? this.backoff(Math.min(throttled - 1, 6));
        if (throttled > this.policy.maxThrottled)
          throw new FeedError(`${what}: ${redactUrl(url)} answered 429 (too many requests) ${throttled} times in a row; giving up`);
        if (wait > this.policy.maxRetryAfterMs)
          throw new FeedError(
            `${what}: ${redactUrl(url)} asks to wait ${Math.round(wait / 1000)} s (Retry-After), longer than the ${Math.round(this.policy.maxRetryAfterMs / 1000)} s allowed; run the feed again later`,
          );
        this.log(`${what}: rate limited (429); waiting ${Math.round(wait / 100) / 10} s as Retry-After asks`);
        await sleep(wait);
        continue;
      }
      if (response && response.status < 500) return response;
      if (response) {
        problem = `answered ${response.status} ${response.statusText}`.trim();
        await response.body?.cancel();
      }
      failures++;
      if (failures > this.policy.retries)
        throw new FeedError(`${what}: ${redactUrl(url)} ${problem!} — gave up after ${failures} attempts`);
      const wait = this.backoff(failures - 1);
      this.log(`${what}: ${problem!}; retry ${failures} of ${this.policy.retries} in ${Math.round(wait / 100) / 10} s`);
      await sleep(wait);
    }
  }
}

/** The innermost reason of a fetch failure (undici wraps it: "fetch failed" ← ECONNREFUSED). */
export function causeOf(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  while (current instanceof Error && current.cause !== undefined) {
    current = current.cause;
    if (current instanceof Error) message = current.message;
  }
  return message;
}

/** A response body chunk by chunk (the DOM typings of fetch's stream carry no async iterator). */
export async function* bodyChunks(response: Response): AsyncGenerator<Uint8Array> {
  if (!response.body) throw new Error("the answer has no body");
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (a failed write, a thrown error): the connection is given up, not drained.
    await reader.cancel().catch(() => undefined);
  }
}
