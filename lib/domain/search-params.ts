// URL query parameters in the two shapes the code meets them: URLSearchParams (routes) and
// Next's searchParams object (pages). The one conversion each way, so every schema reads a
// repeated parameter alike: once → a string, repeated → an array of its values.

/** URLSearchParams → a plain object for a zod schema, a repeated key as an array of its values. */
export function paramsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
}

export type TRawParams = Record<string, string | string[] | undefined>;

/** Next's searchParams object → URLSearchParams, repeated keys kept in order. */
export function toSearchParams(raw: TRawParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}
