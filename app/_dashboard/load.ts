// Per-request loaders for the overview's panels. React's cache() runs each distinct query once
// per request, so panels that share a query (case fatality and incidence both group by class)
// share one database round-trip; the cache key is the query's JSON, as cache() compares by value
// only for primitives.
import { cache } from "react";
import { numberSources } from "@/lib/dashboard/references";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import type { TAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { getBaselines } from "@/lib/queries/get-baselines";
import { getOnsetLatency } from "@/lib/queries/get-onset-latency";

const aggregatesByKey = cache((key: string) => getAggregates(JSON.parse(key) as TAggregateQuery));
const latencyByKey = cache((key: string) => getOnsetLatency(JSON.parse(key) as TAggregateQuery));

export const loadAggregates = (query: TAggregateQuery) => aggregatesByKey(JSON.stringify(query));
export const loadOnsetLatency = (query: TAggregateQuery) => latencyByKey(JSON.stringify(query));

/** The stored baselines, numbered as the page's Sources list numbers them. */
export const loadSources = cache(async () => numberSources(await getBaselines()));
