// The aggregates export (JSON and CSV): the dashboard's own query through getAggregates, small
// cells suppressed where required, with the metadata that reproduces it — normalised query,
// generation time, data version and app version.
import { REPORTING_RATE_SENTENCE } from "@/lib/domain/rate-wording";
import { APP_VERSION } from "@/lib/app-version";
import { onReadServer } from "@/lib/db/replicas";
import { STAFF, type TAudience } from "@/lib/queries/aggregates/audience";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import type { TAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { getDataVersion, type TDataVersion } from "@/lib/queries/get-data-version";
import { canonicalQueryString, type TSuppression } from "./export-options";
import { suppressAggregates, unsuppressedAggregates, type TExportTable } from "./suppress-aggregates";

export type TExportMetadata = {
  query: TAggregateQuery;
  /** `/api/v1/aggregates?<queryString>` (or this export's URL with it) reproduces the numbers. */
  queryString: string;
  generatedAt: string;
  dataVersion: TDataVersion;
  appVersion: string;
  suppression: TSuppression & { zeros: "published"; note: string };
  /** What a reporting rate is, and why it is not an incidence (docs/epidemiology.md). */
  rates: string;
};
export type TAggregatesExport = { metadata: TExportMetadata } & TExportTable;

const SUPPRESSION_NOTE =
  "Counts from 1 to threshold−1 are null with suppressed: true, as are enough other counts that none can be " +
  "recovered from the totals (cases, fatal and knownOutcome each); figures derived from a hidden count are null. A true zero is shown as 0.";

/**
 * `audience`: a researcher's export is built from the same protected answers the API serves
 * (perturbed, small counts null), then suppressed as a table on top.
 */
export function buildAggregatesExport(
  query: TAggregateQuery,
  suppression: TSuppression,
  audience: TAudience = STAFF,
): Promise<TAggregatesExport> {
  // The version and the numbers from one server (a replica when one is usable: lib/db/replicas.ts).
  return onReadServer(() => buildOnOneServer(query, suppression, audience));
}

async function buildOnOneServer(query: TAggregateQuery, suppression: TSuppression, audience: TAudience): Promise<TAggregatesExport> {
  // The version is read before and after: a write in between would make the pair disagree, so
  // the numbers are recomputed until they come from one version (normally at once).
  let before = await getDataVersion();
  for (let attempt = 0; ; attempt++) {
    const [answer, columns] = await Promise.all([
      getAggregates(query, { audience }),
      // A cross-tab's column totals: the same query by the second dimension alone.
      query.then ? getAggregates({ ...query, by: query.then, then: null }, { audience }) : Promise.resolve(null),
    ]);
    const after = await getDataVersion();
    if (after.version === before.version || attempt === 2) {
      const table = suppression.applied
        ? suppressAggregates(answer, columns, { threshold: suppression.threshold })
        : unsuppressedAggregates(answer, columns);
      const metadata: TExportMetadata = {
        query,
        queryString: canonicalQueryString(query),
        generatedAt: new Date().toISOString(),
        dataVersion: after,
        appVersion: APP_VERSION,
        suppression: {
          ...suppression,
          zeros: "published",
          note: suppression.applied ? SUPPRESSION_NOTE : "No suppression (staff export).",
        },
        rates: `${REPORTING_RATE_SENTENCE} A rate is an incidence only where its exposure dataset declares complete ascertainment; exposure marked synthetic is demo data.`,
      };
      return { metadata, ...table };
    }
    before = after;
  }
}
