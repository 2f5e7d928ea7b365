import type { KnownChange } from './schema.js';

// Pure calculations of the directory: known changes matched to rows, the economy × role
// coverage matrix, stable ids.

/** The known change a row carries, if any: same economy and role, and its name names the match. */
export function changeOf(row: { iso3: string; role: string; name_local: string; name_en: string | null }, changes: KnownChange[]): KnownChange | null {
  return (
    changes.find(
      (c) => c.iso3 === row.iso3 && c.role === row.role && (row.name_local.includes(c.match) || (row.name_en ?? '').includes(c.match)),
    ) ?? null
  );
}

/** Known changes that match no row (a rule gone stale, or a row edited away). */
export function unmatchedChanges(rows: { iso3: string; role: string; name_local: string; name_en: string | null }[], changes: KnownChange[]): KnownChange[] {
  return changes.filter((c) => !rows.some((r) => changeOf(r, [c]) === c));
}

/** economy -> role -> entries (0 = none recorded): the coverage matrix, gaps included. */
export function coverage(rows: { iso3: string; role: string }[], economies: string[], roles: string[]): Map<string, Map<string, number>> {
  const out = new Map(economies.map((e) => [e, new Map(roles.map((r) => [r, 0]))]));
  for (const r of rows) {
    const cell = out.get(r.iso3);
    if (cell?.has(r.role)) cell.set(r.role, cell.get(r.role)! + 1);
  }
  return out;
}

/** A stable id for a row of the file: economy, role, local name and source. */
export function entryKey(iso3: string, role: string, nameLocal: string, sourceUrl: string | null): string {
  let h = 0x811c9dc5;
  for (const ch of `${iso3}\u0000${role}\u0000${nameLocal.trim()}\u0000${sourceUrl ?? ''}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `dir-${iso3.toLowerCase()}-${role.replace(/_/g, '-')}-${h.toString(36)}`;
}
