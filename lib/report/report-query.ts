// The safety report's parameters, validated once for the CLI and GET /api/v1/reports/safety: an
// inclusive onset-date period (ISO dates, from not after to) and the format.
import { z } from "zod";
import { paramsObject } from "@/lib/domain/search-params";

const ZDate = z.iso.date({ error: "must be a date YYYY-MM-DD" });

export const ZReportQuery = z
  .object({
    from: ZDate,
    to: ZDate,
    format: z.enum(["pdf", "html"], { error: "must be pdf or html" }).default("pdf"),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: "must not be after to", path: ["from"] });
export type TReportQuery = z.output<typeof ZReportQuery>;

/** Throws the ZodError, which the API's one error mapper answers as a 400 naming the parameter. */
export function parseReportQuery(params: URLSearchParams): TReportQuery {
  return ZReportQuery.parse(paramsObject(params));
}

/** The CLI's --from/--to, with the same rules; a problem names the option. */
export function checkReportPeriod(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const parsed = ZReportQuery.safeParse({ from: from ?? "", to: to ?? "" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = `--${String(issue?.path[0] ?? "from")}`;
    throw new Error(
      issue?.message === "must not be after to"
        ? `--from must not be after --to (got ${from} and ${to})`
        : `${option} ${issue?.message ?? "is invalid"} (got "${option === "--to" ? (to ?? "") : (from ?? "")}")`,
    );
  }
  return { from: parsed.data.from, to: parsed.data.to };
}
