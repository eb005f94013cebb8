// Each dimension's key SQL as Prisma fragments, from its descriptor (descriptors.ts holds the
// text; this module only wraps it, so the descriptors stay free of database imports).
import { Prisma } from "@/lib/generated/prisma/client";
import { DESCRIPTORS, DIMENSIONS, type TDimension } from "./descriptors";

export type { TCategory } from "./descriptors";

export type TDimensionSql =
  /** One key per case, an expression over `case_report c` (never NULL: unknown is a category). */
  | { kind: "case"; key: Prisma.Sql }
  /**
   * Keys from the case's attributing drugs, as stored on the case when it was written or last
   * re-derived (lib/cases/drug-attribution.ts decides which drugs attribute): a sorted, distinct
   * text[] column of `case_report c`; a case has zero, one or several keys. The rollup counts
   * the same columns, so both answer alike.
   */
  | { kind: "drug"; column: Prisma.Sql };

export const DIMENSION_SQL = Object.fromEntries(
  DIMENSIONS.map((dimension) => {
    const sql = DESCRIPTORS[dimension].sql;
    // The descriptor's SQL is constant text from the source, never input.
    return [dimension, sql.kind === "case" ? { kind: "case", key: Prisma.raw(sql.key) } : { kind: "drug", column: Prisma.raw(sql.column) }];
  }),
) as Record<TDimension, TDimensionSql>;
