// Per-request loaders for the overview's panels. React's cache() runs each distinct query once
// per request, so panels that share a query (case fatality and incidence both group by class)
// share one database round-trip; the cache key is the query's JSON, as cache() compares by value
// only for primitives.
import { cache } from "react";
import { currentPrincipal } from "@/lib/auth/page-guard";
import { numberSources } from "@/lib/dashboard/references";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import type { TAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { getBaselines } from "@/lib/queries/get-baselines";
import { getOnsetLatency } from "@/lib/queries/get-onset-latency";

/** Whose answers these are: a researcher's pass the disclosure rule (no principal: the strictest). */
const audience = cache(async () => audienceOf((await currentPrincipal())?.role ?? "researcher"));
const aggregatesByKey = cache(async (key: string) => getAggregates(JSON.parse(key) as TAggregateQuery, { audience: await audience() }));
const latencyByKey = cache(async (key: string) => getOnsetLatency(JSON.parse(key) as TAggregateQuery, await audience()));

export const loadAggregates = (query: TAggregateQuery) => aggregatesByKey(JSON.stringify(query));
export const loadOnsetLatency = (query: TAggregateQuery) => latencyByKey(JSON.stringify(query));

/** The stored baselines, numbered as the page's Sources list numbers them. */
export const loadSources = cache(async () => numberSources(await getBaselines()));
