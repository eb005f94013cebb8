// The numbers a topic is judged on, frozen when it is raised and at each status change: the saved
// signals query and the subject's row as the signals answer gives it then (a, the 2×2 table, PRR,
// ROR, IC, EBGM with intervals and flags), with the periods it covered.
import { getSignalTables } from "@/lib/queries/get-signal-tables";
import { parseSignalQuery } from "@/lib/queries/signals/signal-query";

export type TSavedQuery = { source: string; drug?: string; drugClass?: string };

export function savedQueryOf(subjectKind: string, subjectKey: string, source: string): TSavedQuery {
  return subjectKind === "class" ? { source, drugClass: subjectKey } : { source, drug: subjectKey };
}

export async function freezeNumbers(query: TSavedQuery): Promise<{ query: TSavedQuery; periods: string[]; row: unknown; at: string }> {
  const params: Record<string, string> = {
    source: query.source,
    ...(query.drug ? { drug: query.drug } : {}),
    ...(query.drugClass ? { drugClass: query.drugClass } : {}),
  };
  const report = await getSignalTables(parseSignalQuery(params));
  const row = (query.drugClass ? report.classes[0] : report.drugs[0]) ?? null;
  return { query, periods: report.periods.used, row, at: new Date().toISOString() };
}
