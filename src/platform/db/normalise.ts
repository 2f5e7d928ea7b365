// Values leave the adapters in one shape whatever the engine: numbers as numbers, dates as ISO
// text, NULL as null. Without this, DuckDB's BIGINT (bigint) and Postgres' int8/numeric (strings)
// would leak engine differences into every module, the API and the CSV renderer.

export type Scalar = string | number | boolean | null;

export function normaliseValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (value instanceof Date) return isoDate(value);
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'object') {
    // DuckDB DECIMAL/HUGEINT wrappers and the like expose a sensible toString/valueOf.
    const primitive = (value as { valueOf(): unknown }).valueOf();
    if (primitive !== value) return normaliseValue(primitive);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normaliseValue(v);
    return out;
  }
  return value;
}

export function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row)) out[key] = normaliseValue(row[key]);
  return out;
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  // A midnight-UTC value is a calendar date, not an instant.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Postgres returns int8 and numeric as text to avoid precision loss; Puente's values fit doubles. */
export function parseNumericText(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) && (Math.abs(n) <= Number.MAX_SAFE_INTEGER || text.includes('.')) ? n : text;
}
