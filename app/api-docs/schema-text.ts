// Pure: a JSON Schema (as z.toJSONSchema writes it) in a few readable words — its type, allowed
// values and limits — for the API page's tables.
export type TSchema = Record<string, unknown>;

const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(" | ");

/** The schema's type: "string", "integer ≥ 1", "array of …", a $ref's name, "A | null". */
export function typeText(schema: TSchema | undefined): string {
  if (!schema || Object.keys(schema).length === 0) return "any";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  if (Array.isArray(schema.enum)) return list(schema.enum);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TSchema[]).map(typeText).join(" | ");
  if (schema.type === "array") return `array of ${typeText(schema.items as TSchema | undefined)}`;
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(" | ");
  return typeof schema.type === "string" ? schema.type : "object";
}

/** Limits and defaults worth telling a caller, e.g. "1–200, default 50", "pattern ^\d{4}…". */
export function constraintText(schema: TSchema | undefined): string {
  if (!schema) return "";
  const parts: string[] = [];
  const bound = (low: unknown, high: unknown, what = "") => {
    const number = (n: unknown) => (typeof n === "number" && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);
    const [from, to] = [number(low), number(high)];
    if (from !== undefined && to !== undefined) parts.push(`${what}${from}–${to}`);
    else if (from !== undefined) parts.push(`${what}≥ ${from}`);
    else if (to !== undefined) parts.push(`${what}≤ ${to}`);
  };
  bound(schema.minimum, schema.maximum);
  bound(schema.minLength, schema.maxLength, "length ");
  bound(schema.minItems, schema.maxItems, "items ");
  if (typeof schema.pattern === "string") parts.push(`pattern ${schema.pattern}`);
  if (typeof schema.format === "string") parts.push(schema.format);
  if ("default" in schema) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (Array.isArray(schema.anyOf)) parts.push(...(schema.anyOf as TSchema[]).map(constraintText).filter(Boolean));
  if (schema.type === "array") parts.push(...[constraintText(schema.items as TSchema)].filter(Boolean));
  return parts.join("; ");
}

/** The object schema's properties (looking through anyOf [object, null]), or null. */
export function propertiesOf(schema: TSchema | undefined): { properties: Record<string, TSchema>; required: string[] } | null {
  if (!schema) return null;
  if (schema.properties)
    return { properties: schema.properties as Record<string, TSchema>, required: (schema.required as string[] | undefined) ?? [] };
  if (schema.type === "array") return propertiesOf(schema.items as TSchema | undefined);
  return null;
}
