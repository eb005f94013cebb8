// Deletes one exposure dataset and its strata (rates computed from it disappear with it), audited
// with what was removed, in one transaction.
import { notFound } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { withTransaction } from "@/lib/db/transaction";

export async function deleteExposureDataset(
  source: string,
  actor: { name: string; requestId?: string | null },
): Promise<{ source: string; strata: number }> {
  return withTransaction(async ({ sql: client }) => {
    const { rows } = await client.query<{ strata: string; person_years: number | null; synthetic: boolean }>(
      `SELECT count(e.id) AS strata, sum(e.person_years)::float8 AS person_years, d.synthetic
       FROM exposure_dataset d LEFT JOIN exposure_denominator e ON e.source = d.source
       WHERE d.source = $1 GROUP BY d.source, d.synthetic`,
      [source],
    );
    const found = rows[0];
    if (!found) throw notFound(`Exposure dataset “${source}”`);
    await client.query(`DELETE FROM exposure_dataset WHERE source = $1`, [source]);
    const before = { strata: Number(found.strata), personYears: found.person_years ?? 0, synthetic: found.synthetic };
    await writeAuditEvent(client, {
      actor: actor.name,
      action: "delete",
      entity: "exposure_dataset",
      entityId: source,
      before,
      after: null,
      requestId: actor.requestId ?? null,
    });
    return { source, strata: before.strata };
  });
}
