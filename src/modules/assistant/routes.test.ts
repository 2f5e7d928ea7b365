import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { csvRecords } from '../../../test/support/csv.js';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { modules } from '../../modules.js';
import { loadConfig } from '../../platform/config.js';
import { createLog } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { createApp } from '../../server.js';

// The assistant's API over all of ../shared/data, on both engines; expected values come from the
// files (thresholds, rates, marketplaces serving an economy, programmes, contacts).
const NOW = new Date('2026-12-07T10:00:00Z');
const TODAY = NOW.toISOString().slice(0, 10);
const read = (p: string) => csvRecords(readFileSync(join(SHARED_DATA, p), 'utf8'));
const deMinimis = read('regulation/de_minimis.csv');
const fx = read('indicators/fx_official_fealac.csv');
const websites = read('marketplaces/registry/websites.csv');
const marketplaces = read('marketplaces/registry/marketplaces.csv');
const directory = read('directory/directory.csv');

/** LCU per US$ of an economy for a year: the year's, else the latest earlier (as the indicators module does). */
function rate(iso3: string, year: number): { value: number; year: number } | null {
  const rows = fx.filter((r) => r.iso3 === iso3 && Number(r.year) <= year).sort((a, b) => Number(b.year) - Number(a.year));
  return rows.length ? { value: Number(rows[0].value), year: Number(rows[0].year) } : null;
}

const setup = appsPerEngine(NOW, async (ctx) => {
  await importFiles(ctx, [SHARED_DATA]);
});

const Q = '/api/assistant?origin=PER&destination=JPN&hs=0901&kind=goods&value=150&currency=USD&weight=2&channel=postal&traits=women_led~first_time';

describe.each(engines)('the export assistant on %s', (engine) => {
  // Each engine's database imports all of ../shared/data once, before its tests (a wait, not a timing).
  beforeAll(async () => {
    await setup(engine);
  }, 600_000);

  it('answers Peru selling coffee to Japan by post from every module, each fact with its source', async () => {
    const { app } = await setup(engine);
    const body = await json(app, Q);
    expect(body.question).toMatchObject({ origin: 'PER', destinations: ['JPN'], kind: 'goods', value: 150, currency: 'USD', value_usd: 150, weight_kg: 2, channel: 'postal', traits: ['women_led', 'first_time'], date: TODAY });
    expect(body.question.product).toMatchObject({ code: '0901', section: 'II' });
    expect(body.sections.map((s: any) => `${s.id}:${s.destination ?? '-'}`)).toEqual(['buyers:JPN', 'border:JPN', 'tariffs:JPN', 'rules:JPN', 'both_ways:JPN', 'leaving:-', 'help:-']);
    const rows = body.rows as any[];
    const cited = new Set(body.sources.map((s: any) => s.id));
    for (const r of rows.filter((x) => x.source_id)) expect(cited.has(r.source_id), `${r.key} ${r.subject} cites a listed source`).toBe(true);

    // Where buyers shop: every registry marketplace with a website serving JPN, no other.
    const serving = new Set(websites.filter((w) => w.serves_iso3 === 'JPN').map((w) => marketplaces.find((m) => m.marketplace_id === w.marketplace_id)?.name));
    const shown = rows.filter((r) => r.key === 'marketplace').map((r) => r.subject);
    expect(new Set(shown)).toEqual(serving);
    // Ranked ones first, in rank order.
    const ranks = rows.filter((r) => r.key === 'marketplace').map((r) => r.value);
    const firstUnranked = ranks.indexOf(null);
    const ranked = firstUnranked === -1 ? ranks : ranks.slice(0, firstUnranked);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    expect(ranks.slice(ranked.length).every((r) => r === null)).toBe(true);

    // At Japan's customs (the tariffs module): roasted coffee 0901.21 at the WTO rate of 12 %,
    // free under the Japan-Peru EPA, and the duty on the shipment in yen and US$.
    const roasted = rows.filter((x) => x.section === 'tariffs' && x.subject?.startsWith('0901.21'));
    expect(roasted.find((x) => x.key === 'tariff_mfn')).toMatchObject({ value: 12, unit: '%', status: 'ad_valorem', qualifier: 'wto' });
    expect(roasted.find((x) => x.key === 'tariff_preferential' && x.qualifier === 'epa_per')).toMatchObject({ value: 0, status: 'free' });
    const duty = roasted.find((x) => x.key === 'tariff_duty' && x.status === 'mfn');
    expect(duty).toMatchObject({ unit: 'JPY' });
    expect(duty.value_usd).toBeCloseTo(150 * 0.12, 1);

    // At the border: Japan's threshold in yen, in US$ at the dated official rate, the shipment over it.
    const jpn = deMinimis.find((d) => d.iso3 === 'JPN' && d.effective_from === 'long-standing')!;
    const threshold = rows.find((r) => r.key === 'de_minimis' && r.destination === 'JPN');
    const r = rate('JPN', NOW.getUTCFullYear())!;
    expect(threshold).toMatchObject({ value: Number(jpn.amount), unit: 'JPY', status: 'over', qualifier: jpn.kind });
    expect(threshold.value_usd).toBeCloseTo(Number(jpn.amount) / r.value, 2);
    expect(rows.find((x) => x.key === 'fx_rate' && x.subject === 'JPY')).toMatchObject({ as_of: String(r.year) });
    // The planned one is shown as planned, not as in force.
    expect(rows.filter((x) => x.key === 'de_minimis_planned').every((x) => x.status === 'planned')).toBe(true);

    // Help at home: the postal export programme and PROMPERÚ.
    expect(rows.some((x) => x.key === 'programme' && /Exporta F[aá]cil/.test(x.subject))).toBe(true);
    const contacts = rows.filter((x) => x.key === 'contact');
    expect(contacts.some((x) => /PROMPER[UÚ]/.test(x.subject) && x.status === 'export_promotion')).toBe(true);
    expect(contacts.length).toBe(directory.filter((d) => d.iso3 === 'PER' && ['export_promotion', 'customs', 'postal_operator', 'sme_agency'].includes(d.role)).length);

    // Leaving: the postal channel fits the shipment; only postal cases.
    expect(rows.find((x) => x.key === 'export_channel' && /Exporta F/.test(x.subject))).toMatchObject({ status: 'fits', unit: 'USD' });
    expect(rows.filter((x) => x.key === 'bpa_case').every((x) => ['POSTAL', 'ANY', null].includes(x.qualifier))).toBe(true);
  });

  it('a smaller shipment is under the threshold, and an earlier date uses that year\'s rate', async () => {
    const { app } = await setup(engine);
    const small = await json(app, '/api/assistant?origin=PER&destination=JPN&value=5000&currency=JPY&date=2015-06-01');
    const t = small.rows.find((r: any) => r.key === 'de_minimis');
    expect(t.status).toBe('under');
    const r2015 = rate('JPN', 2015)!;
    expect(r2015.year).toBe(2015);
    expect(t.value_usd).toBeCloseTo(10000 / r2015.value, 2);
    expect(small.question.value_usd).toBeCloseTo(5000 / r2015.value, 2);
    expect(small.question.rate).toMatchObject({ currency: 'JPY', rate_year: 2015 });
  });

  it('several destinations: the destination\'s sections for each, the origin\'s once', async () => {
    const { app } = await setup(engine);
    const body = await json(app, '/api/assistant?origin=PER&destination=JPN~KOR~CHL&value=150');
    expect(body.sections.filter((s: any) => s.id === 'border').map((s: any) => s.destination)).toEqual(['JPN', 'KOR', 'CHL']);
    expect(body.sections.filter((s: any) => s.id === 'help')).toHaveLength(1);
    expect(new Set(body.rows.filter((r: any) => r.key === 'distance').map((r: any) => r.destination))).toEqual(new Set(['JPN', 'KOR', 'CHL']));
  });

  it('a pair with no data in some modules: those sections say what is missing, the answer is still 200', async () => {
    const { app } = await setup(engine);
    // Laos has no de minimis row, Cuba no official rate; the USA is outside FEALAC.
    const noDm = deMinimis.filter((d) => d.iso3 === 'LAO');
    expect(noDm).toHaveLength(0);
    const body = await json(app, '/api/assistant?origin=CUB&destination=LAO~USA&value=100&currency=CUP');
    expect(body.question.value_usd).toBeNull();
    expect(body.question.rate.missing).toMatch(/CUB|CUP/);
    const border = body.sections.find((s: any) => s.id === 'border' && s.destination === 'LAO');
    expect(border.status).toBe('missing');
    expect(border.missing.join(' ')).toMatch(/no de minimis threshold recorded for LAO/);
    const usa = body.sections.filter((s: any) => s.destination === 'USA');
    expect(usa.every((s: any) => s.status === 'missing' && s.missing.length > 0)).toBe(true);
  });

  it('bad questions are 400s naming the parameter', async () => {
    const { app } = await setup(engine);
    for (const [path, param] of [
      ['/api/assistant?origin=ZZZ&destination=JPN', 'origin'],
      ['/api/assistant?origin=PER&destination=JPN&hs=0000', 'hs'],
      ['/api/assistant?origin=PER&destination=JPN&hs=coffee', 'hs'],
      ['/api/assistant?origin=PER&destination=QQQ', 'destination'],
      ['/api/assistant?origin=PER&destination=JPN~KOR~CHL~MEX~BRA~ARG', 'destination'],
      ['/api/assistant?origin=PER&destination=JPN&value=-3', 'value'],
      ['/api/assistant?origin=PER&destination=JPN&traits=tall', 'traits'],
      ['/api/assistant?origin=PER&destination=JPN&channel=pigeon', 'channel'],
      ['/api/assistant/brief.pdf?origin=PER&destination=JPN&lang=xx', 'lang'],
      ['/api/assistant/brief.pdf?origin=PER&destination=JPN&nope=1', 'nope'],
    ] as const) {
      const res = await get(app, path);
      const body = await res.json();
      expect(res.status, path).toBe(400);
      expect(body.error, path).toContain(param);
    }
  });

  it('has CSV, metadata and zip twins with the same facts', async () => {
    const { app } = await setup(engine);
    const body = await json(app, `${Q}&_size=max`);
    const csv = csvRecords(await (await get(app, Q.replace('/api/assistant?', '/api/assistant.csv?'))).text());
    expect(csv.length).toBe(body.rows.length);
    expect(csv.find((r) => r.key === 'de_minimis')?.unit).toBe('JPY');
    const meta = await json(app, Q.replace('/api/assistant?', '/api/assistant.metadata.json?'));
    expect(meta.row_count).toBe(body.rows.length);
    expect(meta.fields.sections).toHaveLength(7);
    const zip = unzipSync(new Uint8Array(await (await get(app, Q.replace('/api/assistant?', '/api/assistant.zip?'))).arrayBuffer()));
    const names = Object.keys(zip);
    expect(names.some((n) => n.endsWith('.csv'))).toBe(true);
    expect(strFromU8(zip[names.find((n) => n.endsWith('.csv'))!])).toContain('de_minimis');
  });

  it('the PDF brief in Spanish carries the answer\'s facts, its sources and the date', async () => {
    const { app } = await setup(engine);
    const res = await get(app, `${Q.replace('/api/assistant?', '/api/assistant/brief.pdf?')}&lang=es`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()) }).promise;
    let text = '';
    for (let p = 1; p <= pdf.numPages; p++) text += (await (await pdf.getPage(p)).getTextContent()).items.map((i: any) => i.str).join(' ') + '\n';
    expect(text).toContain('Ficha de exportación');
    expect(text).toMatch(/En la frontera de Jap[oó]n/);
    expect(text).toContain('JPY');
    expect(text).toContain('el envío lo supera');
    expect(text).toMatch(/PROMPER[UÚ]/);
    expect(text).toMatch(/Exporta F[aá]cil/);
    expect(text).toContain('Fuentes');
    expect(text).toContain(TODAY);
  });

  it('the PDF brief in Japanese has its labels in Japanese (drawn with an embedded CJK font) and the tariffs section', async () => {
    const { app } = await setup(engine);
    const res = await get(app, `${Q.replace('/api/assistant?', '/api/assistant/brief.pdf?')}&lang=ja`);
    expect(res.status).toBe(200);
    const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()) }).promise;
    let text = '';
    for (let p = 1; p <= pdf.numPages; p++) text += (await (await pdf.getPage(p)).getTextContent()).items.map((i: any) => i.str).join('') + '\n';
    expect(text).toContain('輸出ブリーフ');
    expect(text).toContain('の税関：デミニミスを超える場合');
    expect(text).toContain('適用される MFN 税率');
    expect(text).toContain('出典');
    expect(text).toContain(TODAY);
  });

  it('finds HS codes in English and Spanish', async () => {
    const { app } = await setup(engine);
    for (const q of ['coffee', 'caf%C3%A9', '0901']) {
      const body = await json(app, `/api/assistant/hs?q=${q}`);
      expect(body.rows.map((r: any) => r.code), q).toContain('0901');
    }
  });
});

describe('a server without data, or without a module\'s table', () => {
  it('answers with every section missing and saying why, never an error', async () => {
    const db = await freshDatabase('duckdb');
    try {
      for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
      await db.kysely.schema.dropTable('de_minimis').execute();
      const ctx: AppContext = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }), log: createLog('error', () => {}), clock: () => NOW, fetch: (() => Promise.reject(new Error('offline'))) as typeof fetch };
      const app = createApp(ctx);
      const body = await json(app, '/api/assistant?origin=PER&destination=JPN&hs=0901&value=150');
      const border = body.sections.find((s: any) => s.id === 'border');
      expect(border).toMatchObject({ status: 'missing' });
      expect(border.missing.join(' ')).toMatch(/not available on this server/);
      expect(JSON.stringify(body)).not.toMatch(/de_minimis" does not exist|Catalog Error|\/work\//);
      expect(body.sections.find((s: any) => s.id === 'help').status).toBe('missing');
      const pdf = await get(app, '/api/assistant/brief.pdf?origin=PER&destination=JPN');
      expect(pdf.status).toBe(200);
    } finally {
      await db.close();
    }
  });
});
