// The table's rows as CSV (RFC 4180), full precision, in the order shown — what "Export CSV" saves —
// each row carrying the query and the data version it was computed from (as the aggregates export does).
import type { TSignalRow } from "@/lib/queries/signals/score-tables";

const COLUMNS: [string, (r: TSignalRow) => string | number | boolean | null][] = [
  ["key", (r) => r.key],
  ["label", (r) => r.label],
  ["drug_class", (r) => r.drugClass],
  ["a", (r) => r.table?.a ?? r.a],
  ["b", (r) => r.table?.b ?? null],
  ["c", (r) => r.table?.c ?? null],
  ["d", (r) => r.table?.d ?? null],
  ["expected", (r) => r.expected],
  ["prr", (r) => r.prr.estimate],
  ["prr_lower", (r) => r.prr.lower],
  ["prr_upper", (r) => r.prr.upper],
  ["chi_square", (r) => r.prr.chiSquare],
  ["ror", (r) => r.ror.estimate],
  ["ror_lower", (r) => r.ror.lower],
  ["ror_upper", (r) => r.ror.upper],
  ["ic", (r) => r.ic.estimate],
  ["ic025", (r) => r.ic.lower],
  ["ic975", (r) => r.ic.upper],
  ["ebgm", (r) => r.ebgm.estimate],
  ["eb05", (r) => r.ebgm.lower],
  ["eb95", (r) => r.ebgm.upper],
  ["signal_prr", (r) => r.flags.prr],
  ["signal_ror", (r) => r.flags.ror],
  ["signal_ic", (r) => r.flags.ic],
  ["signal_ebgm", (r) => r.flags.ebgm],
];

const cell = (value: string | number | boolean | null): string => {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export type TExportMeta = { query: string; dataVersion: string };

/** Empty cells are "not computed" (see the API's reasons); true/false are the rule's verdicts. */
export function signalsCsv(rows: readonly TSignalRow[], meta: TExportMeta): string {
  const header = [...COLUMNS.map(([name]) => name), "query", "data_version"].join(",");
  const lines = [
    header,
    ...rows.map((r) => [...COLUMNS.map(([, get]) => cell(get(r))), cell(meta.query), cell(meta.dataVersion)].join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
