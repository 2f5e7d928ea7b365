import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { JPN_COLUMNS } from './agreements.js';

// The connector for Japan Customs' applied tariff schedule (実行関税率表): one HTML page per HS
// chapter at https://www.customs.go.jp/tariff/<YYYY_MM_DD>/data/j_<NN>.htm, a table#datatable whose
// rows are: statistical code, national digits, description (its depth: the cell's padding-left in
// em plus the leading "−" marks), the 27 rate columns in the schedule's order (general, temporary,
// WTO, GSP, LDC GSP, 22 EPAs), unit I, unit II and the other-law codes (two letters each). It
// writes each chapter as the tree of nodes `puente import` reads (the layout of
// ../shared/data/tariffs/jpn-customs-YYYY-MM-DD/tariffdata/j_NN_tariff_data.json), in a folder
// named for the edition, so a newer edition is imported beside the older one.

export const JPN_CHAPTERS = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '77');

export function chapterUrl(edition: string, chapter: string, base = 'https://www.customs.go.jp/tariff/'): string {
  return `${base}${edition.replace(/-/g, '_')}/data/j_${chapter}.htm`;
}

export interface TariffNode {
  level: number;
  stat_code: string;
  hs_code: string;
  desc: string;
  rate: Record<string, string>;
  unit: { I?: string; II?: string };
  law: string[];
  children: TariffNode[];
}

/** A cell's text: <br> is a line break, runs of ASCII spaces and newlines from the markup collapse. */
function cellText(node: ChildNode): string {
  const parts: string[] = [];
  const walk = (n: ChildNode) => {
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data.replace(/[ \t\r\n]+/g, ' '));
    else if ((n as Element).name === 'br') parts.push('\n');
    else for (const c of (n as Element).children ?? []) walk(c);
  };
  walk(node);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

/** The rows of a chapter page as nodes, nested by depth, with each code carried down to rows without one. */
export function parseChapterPage(html: string): TariffNode[] {
  const doc = parseDocument(html);
  const table = DomUtils.findOne((e) => e.name === 'table' && e.attribs.id === 'datatable', doc.children, true);
  if (!table) throw new Error('no table#datatable in the page (has Japan Customs changed its layout?)');
  const rows = DomUtils.getElementsByTagName('tr', table, true).slice(2);
  const flat: TariffNode[] = [];
  const width = 4 + JPN_COLUMNS.length + 3 - 1; // stat, hs, desc, 27 rates, unit I, unit II, law
  for (const tr of rows) {
    const tds = tr.children.filter((c): c is Element => (c as Element).name === 'td');
    if (!tds.length) continue;
    if (tds.length !== width) throw new Error(`a row of ${tds.length} cells where the schedule has ${width} (has Japan Customs changed its layout?)`);
    const texts = tds.map(cellText);
    const pad = /padding-left\s*:\s*([\d.]+)\s*em/.exec(tds[2].attribs.style ?? '');
    const marks = /^−*/.exec(texts[2])![0].length;
    const rates = texts.slice(3, 3 + JPN_COLUMNS.length);
    // As the published compilation reads it: a row with any cell after the description is a rated line.
    const rated = texts.slice(3).some((r) => r);
    const law = texts[width - 1].replace(/\s+/g, '');
    flat.push({
      level: (pad ? Math.trunc(Number(pad[1])) : 0) + marks,
      stat_code: texts[0],
      hs_code: texts[1],
      desc: texts[2],
      rate: rated ? Object.fromEntries(JPN_COLUMNS.map((c, i) => [c.key, rates[i]])) : {},
      unit: rated ? { I: texts[width - 3], II: texts[width - 2] } : {},
      law: law.match(/.{1,2}/g) ?? [],
      children: [],
    });
  }
  // Nest: a row's parent is the nearest row above it with a smaller depth.
  const roots: TariffNode[] = [];
  const stack: TariffNode[] = [];
  for (const n of flat) {
    while (stack.length && stack[stack.length - 1].level >= n.level) stack.pop();
    if (stack.length) {
      if (!n.stat_code) n.stat_code = stack[stack.length - 1].stat_code;
      stack[stack.length - 1].children.push(n);
    } else roots.push(n);
    stack.push(n);
  }
  return roots;
}

/** A page's text in its declared encoding (Japan Customs serves Shift_JIS). */
export function decodePage(bytes: ArrayBuffer, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 2048));
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
  return new TextDecoder(charset.toLowerCase() === 'shift_jis' || charset.toLowerCase() === 'x-sjis' ? 'shift_jis' : charset).decode(bytes);
}

export interface FetchReport {
  edition: string;
  folder: string;
  chapters: { chapter: string; url: string; rows: number }[];
}

/**
 * Fetches the chapter pages of an edition and writes them under `outDir/jpn-customs-<edition>/tariffdata/`.
 * Any chapter that fails stops the fetch with its URL (a partial edition would read as a complete one).
 */
export async function fetchJapanEdition(options: { fetch: typeof fetch; edition: string; outDir: string; chapters?: string[]; base?: string; onChapter?: (chapter: string) => void }): Promise<FetchReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.edition)) throw new Error(`edition "${options.edition}" is not a date YYYY-MM-DD`);
  const folder = join(options.outDir, `jpn-customs-${options.edition}`);
  const pages: { chapter: string; url: string; nodes: TariffNode[] }[] = [];
  for (const chapter of options.chapters ?? JPN_CHAPTERS) {
    options.onChapter?.(chapter);
    const url = chapterUrl(options.edition, chapter, options.base);
    const res = await options.fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    let nodes: TariffNode[];
    try {
      nodes = parseChapterPage(decodePage(await res.arrayBuffer(), res.headers.get('content-type')));
    } catch (err) {
      throw new Error(`${url}: ${(err as Error).message}`);
    }
    pages.push({ chapter, url, nodes });
  }
  const dir = join(folder, 'tariffdata');
  mkdirSync(dir, { recursive: true });
  for (const p of pages) writeFileSync(join(dir, `j_${p.chapter}_tariff_data.json`), JSON.stringify(p.nodes, null, 2) + '\n');
  writeFileSync(join(folder, 'SOURCE.txt'), `Japan Customs applied tariff schedule, edition ${options.edition}\nFetched ${new Date().toISOString()} from:\n${pages.map((p) => p.url).join('\n')}\n`);
  const count = (ns: TariffNode[]): number => ns.reduce((n, x) => n + (Object.keys(x.rate).length ? 1 : 0) + count(x.children), 0);
  return { edition: options.edition, folder, chapters: pages.map((p) => ({ chapter: p.chapter, url: p.url, rows: count(p.nodes) })) };
}
