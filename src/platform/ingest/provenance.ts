import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

export interface SourceRecord {
  publisher: string;
  title?: string | null;
  url?: string | null;
  license?: string | null;
  retrieved_at?: string | null;
  synthetic?: boolean;
  note?: string | null;
}

/** Same publisher, URL and licence = same source, whichever file or sync brought it. */
export function sourceId(s: Pick<SourceRecord, 'publisher' | 'url' | 'license'>): string {
  const h = createHash('sha1').update(`${s.publisher}\u0000${s.url ?? ''}\u0000${s.license ?? ''}`).digest('hex');
  return `src_${h.slice(0, 16)}`;
}

export async function upsertSources(db: Kysely<any>, sources: SourceRecord[]): Promise<Map<SourceRecord, string>> {
  const ids = new Map<SourceRecord, string>();
  const unique = new Map<string, SourceRecord>();
  for (const s of sources) {
    const id = sourceId(s);
    ids.set(s, id);
    unique.set(id, s);
  }
  for (const [id, s] of unique) {
    const row = {
      id,
      publisher: s.publisher,
      title: s.title ?? null,
      url: s.url ?? null,
      license: s.license ?? null,
      retrieved_at: s.retrieved_at ?? null,
      synthetic: s.synthetic ?? false,
      note: s.note ?? null,
    };
    await db
      .insertInto('sources')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ title: row.title, retrieved_at: row.retrieved_at, synthetic: row.synthetic, note: row.note }))
      .execute();
  }
  return ids;
}
