// Shared pieces of the fuzz and security tests: hostile strings and values, a per-call time limit,
// the error-envelope check every answer must pass, and a cheap fingerprint of the stored data.
import fc from "fast-check";
import { expect } from "vitest";
import { getPrisma } from "@/lib/db/client";

/**
 * Generated inputs each fuzz file must try. The floors add up to the issue's 10,000 per run (the
 * check below), so the run as a whole meets it whenever every file meets its own floor.
 */
export const FUZZ_FLOORS = {
  "fuzz-bodies": 3_000,
  "fuzz-queries": 3_500,
  "fuzz-importers": 3_500,
} as const;
export const FUZZ_TOTAL_FLOOR = 10_000;
export const floorsAddUp = () => Object.values(FUZZ_FLOORS).reduce((a, b) => a + b, 0) >= FUZZ_TOTAL_FLOOR;

/** A seed per run (printed on failure by fast-check) so a failure can be replayed with FC_SEED. */
export const fuzzParams = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
  // A run that overstays is cut short rather than left to hang CI; the per-file floor of
  // generated inputs (checked at the end of each file) then fails, so a cut run never passes quietly.
  interruptAfterTimeLimit: 240_000,
});

/** Counts generated inputs per test, and the statuses they got, reported at the end of each file. */
export class FuzzLedger {
  private readonly counts = new Map<string, Map<string, number>>();
  add(test: string, outcome: number | string = "tried", n = 1): void {
    const byOutcome = this.counts.get(test) ?? new Map<string, number>();
    byOutcome.set(String(outcome), (byOutcome.get(String(outcome)) ?? 0) + n);
    this.counts.set(test, byOutcome);
  }
  get total(): number {
    return [...this.counts.values()].flatMap((m) => [...m.values()]).reduce((a, b) => a + b, 0);
  }
  report(file: string): string {
    const lines = [...this.counts].map(([test, byOutcome]) => {
      const n = [...byOutcome.values()].reduce((a, b) => a + b, 0);
      const outcomes = [...byOutcome]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ");
      return `  ${n.toString().padStart(6)}  ${test}  (${outcomes})`;
    });
    return `${file}: ${this.total} generated inputs\n${lines.join("\n")}`;
  }
}

// Strings that break naive code: control and format characters, lone surrogates, RTL overrides,
// stacked combining marks, emoji sequences, SQL and markup, path tricks, numbers in disguise.
export const SQL_INJECTIONS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  "1; DROP TABLE case_report; --",
  "'); DELETE FROM case_drug; --",
  "x' UNION SELECT id, narrative FROM case_report --",
  "%' OR source_id LIKE '%",
  "\\'; SELECT pg_sleep(10); --",
  "$$; TRUNCATE audit_event; $$",
  "haloperidol' --",
] as const;
export const MARKUP = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(document.cookie)>",
  '"><svg/onload=alert(1)>',
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "</textarea><script>fetch('//evil.example')</script>",
] as const;
export const UNICODE_EDGES = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\uDBFF\uDC00",
  "\u202Eevil\u202C",
  "\u200F\u05E9\u05DC\u05D5\u05DD",
  "e\u0301\u0301\u0301\u0301\u0301",
  "Z\u0351\u0358\u0360\u0361\u0362\u0363",
  "👩‍⚕️💊🧠",
  "🇬🇧",
  "\uFEFFsource_id",
  "\uFFFF\uFFFE",
  "\u2028\u2029",
  "\r\n\t\v\f",
  "ｈａｌｏｐｅｒｉｄｏｌ",
  "İı",
  "ß".repeat(50),
] as const;
export const PATH_TRICKS = [
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "/etc/shadow",
  "%2e%2e%2f",
  "..",
  ".",
  "CON",
  "a/b/c.csv",
  "file:///etc/passwd",
] as const;
export const NUMERIC_STRINGS = [
  "0",
  "-0",
  "-1",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "9007199254740993",
  "2147483648",
  "0x10",
  "1_000",
  "1.5",
  "007",
  "  42  ",
  "4e2",
  "99999999999999999999999",
] as const;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_INJECTIONS, ...MARKUP, ...UNICODE_EDGES, ...PATH_TRICKS, ...NUMERIC_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(10_001, 20_001, 100_000).map((n) => "x".repeat(n)),
  fc.tuple(fc.constantFrom(...SQL_INJECTIONS, ...MARKUP, ...UNICODE_EDGES), fc.string({ maxLength: 10 })).map(([a, b]) => a + b),
);

/** Deeply nested arrays/objects, deeper than any schema looks. */
export const deepValue: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 20, max: 2_000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
});

/** Any JSON-ish value a careless or hostile client might send in place of a field's value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e-320, 0.1),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepValue },
);

/** Random bytes that are rarely valid UTF-8 (lone continuation bytes, overlongs, truncated sequences). */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.constantFrom(
    Uint8Array.of(0xc0, 0xaf),
    Uint8Array.of(0xed, 0xa0, 0x80),
    Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
    Uint8Array.of(0xe2, 0x82),
    Uint8Array.of(0x80, 0x80, 0x80),
    Uint8Array.of(0xff, 0xfe, 0x00),
  ),
);

/** Fails (instead of waiting forever) when a call takes longer than `ms`. */
export async function withinTime<T>(work: Promise<T>, label: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${label} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type TEnvelope = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
export type TAnswer = { status: number; text: string; json: unknown };

/** Reads an answer whole (a streamed CSV included) within the time limit. */
export async function readAnswer(response: Response, label: string): Promise<TAnswer> {
  const text = await withinTime(response.text(), `${label} (body)`);
  let json: unknown = undefined;
  if ((response.headers.get("content-type") ?? "").includes("json") && text) json = JSON.parse(text) as unknown;
  return { status: response.status, text, json };
}

/**
 * The rule for every answer: never a 5xx; an error is a 4xx in the one envelope (code and message
 * as text, issues naming fields), and it never echoes a stack trace.
 */
export function expectNoServerError(answer: TAnswer, label: string): "ok" | "rejected" {
  expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status < 400) return "ok";
  expect(answer.json, `${label}: error body is JSON`).toBeTypeOf("object");
  const body = answer.json as TEnvelope;
  expect(typeof body.error?.code, label).toBe("string");
  expect(typeof body.error?.message, label).toBe("string");
  expect(Array.isArray(body.error.issues), `${label}: issues is a list`).toBe(true);
  for (const issue of body.error.issues ?? []) {
    expect(typeof issue.path, label).toBe("string");
    expect(typeof issue.message, label).toBe("string");
  }
  expect(answer.text, `${label}: no stack trace`).not.toMatch(/\n\s+at |PrismaClient|node_modules/);
  return "rejected";
}

export type TFingerprint = Record<string, string>;

/**
 * What "the database is unchanged" means here: the case data (every column of every case and drug
 * row, through an md5 of the rows' text), the audit trail, sessions, tokens, background counts and
 * SUCCEEDED import jobs. A rejected import legitimately leaves a failed job row behind (it records
 * that the file was refused and why), so failed/queued/running jobs are not part of the print;
 * nor are users' failed-sign-in counters, which a wrong password is meant to move, nor data-access
 * audit events (action 'access': a read or a failed sign-in is meant to write one; docs/security.md).
 */
export async function fingerprint(): Promise<TFingerprint> {
  const rows = await getPrisma().$queryRawUnsafe<Record<string, unknown>[]>(`
    SELECT
      (SELECT count(*) FROM case_report)::text AS cases,
      (SELECT coalesce(md5(string_agg(c::text, '|' ORDER BY c.id)), '') FROM case_report c) AS case_rows,
      (SELECT count(*) FROM case_drug)::text AS drugs,
      (SELECT coalesce(md5(string_agg(d::text, '|' ORDER BY d.id)), '') FROM case_drug d) AS drug_rows,
      (SELECT count(*) FROM audit_event WHERE action::text <> 'access')::text AS audit_events,
      (SELECT count(*) FROM import_job WHERE status = 'succeeded')::text AS succeeded_imports,
      (SELECT count(*) FROM background_count)::text AS background_counts,
      (SELECT count(*) FROM session)::text AS sessions,
      (SELECT count(*) FROM api_token)::text AS api_tokens,
      (SELECT count(*) FROM app_user)::text AS users`);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, String(v)]));
}
