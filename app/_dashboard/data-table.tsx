// A chart's numbers as an HTML table (the chart's table view): one row per category, numeric
// columns right-aligned, cells may hold links (the drill-down for keyboard users).
import type { ReactNode } from "react";

export type TTableColumn = { label: string; numeric?: boolean };
export type TTableRow = { key: string; cells: ReactNode[]; testId?: string };

export function DataTable({ caption, columns, rows }: { caption: string; columns: TTableColumn[]; rows: TTableRow[] }) {
  return (
    <table className="data">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-row={row.key}>
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className={columns[i]?.numeric ? "num" : undefined}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
