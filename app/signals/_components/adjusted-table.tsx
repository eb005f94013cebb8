// Crude against adjusted: per drug (or class), each statistic as the summed 2×2 table gives it
// (crude) beside its Mantel–Haenszel or stratified-expected-count version over the chosen strata
// (adjusted), so a reader sees how much of a crude ratio the strata explain. Staff only (strata are
// small counts); rows without two strata are left out and counted.
import type { TStratifiedRow } from "@/lib/queries/get-signal-tables";
import type { TStratumDimension } from "@/lib/queries/signals/signal-query";
import type { TInterval } from "@/lib/queries/signals/score-tables";
import styles from "../signals.module.css";
import { formatInterval, formatNumber } from "./format";

export const STRATUM_LABELS: Record<TStratumDimension, string> = { period: "period", sex: "sex", ageBand: "age band" };
export const strataLabel = (by: readonly TStratumDimension[]) => by.map((d) => STRATUM_LABELS[d]).join(" × ");

const PAIRS = [
  { key: "prr", name: "PRR", adjusted: "MH PRR" },
  { key: "ror", name: "ROR", adjusted: "MH ROR" },
  { key: "ic", name: "IC", adjusted: "IC (stratified E)" },
  { key: "ebgm", name: "EBGM", adjusted: "EBGM (stratified E)" },
] as const;

function Pair({ crude, adjusted, col }: { crude: TInterval; adjusted: TInterval | null; col: string }) {
  return (
    <>
      <td className="num" data-col={`${col}-crude`} title={crude.reason ?? undefined}>
        {formatInterval(crude)}
      </td>
      <td
        className="num"
        data-col={`${col}-adjusted`}
        data-value={String(adjusted?.estimate ?? null)}
        title={adjusted?.reason ?? undefined}
      >
        {adjusted ? formatInterval(adjusted) : "—"}
      </td>
    </>
  );
}

export function AdjustedTable({ rows, by, kind }: { rows: TStratifiedRow[]; by: readonly TStratumDimension[]; kind: "drug" | "class" }) {
  const shown = rows.filter((r) => r.stratified !== null && r.a > 0);
  const pairs = kind === "class" ? PAIRS.filter((p) => p.key !== "ebgm") : PAIRS;
  if (shown.length === 0) return null;
  return (
    <div className={styles.tableScroll}>
      <table className={`data ${styles.signalTable}`} data-testid={`adjusted-table-${kind}`} data-strata={by.join(",")}>
        <caption className="visually-hidden">Crude and {strataLabel(by)}-adjusted estimates</caption>
        <thead>
          <tr>
            <th scope="col">{kind === "class" ? "Drug class" : "Drug"}</th>
            <th scope="col" className="num" title="NMS reports naming it (a)">
              a
            </th>
            <th scope="col" className="num" title="Expected a: crude (summed table) / Σ over strata">
              Expected crude / adjusted
            </th>
            {pairs.map((p) => (
              <th key={p.key} scope="col" colSpan={2} className="num">
                {p.name} crude · <span title={`adjusted for ${strataLabel(by)}`}>{p.adjusted}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const s = row.stratified!;
            return (
              <tr key={row.key} data-key={row.key}>
                <th scope="row" className={styles.rowHead}>
                  {row.label}
                  <span className={styles.sub}>{s.strata} strata</span>
                </th>
                <td className="num">{row.a}</td>
                <td className="num" data-col="expected-adjusted" data-value={String(s.expected)}>
                  {formatNumber(row.expected)} / {formatNumber(s.expected)}
                </td>
                <Pair col="prr" crude={row.prr} adjusted={s.prr} />
                <Pair col="ror" crude={row.ror} adjusted={s.ror} />
                <Pair col="ic" crude={row.ic} adjusted={s.ic} />
                {kind === "drug" && <Pair col="ebgm" crude={row.ebgm} adjusted={s.ebgm} />}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
