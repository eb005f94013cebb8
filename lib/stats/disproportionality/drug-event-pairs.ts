// Tabulates report-level rows into drug–event pairs with observed counts N and expected
// counts E, unstratified or stratified, as openEBGM's `processRaw` does (unique reports).

/** One report line: report id, drug (product), event, and an optional stratum (e.g. sex). */
export interface ReportRow {
  id: string | number;
  drug: string;
  event: string;
  stratum?: string;
}

export interface DrugEventPair {
  drug: string;
  event: string;
  /** Distinct reports naming both the drug and the event. */
  n: number;
  /** Expected N under independence (see `tabulateDrugEventPairs`). */
  e: number;
}

export interface DrugEventTable {
  pairs: DrugEventPair[];
  reports: number;
  drugs: number;
  events: number;
}

interface Margins {
  total: Set<string>;
  byDrug: Map<string, Set<string>>;
  byEvent: Map<string, Set<string>>;
}

const addTo = (map: Map<string, Set<string>>, key: string, id: string) => {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
};

/**
 * Counts are of distinct report ids, so a report listing a pair twice counts once.
 * Unstratified: E = n_i· × n_·j / n·· (reports with drug i, with event j, in total).
 * Stratified (`stratify: true`): E = Σ_k n_i·k × n_·jk / n··k over the strata k of the
 * `stratum` field (rows without one form their own stratum ""); strata where the drug or the
 * event is absent add 0. Only pairs with N ≥ 1 are returned, in first-seen order, so E > 0.
 * Empty input gives no pairs and zero counts.
 */
export function tabulateDrugEventPairs(rows: Iterable<ReportRow>, options: { stratify?: boolean } = {}): DrugEventTable {
  const stratify = options.stratify ?? false;
  const overall: Margins = { total: new Set(), byDrug: new Map(), byEvent: new Map() };
  const strata = new Map<string, Margins>();
  const pairReports = new Map<string, { drug: string; event: string; ids: Set<string> }>();
  for (const row of rows) {
    const id = String(row.id);
    for (const margins of stratify ? [overall, stratumMargins(strata, row.stratum ?? "")] : [overall]) {
      margins.total.add(id);
      addTo(margins.byDrug, row.drug, id);
      addTo(margins.byEvent, row.event, id);
    }
    const key = JSON.stringify([row.drug, row.event]);
    const pair = pairReports.get(key);
    if (pair) pair.ids.add(id);
    else pairReports.set(key, { drug: row.drug, event: row.event, ids: new Set([id]) });
  }
  const pairs: DrugEventPair[] = [];
  for (const { drug, event, ids } of pairReports.values()) {
    const e = stratify ? [...strata.values()].reduce((sum, m) => sum + expected(m, drug, event), 0) : expected(overall, drug, event);
    pairs.push({ drug, event, n: ids.size, e });
  }
  return { pairs, reports: overall.total.size, drugs: overall.byDrug.size, events: overall.byEvent.size };
}

function stratumMargins(strata: Map<string, Margins>, stratum: string): Margins {
  let margins = strata.get(stratum);
  if (!margins) {
    margins = { total: new Set(), byDrug: new Map(), byEvent: new Map() };
    strata.set(stratum, margins);
  }
  return margins;
}

function expected(m: Margins, drug: string, event: string): number {
  const drugReports = m.byDrug.get(drug)?.size ?? 0;
  const eventReports = m.byEvent.get(event)?.size ?? 0;
  return m.total.size === 0 ? 0 : (drugReports * eventReports) / m.total.size;
}
