// The line-listing CSV (staff only): every case matching the listing's filters, in the canonical
// CSV columns so the file re-imports, streamed page by page with formula injection neutralised.
import { caseToInput } from "@/lib/cases/case-to-input";
import { onReadServer, readPrisma } from "@/lib/db/replicas";
import { CSV_COLUMNS } from "@/lib/imports/csv/columns";
import { formatCell } from "@/lib/imports/csv/cells";
import type { TCaseInput } from "@/lib/domain/case-schema";
import { findCases, type TCaseListQuery } from "@/lib/queries/find-cases";
import { csvRows } from "./csv-safe";

/** The listing's own page limit: the export walks the listing page by page. */
export const EXPORT_PAGE_SIZE = 200;

/** One case as a canonical CSV row (csvRows neutralises text cells: a leading ' on =, +, -, @ …). */
export function caseCsvRow(input: TCaseInput): string[] {
  return CSV_COLUMNS.map((column) => formatCell(column.kind, input[column.field]));
}

async function fullCases(ids: readonly string[]): Promise<TCaseInput[]> {
  const stored = await readPrisma().caseReport.findMany({ where: { id: { in: [...ids] }, deletedAt: null }, include: { drugs: true } });
  const byId = new Map(stored.map((row) => [row.id, row]));
  // Keep the listing's order; a case deleted since its page was read is left out.
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [caseToInput(row)] : [];
  });
}

/**
 * The CSV as a stream of pages, header first. Pages are the listing's pages (same filters, same
 * order): the same rows as the screen shows, without a second copy of its query. The first page
 * is read before the stream starts, so a failure there is still an error response, not a cut
 * file. Rows written or deleted while the export runs may shift a page boundary (offset paging).
 */
export async function openCasesCsv(query: TCaseListQuery): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  // Each page's ids and rows from one server (a replica when one is usable: lib/db/replicas.ts).
  const readPage = (page: number) =>
    onReadServer(async () => {
      const listing = await findCases({ ...query, page, pageSize: EXPORT_PAGE_SIZE });
      return { rows: await fullCases(listing.cases.map((c) => c.id)), last: listing.cases.length < EXPORT_PAGE_SIZE };
    });
  let next = await readPage(1);
  let page = 1;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRows([CSV_COLUMNS.map((c) => c.column)])));
    },
    async pull(controller) {
      if (next.rows.length) controller.enqueue(encoder.encode(csvRows(next.rows.map(caseCsvRow))));
      if (next.last) return controller.close();
      next = await readPage(++page);
    },
  });
}
