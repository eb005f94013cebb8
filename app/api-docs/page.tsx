// The API page: the OpenAPI document (/api/v1/openapi.json) rendered on the server — how to
// authenticate, every operation, and the schemas. No third-party viewer, no client script.
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { Operation, type TOperationObject } from "./operation";
import { SchemaTable } from "./schema-table";
import type { TSchema } from "./schema-text";
import styles from "./api-docs.module.css";

export const dynamic = "force-dynamic";

const CURL = `npm run cli -- tokens create --role researcher --name script   # prints the token last
TOKEN=nmsw_…
curl -H "Authorization: Bearer $TOKEN" 'http://localhost:3000/api/v1/aggregates?by=drugClass&ci=exact'`;

export default function ApiDocsPage() {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as TOperationObject })),
  );
  const schemas = document.components.schemas as Record<string, TSchema>;
  return (
    <>
      <h1>API</h1>
      <p className="muted">
        {document.info.description} The machine-readable document is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI{" "}
        {document.openapi}, version {document.info.version}).
      </p>
      <section className="panel" aria-labelledby="auth">
        <h2 id="auth">Authentication</h2>
        <p>
          Scripts send an API token as <code>Authorization: Bearer &lt;token&gt;</code>; the token carries one role. In the browser, the
          sign-in cookie works, and every change (POST, PATCH, DELETE) also needs the session&apos;s <code>x-csrf-token</code> header.
        </p>
        <pre className={styles.command}>{CURL}</pre>
      </section>
      <nav className="panel" aria-labelledby="toc">
        <h2 id="toc">Operations</h2>
        <ul className={styles.toc}>
          {operations.map(({ path, method, op }) => (
            <li key={op.operationId}>
              <a href={`#${op.operationId}`}>
                {method.toUpperCase()} {path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, op }) => (
        <Operation key={op.operationId} path={path} method={method} op={op} />
      ))}
      <h2>Schemas</h2>
      {Object.entries(schemas).map(([name, schema]) => (
        <section key={name} className="panel" id={`schema-${name}`}>
          <h3>{name}</h3>
          {typeof schema.description === "string" && <p className="muted">{schema.description}</p>}
          <SchemaTable schema={schema} />
        </section>
      ))}
    </>
  );
}
