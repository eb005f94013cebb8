// The published baselines as stored in the `baseline` table — what the API and every comparison
// use, so an answer cites exactly what the database holds (not the seed constant).
import { readPrisma } from "@/lib/db/replicas";

export type TStoredBaseline = {
  key: string;
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
  unit: string;
  population: string;
  period: string;
  citation: string;
  quote: string | null;
  setting: string;
  drugClass: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  design: string;
  statement: string;
  via: string | null;
  checked: string | null;
};

/** Every stored baseline (optionally of some metrics), in the order they were written. */
export async function getBaselines(metrics: readonly string[] = []): Promise<TStoredBaseline[]> {
  return readPrisma().baseline.findMany({
    where: metrics.length ? { metric: { in: [...metrics] } } : undefined,
    orderBy: { id: "asc" },
    select: {
      key: true,
      metric: true,
      value: true,
      low: true,
      high: true,
      unit: true,
      population: true,
      period: true,
      citation: true,
      quote: true,
      setting: true,
      drugClass: true,
      periodStart: true,
      periodEnd: true,
      design: true,
      statement: true,
      via: true,
      checked: true,
    },
  });
}
