// What a country brief (src/modules/briefs) reads from this module: the tariff schedules held for
// the economy as a destination (edition, publisher, size) and the official links where it has none.
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { linksOf, listEditions, sourcesOf } from './store.js';

export interface ScheduleHeld {
  editions: { edition: string; publisher: string; url: string; lines: number; chapters: number; source_id: string }[];
  links: { kind: string; url: string; note: string | null; source_id: string }[];
  sources: SourceRow[];
}

export async function schedulesOf(db: Kysely<any>, iso3: string): Promise<ScheduleHeld> {
  const [editions, links] = await Promise.all([listEditions(db, iso3), linksOf(db, iso3)]);
  return {
    editions: editions.map((e) => ({ edition: e.edition, publisher: e.publisher, url: e.url, lines: e.lines, chapters: e.chapters, source_id: e.source_id })),
    links: links.map((l) => ({ kind: l.kind, url: l.url, note: l.note, source_id: l.source_id })),
    sources: await sourcesOf(db, [...editions.map((e) => e.source_id), ...links.map((l) => l.source_id)]),
  };
}
