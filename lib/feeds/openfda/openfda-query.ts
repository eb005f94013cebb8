// The openFDA drug-event query the feed pages through, and the paging rules of the API
// (open.fda.gov/apis/paging): the first request names search, sort and limit and never `skip`
// (`skip` stops at 25,000 and does not mix with search_after); every later page is the URL in
// the answer's `Link: <…>; rel="next"` header, which carries the search_after cursor. No Link
// header: that was the last page.
import { FeedError } from "../http-client";

/** openFDA's largest page. */
export const MAX_PAGE_SIZE = 1000;
/** The MedDRA preferred term the feed asks for (the importer keeps only reports that carry it). */
export const NMS_SEARCH = 'patient.reaction.reactionmeddrapt:"neuroleptic malignant syndrome"';

/** "2024-03-01" or "20240301" → "20240301"; anything else names --since. */
export function openFdaDate(value: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${match[1]}-${match[2]}-${match[3]}`) {
    throw new FeedError(`--since must be a date YYYY-MM-DD (got "${value}")`);
  }
  return `${match[1]}${match[2]}${match[3]}`;
}

/**
 * The first page: NMS reports whose latest information arrived on or after `since` (receiptdate,
 * so follow-ups of old reports come back), oldest first.
 */
export function firstPageUrl(baseUrl: string, options: { since: string | null; limit?: number }): string {
  const limit = options.limit ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw new FeedError(`page size must be 1–${MAX_PAGE_SIZE} (got ${limit})`);
  const search = options.since ? `${NMS_SEARCH} AND receiptdate:[${options.since} TO 99991231]` : NMS_SEARCH;
  const params = new URLSearchParams({ search, sort: "receiptdate:asc", limit: String(limit) });
  return `${baseUrl}/drug/event.json?${params.toString()}`;
}

export function withApiKey(url: string, apiKey: string | undefined): string {
  const parsed = new URL(url);
  parsed.searchParams.delete("api_key");
  if (apiKey) parsed.searchParams.set("api_key", apiKey);
  return parsed.toString();
}

/** The URL a feed stores: never the key (the Link header echoes it back). */
export const storableUrl = (url: string) => withApiKey(url, undefined);

/**
 * The rel="next" target of a Link header (RFC 8288; openFDA writes rel="Next"), or null. A link
 * to another origin than the configured API is refused: the feed only ever asks its own source.
 */
export function nextPageUrl(link: string | null, baseUrl: string): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match || !/(?:^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(?:;|$)/i.test(match[2] ?? "")) continue;
    const target = new URL(match[1] ?? "", baseUrl);
    if (target.origin !== new URL(baseUrl).origin)
      throw new FeedError(
        `openFDA's next-page link points to ${target.origin}, not the configured ${new URL(baseUrl).origin} (NMS_OPENFDA_URL)`,
      );
    return target.toString();
  }
  return null;
}
