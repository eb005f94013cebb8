"use client";
// The mappings in force (who made each), deletable by editors, with the CSV export and import.
import { useRef } from "react";
import type { TMappingView } from "@/lib/queries/find-drug-name-mappings";
import styles from "./workbench.module.css";
import { rederivedText, useMappingAction } from "./use-mapping-action";

export function MappingsTable({ mappings, canEdit }: { mappings: TMappingView[]; canEdit: boolean }) {
  const { run, pending, error, message } = useMappingAction();
  const file = useRef<HTMLInputElement>(null);
  const importCsv = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) return;
    const text = await chosen.text();
    run("/api/v1/drug-names/mappings", { method: "POST", headers: { "content-type": "text/csv" }, body: text }, (body) => {
      const saved = (body as { saved?: number; unchanged?: number } | null) ?? {};
      return `${saved.saved ?? 0} mappings saved, ${saved.unchanged ?? 0} already in force. ${rederivedText(body)}`;
    });
  };
  return (
    <>
      <p className={styles.actions}>
        <a href="/api/v1/drug-names/mappings?format=csv" download>
          Download the mappings (CSV: name, drug, ignore)
        </a>
        {canEdit && (
          <span className={styles.upload}>
            <label htmlFor="mappings-csv">Import mappings CSV</label>
            <input id="mappings-csv" ref={file} type="file" accept=".csv,text/csv" />
            <button type="button" disabled={pending} onClick={() => void importCsv()}>
              Import
            </button>
          </span>
        )}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {mappings.length === 0 ? (
        <p className="muted">No mappings yet.</p>
      ) : (
        <div className={styles.scroll}>
          <table className="data" data-testid="mappings">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Means</th>
                <th scope="col">By</th>
                <th scope="col">Since</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => (
                <tr key={m.key}>
                  <td className={styles.name}>{m.name}</td>
                  <td>{m.ignore ? <em>not an antidopaminergic agent</em> : m.drugDisplayName}</td>
                  <td>{m.createdBy}</td>
                  <td>{m.createdAt.slice(0, 10)}</td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className={styles.secondary}
                        disabled={pending}
                        onClick={() =>
                          run(`/api/v1/drug-names/mappings/${encodeURIComponent(m.name)}`, { method: "DELETE" }, rederivedText)
                        }
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
