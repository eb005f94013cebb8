// One operation of the OpenAPI document: method, path, who may call it, parameters, body and
// responses.
import type { TParameter } from "@/lib/api/openapi-schemas";
import { constraintText, typeText, type TSchema } from "./schema-text";
import { SchemaTable } from "./schema-table";
import styles from "./api-docs.module.css";

export type TOperationObject = {
  summary: string;
  operationId: string;
  parameters?: TParameter[];
  requestBody?: { content: Record<string, { schema: TSchema }> };
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
  "x-roles": string | string[];
};

export function Operation({ method, path, op }: { method: string; path: string; op: TOperationObject }) {
  const roles = Array.isArray(op["x-roles"]) ? op["x-roles"].join(", ") : "anyone (no sign-in)";
  const body = op.requestBody && Object.entries(op.requestBody.content)[0];
  return (
    <section className={`panel ${styles.op}`} id={op.operationId}>
      <h3 className={styles.opHead}>
        <span className={`${styles.method} ${styles[method] ?? ""}`}>{method}</span>
        <span className={styles.path}>{path}</span>
      </h3>
      <p>{op.summary}</p>
      <p className={styles.roles}>Who: {roles}</p>
      {op.parameters && (
        <table className={`data ${styles.small}`}>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Limits</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}:${p.name}`}>
                <td>
                  <code>{p.name}</code>
                  {p.description && <div className="muted">{p.description}</div>}
                </td>
                <td>{p.in}</td>
                <td>
                  <code>{typeText(p.schema)}</code>
                </td>
                <td>{p.required ? "yes" : ""}</td>
                <td>{constraintText(p.schema)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && (
        <>
          <h4>
            Request body <span className="muted">({body[0]})</span>
          </h4>
          {typeof body[1].schema.$ref === "string" ? (
            <p>
              <a href={`#schema-${typeText(body[1].schema)}`}>{typeText(body[1].schema)}</a>
            </p>
          ) : (
            <SchemaTable schema={body[1].schema} />
          )}
        </>
      )}
      <h4>Responses</h4>
      <ul className={styles.small}>
        {Object.entries(op.responses).map(([status, r]) => (
          <li key={status}>
            <strong>{status}</strong> {r.description}
            {r.content && ` (${Object.keys(r.content).join(", ")})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
