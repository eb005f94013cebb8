// A JSON Schema's properties as a table (name, type, required, limits, description), nested
// object and array-of-object properties as tables of their own.
import { constraintText, propertiesOf, typeText, type TSchema } from "./schema-text";
import styles from "./api-docs.module.css";

export function SchemaTable({ schema }: { schema: TSchema }) {
  const object = propertiesOf(schema);
  if (!object)
    return (
      <p className={styles.small}>
        <code>{typeText(schema)}</code> {constraintText(schema)}
      </p>
    );
  return (
    <table className={`data ${styles.small}`}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Limits</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(object.properties).map(([name, property]) => {
          const nested = propertiesOf(property);
          return (
            <tr key={name}>
              <td>
                <code>{name}</code>
              </td>
              <td>
                <code>{typeText(property)}</code>
                {typeof property.description === "string" && <div className="muted">{property.description}</div>}
                {nested && (
                  <div className={styles.nested}>
                    <SchemaTable schema={property} />
                  </div>
                )}
              </td>
              <td>{object.required.includes(name) ? "yes" : ""}</td>
              <td>{constraintText(property)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
