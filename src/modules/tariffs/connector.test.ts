import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { JPN_COLUMNS } from './agreements.js';
import { chapterUrl, decodePage, fetchJapanEdition, parseChapterPage, type TariffNode } from './connector.js';
import { flattenChapter } from './compute.js';

// Offline: the fixture is a chapter page in customs.go.jp's layout, made from the shared files
// (../shared/data/tariffs/jpn-customs-2026-07-09), and the connector must give those files back.
const EDITION = join(SHARED_DATA, 'tariffs', 'jpn-customs-2026-07-09', 'tariffdata');
const shared = (nn: string): TariffNode[] => JSON.parse(readFileSync(join(EDITION, `j_${nn}_tariff_data.json`), 'utf8'));

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/** The page Japan Customs would serve for these nodes: depth as padding-left (em) minus the leading − marks; a code only where it changes. */
function pageOf(nodes: TariffNode[]): string {
  const rows: string[] = [];
  const walk = (n: TariffNode, parentCode: string | null) => {
    const marks = /^−*/.exec(n.desc)![0].length;
    const cells = [n.stat_code === parentCode ? '' : n.stat_code, n.hs_code, n.desc, ...JPN_COLUMNS.map((c) => n.rate[c.key] ?? ''), n.unit.I ?? '', n.unit.II ?? '', n.law.join('')];
    rows.push(`<tr>${cells.map((c, i) => `<td${i === 2 ? ` style="padding-left:${n.level - marks}em"` : ''}>${esc(c)}</td>`).join('')}</tr>`);
    n.children.forEach((c) => walk(c, n.stat_code));
  };
  nodes.forEach((n) => walk(n, null));
  const head = `<tr><th colspan="3">番号</th><th colspan="27">税率</th></tr><tr><th>統計</th></tr>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>j_09</title></head><body><table id="datatable">${head}\n${rows.join('\n')}</table></body></html>`;
}

const tmp = mkdtempSync(join(tmpdir(), 'puente-connector-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('customs.go.jp chapter pages', () => {
  it('the edition date names the page', () => {
    expect(chapterUrl('2026-07-09', '09')).toBe('https://www.customs.go.jp/tariff/2026_07_09/data/j_09.htm');
  });

  for (const nn of ['09', '02', '64']) {
    it(`chapter ${nn}: the page read back gives the shared file's tree, node for node`, () => {
      const expected = shared(nn);
      expect(parseChapterPage(pageOf(expected))).toEqual(expected);
    });
  }

  it('decodes a page by its declared charset', () => {
    const bytes = new TextEncoder().encode('<meta charset="utf-8"><p>無税</p>');
    expect(decodePage(bytes.buffer as ArrayBuffer, null)).toContain('無税');
  });

  it('a page without the table is refused, naming why', () => {
    expect(() => parseChapterPage('<html><body><table id="other"></table></body></html>')).toThrow(/datatable/);
  });

  it('fetches an edition into a folder `puente import` reads, and stops on a failed chapter', async () => {
    const pages: Record<string, string> = { [chapterUrl('2027-04-01', '09')]: pageOf(shared('09')), [chapterUrl('2027-04-01', '01')]: pageOf(shared('01')) };
    const fakeFetch = (async (url: string) => (pages[url] ? new Response(pages[url], { headers: { 'content-type': 'text/html; charset=utf-8' } }) : new Response('no', { status: 404 }))) as unknown as typeof fetch;
    const report = await fetchJapanEdition({ fetch: fakeFetch, edition: '2027-04-01', outDir: tmp, chapters: ['01', '09'] });
    expect(report.folder).toBe(join(tmp, 'jpn-customs-2027-04-01'));
    const file = join(report.folder, 'tariffdata', 'j_09_tariff_data.json');
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(shared('09'));
    const { rows, issues } = flattenChapter(JSON.parse(text), text, file, '09', JPN_COLUMNS);
    expect(issues).toEqual([]);
    expect(report.chapters.find((c) => c.chapter === '09')!.rows).toBe(rows.length);
    await expect(fetchJapanEdition({ fetch: fakeFetch, edition: '2027-04-01', outDir: join(tmp, 'x'), chapters: ['09', '84'] })).rejects.toThrow(/j_84\.htm: HTTP 404/);
  });
});
