import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

export interface SourceRecord {
  publisher: string;
  title?: string | null;
  url?: string | null;
  license?: string | null;
  /**
   * When the publisher's data was retrieved, as the file or the connector says it (a snapshot
   * month, a source date, a fetch time); null when nobody says. Never the import time.
   */
  retrieved_at?: string | null;
  /** When Puente imported it (ImportMeta.now, a sync's start). */
  imported_at?: string | null;
  synthetic?: boolean;
  note?: string | null;
}

// A file's path, absolute (/..., C:\..., ~/..., file://...; folders may hold spaces) or relative
// (../data/x.csv, data/x.csv); group 1 is the file's name (with an extension).
const NAME = `([^\\s;,'"()<>\\\\/]+\\.[A-Za-z][A-Za-z0-9]{0,7})(?=$|[\\s;,)'"])`;
const LOCAL_PATH = new RegExp(
  `(?:(?:file:\\/\\/)?(?:[A-Za-z]:|~|\\.{1,2})?[\\\\/](?:[^;,'"()<>\\n]*?[\\\\/])?|[^\\s;,'"()<>\\\\/]+[\\\\/](?:[^\\s;,'"()<>]*[\\\\/])?)${NAME}`,
  'g',
);
const WEB_ADDRESS = /(https?:\/\/\S+)/i;

/**
 * A text about a source with each local path cut to the file's name: the server's folders are
 * nobody's business (`imported from /home/x/data/wdi.csv` -> `imported from wdi.csv`). Web
 * addresses (http, https) are kept whole.
 */
export function withoutLocalPaths<T extends string | null | undefined>(text: T): T {
  if (!text) return text;
  return text
    .split(WEB_ADDRESS)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(LOCAL_PATH, '$1')))
    .join('') as T;
}

/** A source's URL as shown: a web address, or (for a local file) the file's name only. */
function publicUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^https?:\/\//i.test(url) ? url : withoutLocalPaths(url);
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
  const rows = [...unique].map(([id, s]) => ({
    id,
    publisher: s.publisher,
    title: withoutLocalPaths(s.title ?? null),
    url: publicUrl(s.url),
    license: s.license ?? null,
    retrieved_at: s.retrieved_at ?? null,
    imported_at: s.imported_at ?? null,
    synthetic: s.synthetic ?? false,
    note: withoutLocalPaths(s.note ?? null),
  }));
  // Many rows per statement: a file citing a page per row (support measures, the directory) has
  // hundreds of sources, and one statement each made its import slow.
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('sources')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          retrieved_at: eb.ref('excluded.retrieved_at'),
          imported_at: eb.ref('excluded.imported_at'),
          synthetic: eb.ref('excluded.synthetic'),
          note: eb.ref('excluded.note'),
        })),
      )
      .execute();
  }
  return ids;
}

/**
 * A retrieval date as a file gives it (`2024`, `2024-05`, `2024-05-21`, or an ISO timestamp),
 * normalised to that text; anything else ("undated", "2020s", "(2023)") is null: not stated.
 */
export function retrievedDate(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(t);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return null;
  if (d && (Number(d) < 1 || Number(d) > 31)) return null;
  if (Number(y) < 1900 || Number(y) > 2100) return null;
  return t;
}

// Facts (a membership, a threshold, a programme) read from public pages; the page's own terms stay with it.
export const FACTS_LICENSE = 'Facts compiled from public pages; cite the source URL';

/**
 * A source record per cited page: the publisher is the page's host (a row without a URL is
 * Puente's compilation, saying so). `dateLabel` names the row's date in the note ("as of", "source date").
 */
export function pageSource(url: string | null, date: string | null, what: string, meta: { now: string; file: string }, dateLabel = 'as of'): SourceRecord {
  if (!url) return { publisher: `Puente compilation (${what})`, title: what, license: FACTS_LICENSE, imported_at: meta.now, note: `imported from ${meta.file}; no source URL given` };
  let host = url;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    // keep the text as it is
  }
  return { publisher: host, title: what, url, license: FACTS_LICENSE, retrieved_at: retrievedDate(date), imported_at: meta.now, note: `${dateLabel}: ${date ?? 'not given'}; imported from ${meta.file}` };
}
