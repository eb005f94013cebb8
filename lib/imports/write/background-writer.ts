// Stores the disproportionality margins an import brings (docs/signals.md): report cases per
// catalogue drug and per drug class over all events with their NMS reports, the database total
// (the row with neither), and every other drug of the file (the rest of the NMS column the EBGM
// prior is fitted over), per source and period. Re-importing a period replaces its rows, so
// counts never add up twice. The sex and age-band strata of the same counts (catalogue drugs,
// classes and each stratum's total) go to background_stratum, replaced alike.
import type pg from "pg";
import type { TCatalogueIndex } from "@/lib/cases/to-case-rows";
import { resolveDrugName } from "@/lib/domain/drug-index";
import type { TBackgroundClassCount, TBackgroundRecord, TBackgroundStratumCount } from "../types";

type TCounts = { reports: number; nmsReports: number };

export async function replaceBackgroundCounts(
  client: pg.ClientBase,
  target: { source: string; period: string },
  records: readonly TBackgroundRecord[],
  totals: {
    totalReports: number;
    nmsReports: number;
    tally?: "cases" | null;
    classes?: readonly TBackgroundClassCount[];
    strata?: readonly TBackgroundStratumCount[];
  },
  catalogue: TCatalogueIndex,
): Promise<number> {
  const classes = totals.classes ?? [];
  // Two names of one drug (a brand the normaliser knows, a verbatim name mapped by hand) add up.
  const drugs = new Map<number, TCounts>();
  const others = new Map<string, TCounts>();
  for (const r of records) {
    const resolved = resolveDrugName(catalogue, r.drugName);
    const entry = resolved.kind === "matched" ? resolved.entry : r.catalogueName ? catalogue.drugs.get(r.catalogueName) : undefined;
    const into = entry ? drugs : others;
    const key = entry ? entry.id : r.drugName;
    const seen = (into as Map<number | string, TCounts>).get(key) ?? { reports: 0, nmsReports: 0 };
    (into as Map<number | string, TCounts>).set(key, { reports: seen.reports + r.reports, nmsReports: seen.nmsReports + r.nmsReports });
  }
  const params = [target.source, target.period];
  await replaceStrata(client, params, totals.tally === "cases" ? (totals.strata ?? []) : [], catalogue);
  await client.query('DELETE FROM "background_count" WHERE "source" = $1::"CaseSource" AND "period" = $2', params);
  await client.query('DELETE FROM "background_other_drug" WHERE "source" = $1::"CaseSource" AND "period" = $2', params);
  await client.query(
    `INSERT INTO "background_count" ("source", "period", "drug_id", "drug_class", "drug_reports", "nms_reports", "total_reports", "tally")
     SELECT $1::"CaseSource", $2, d, NULL::"DrugClass", r, n, NULL::int4, NULL::text FROM unnest($3::int4[], $4::int4[], $5::int4[]) AS t(d, r, n)
     UNION ALL SELECT $1::"CaseSource", $2, NULL::int4, c::"DrugClass", r, n, NULL::int4, NULL::text FROM unnest($8::text[], $9::int4[], $10::int4[]) AS k(c, r, n)
     UNION ALL SELECT $1::"CaseSource", $2, NULL::int4, NULL::"DrugClass", $6::int4, $7::int4, $6::int4, $11::text`,
    [
      ...params,
      [...drugs.keys()],
      [...drugs.values()].map((m) => m.reports),
      [...drugs.values()].map((m) => m.nmsReports),
      totals.totalReports,
      totals.nmsReports,
      classes.map((c) => c.drugClass),
      classes.map((c) => c.reports),
      classes.map((c) => c.nmsReports),
      totals.tally ?? null,
    ],
  );
  // Only a tally that counted every drug of the file describes the whole NMS column.
  if (totals.tally === "cases" && others.size) {
    await client.query(
      `INSERT INTO "background_other_drug" ("source", "period", "drug_name", "drug_reports", "nms_reports")
       SELECT $1::"CaseSource", $2, n, r, k FROM unnest($3::text[], $4::int4[], $5::int4[]) AS t(n, r, k)`,
      [...params, [...others.keys()], [...others.values()].map((m) => m.reports), [...others.values()].map((m) => m.nmsReports)],
    );
  }
  return drugs.size;
}

/** The stratified rows of one (source, period); catalogue drugs resolved as the crude rows' are. */
async function replaceStrata(
  client: pg.ClientBase,
  params: string[],
  strata: readonly TBackgroundStratumCount[],
  catalogue: TCatalogueIndex,
): Promise<void> {
  await client.query('DELETE FROM "background_stratum" WHERE "source" = $1::"CaseSource" AND "period" = $2', params);
  const rows = new Map<string, { sex: string; ageBand: string; drugId: number | null; drugClass: string | null } & TCounts>();
  for (const s of strata) {
    let drugId: number | null = null;
    if (s.drugName !== null) {
      const resolved = resolveDrugName(catalogue, s.drugName);
      const entry = resolved.kind === "matched" ? resolved.entry : catalogue.drugs.get(s.drugName);
      if (!entry) continue;
      drugId = entry.id;
    }
    const key = `${s.sex}|${s.ageBand}|${drugId ?? ""}|${s.drugClass ?? ""}`;
    const seen = rows.get(key) ?? { sex: s.sex, ageBand: s.ageBand, drugId, drugClass: s.drugClass, reports: 0, nmsReports: 0 };
    rows.set(key, { ...seen, reports: seen.reports + s.reports, nmsReports: seen.nmsReports + s.nmsReports });
  }
  if (rows.size === 0) return;
  const list = [...rows.values()];
  await client.query(
    `INSERT INTO "background_stratum" ("source", "period", "sex", "age_band", "drug_id", "drug_class", "drug_reports", "nms_reports")
     SELECT $1::"CaseSource", $2, s::"Sex", b, d, c::"DrugClass", r, n
     FROM unnest($3::text[], $4::text[], $5::int4[], $6::text[], $7::int4[], $8::int4[]) AS t(s, b, d, c, r, n)`,
    [
      ...params,
      list.map((r) => r.sex),
      list.map((r) => r.ageBand),
      list.map((r) => r.drugId),
      list.map((r) => r.drugClass),
      list.map((r) => r.reports),
      list.map((r) => r.nmsReports),
    ],
  );
}
