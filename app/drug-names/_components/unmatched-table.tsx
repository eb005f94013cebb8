"use client";
// The unmatched names, each with its case counts by role and, for editors, a mapping control.
import { useState } from "react";
import type { TUnmatchedName } from "@/lib/queries/find-unmatched-drug-names";
import { DrugSelect, type TDrugOptionGroup } from "./drug-select";
import styles from "./workbench.module.css";
import { rederivedText, useMappingAction } from "./use-mapping-action";

const count = (n: number) => n.toLocaleString("en-GB");

function MapControl({ name, drugs }: { name: TUnmatchedName; drugs: TDrugOptionGroup[] }) {
  const [drug, setDrug] = useState("");
  const { run, pending, error, message } = useMappingAction();
  const send = (body: object) =>
    run(
      "/api/v1/drug-names/mappings",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: name.name, ...body }) },
      rederivedText,
    );
  const id = `map-${name.key.replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <div className={styles.control}>
      <label htmlFor={id} className="visually-hidden">
        Catalogue drug for {name.name}
      </label>
      <DrugSelect id={id} groups={drugs} value={drug} onChange={setDrug} />
      <button type="button" disabled={pending || drug === ""} onClick={() => send({ drug })}>
        Map
      </button>
      <button type="button" className={styles.secondary} disabled={pending} onClick={() => send({ ignore: true })}>
        Not antidopaminergic
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}

export function UnmatchedTable({ names, drugs, canEdit }: { names: TUnmatchedName[]; drugs: TDrugOptionGroup[]; canEdit: boolean }) {
  return (
    <div className={styles.scroll}>
      <table className="data" data-testid="unmatched-names">
        <thead>
          <tr>
            <th scope="col">Name as reported</th>
            <th scope="col" className="num">
              Cases
            </th>
            <th scope="col" className="num" title="Cases naming it as suspect, interacting or withdrawn: these would count in a class">
              As a cause
            </th>
            <th scope="col" className="num">
              Concomitant
            </th>
            {canEdit && <th scope="col">Decision</th>}
          </tr>
        </thead>
        <tbody>
          {names.map((name) => (
            <tr key={name.key} data-name={name.key}>
              <td>
                <span className={styles.name}>{name.name}</span>
                {name.variants.length > 0 && (
                  <span className={`muted ${styles.variants}`}>
                    {" "}
                    also {name.variants.slice(0, 3).join(", ")}
                    {name.variants.length > 3 ? "…" : ""}
                  </span>
                )}
              </td>
              <td className="num">{count(name.cases)}</td>
              <td className="num">{count(name.attributingCases)}</td>
              <td className="num">{count(name.byRole.concomitant)}</td>
              {canEdit && (
                <td>
                  <MapControl name={name} drugs={drugs} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
