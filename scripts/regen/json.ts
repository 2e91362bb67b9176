// Canonical JSON: sorted keys and a fixed layout, so the same document always serialises to the same bytes.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function sortKeysDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep(value[key]!);
  return out;
}

export function canonicalJson(value: Json): string {
  return JSON.stringify(sortKeysDeep(value), null, 2) + "\n";
}
