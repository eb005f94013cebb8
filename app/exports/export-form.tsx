// The export's query as a plain GET form: submitting it rewrites the URL, and the URL is the
// state the preview and the download links read. Server-rendered; no client script needed.
import { ISO_DATE_INPUT } from "@/app/_components/iso-date-input";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { DESCRIPTORS, DIMENSIONS, FILTER_KEYS, categoriesOf, type TDimension } from "@/lib/queries/aggregates/descriptors";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import styles from "./exports.module.css";

export const DIMENSION_LABELS = Object.fromEntries(DIMENSIONS.map((d) => [d, DESCRIPTORS[d].label])) as Record<TDimension, string>;
/** Filters with a short fixed list, offered as checkboxes. */
const CHOICE_FILTERS = FILTER_KEYS.filter((name) => DESCRIPTORS[name].exportChoice);
/** The fixed categories of a dimension, labelled as the aggregates label them. */
const categories = (dimension: TDimension) => categoriesOf(dimension, ZAggregateQuery.parse({ by: dimension }));

export function ExportForm({ search, staff }: { search: URLSearchParams; staff: boolean }) {
  const value = (name: string) => search.get(name) ?? "";
  const chosen = (name: string) => new Set(search.getAll(name));
  return (
    <form method="get" action="/exports" className={styles.form} aria-label="Export query">
      <div className={styles.row}>
        <label className={styles.field}>
          Group by
          <select name="by" defaultValue={value("by")}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Then by (cross-tab)
          <select name="then" defaultValue={value("then")}>
            <option value="">— none —</option>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Onset from
          <input {...ISO_DATE_INPUT} name="from" defaultValue={value("from")} />
        </label>
        <label className={styles.field}>
          Onset to
          <input {...ISO_DATE_INPUT} name="to" defaultValue={value("to")} />
        </label>
        <label className={styles.field}>
          Interval
          <select name="ci" defaultValue={value("ci") || "wilson"}>
            <option value="wilson">Wilson</option>
            <option value="exact">Exact (Clopper–Pearson)</option>
          </select>
        </label>
        <label className={styles.field}>
          Meets 2011 consensus
          <select name="meetsConsensus" defaultValue={value("meetsConsensus")}>
            <option value="">Any</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
        </label>
        <label className={styles.field}>
          Country (ISO code)
          <input name="country" defaultValue={value("country")} size={8} placeholder="e.g. US" />
        </label>
      </div>
      <div className={styles.row}>
        {CHOICE_FILTERS.map((name) => (
          <fieldset key={name} className={styles.choices}>
            <legend>{DIMENSION_LABELS[name]}</legend>
            {categories(name).map((c) => (
              <label key={c.key}>
                <input type="checkbox" name={name} value={c.key} defaultChecked={chosen(name).has(c.key)} /> {c.label}
              </label>
            ))}
          </fieldset>
        ))}
        <label className={styles.field}>
          Drugs
          <select name="drug" multiple size={9} defaultValue={search.getAll("drug")}>
            {DRUG_CATALOGUE.map((d) => (
              <option key={d.name} value={d.name}>
                {d.displayName}
              </option>
            ))}
          </select>
        </label>
      </div>
      {staff && (
        <div className={styles.row}>
          <label>
            <input type="checkbox" name="suppress" value="true" defaultChecked={value("suppress") === "true"} /> Suppress small cells (as
            researchers receive it)
          </label>
          <label className={styles.field}>
            Threshold
            <input type="number" name="threshold" min={2} max={1000} defaultValue={value("threshold")} placeholder="5" />
          </label>
        </div>
      )}
      <div>
        <button type="submit">Update preview and links</button>
      </div>
    </form>
  );
}
