// Pure: the fields an audit event changed, for reading — before and after flattened to dotted
// paths ("drugs.0.role"), and only the paths whose values differ.

export type TFieldChange = { path: string; before: unknown; after: unknown };

/** Leaves of a JSON value by dotted path; an empty object or array is a leaf of its own. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, value);
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changed fields in path order. A create lists every field set (before undefined), a delete
 * every field it had (after undefined); null and absent are different (a field cleared to null
 * is a change).
 */
export function auditChanges(before: unknown, after: unknown): TFieldChange[] {
  const left = flatten(before ?? {}, "", new Map());
  const right = flatten(after ?? {}, "", new Map());
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return paths.filter((p) => !same(left.get(p), right.get(p))).map((path) => ({ path, before: left.get(path), after: right.get(path) }));
}
