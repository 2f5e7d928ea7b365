import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { csvRecords } from '../../../test/support/csv.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';

// The country brief over ../shared/data (the modules' folders but the large tariff and pair files,
// which the brief reads only as "schedules held"): its figures come from the files, not from here.
const NOW = new Date('2026-12-07T10:00:00Z');
const TODAY = NOW.toISOString().slice(0, 10);
const FOLDERS = ['countries', 'indicators', 'marketplaces', 'regulation', 'facilitation', 'support', 'directory'];

const setup = appsPerEngine(NOW, async (ctx) => {
  await importFiles(ctx, FOLDERS.map((f) => join(SHARED_DATA, f)));
});

async function pdfText(res: Response, joiner = ' '): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()) }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) text += (await (await pdf.getPage(p)).getTextContent()).items.map((i: any) => i.str).join(joiner).replace(/[ \t]+/g, ' ') + '\n';
  return text;
}

async function pages(res: Response): Promise<number> {
  return (await getDocument({ data: new Uint8Array(await res.clone().arrayBuffer()) }).promise).numPages;
}

/** Peru's latest internet-users value in the shared file. */
function latestInternetUsers(iso3: string): { year: number; value: number } {
  const rows = csvRecords(readFileSync(join(SHARED_DATA, 'indicators/internet_users_fealac.csv'), 'utf8')).filter((r) => r.iso3 === iso3 && r.indicator_code === 'IT.NET.USER.ZS' && r.value !== '');
  const last = rows.sort((a, b) => Number(b.year) - Number(a.year))[0];
  return { year: Number(last.year), value: Number(last.value) };
}

describe('the country brief', () => {
  beforeAll(async () => {
    await setup('duckdb');
  }, 600_000);

  it('gathers Peru from every module, missing values as null and each block with its sources', async () => {
    const { app } = await setup('duckdb');
    const { brief } = await json(app, '/api/countries/PER/brief');
    expect(brief).toMatchObject({ iso3: 'PER', name: 'Peru', made: TODAY, unavailable: [] });
    const users = latestInternetUsers('PER');
    expect(brief.indicators.key.find((k: any) => k.code === 'IT.NET.USER.ZS')).toMatchObject({ value: users.value, year: users.year });
    expect(brief.indicators.key.find((k: any) => k.code === 'IT.NET.USER.ZS').n).toBeGreaterThan(1);
    expect(brief.indicators.sources.length).toBeGreaterThan(0);
    expect(brief.indicators.readiness.n).toBeGreaterThan(1);
    expect(brief.contacts.entries.length).toBeGreaterThan(0);
    expect(brief.regulation.pillars.length).toBe(12);
    // Not covered by the OECD Digital STRI, or not loaded: never a 0.
    if (!brief.regulation.stri.covered) expect(brief.regulation.stri.stri).toBeNull();
  });

  it('the PDF of Peru in Spanish has its internet-users figure, its sources and the date, on two to four A4 pages', async () => {
    const { app } = await setup('duckdb');
    const { brief } = await json(app, '/api/countries/PER/brief');
    const res = await get(app, '/api/countries/PER/brief.pdf?lang=es');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const n = await pages(res);
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(4);
    const text = await pdfText(res);
    const users = latestInternetUsers('PER');
    const figure = new Intl.NumberFormat('es', { maximumFractionDigits: 1 }).format(users.value);
    expect(text).toContain('Ficha de país');
    expect(text).toContain('Perú');
    expect(text).toContain(`Usuarios de Internet (% de la población): ${figure} (${users.year})`);
    expect(text).toContain('Fuentes');
    for (const s of brief.indicators.sources) expect(text).toContain(s.publisher);
    expect(text).toContain(TODAY);
  });

  it('the PDF in Chinese draws the Chinese name and labels (embedded CJK font)', async () => {
    const { app } = await setup('duckdb');
    const { brief } = await json(app, '/api/countries/PER/brief');
    const text = await pdfText(await get(app, '/api/countries/PER/brief.pdf?lang=zh'), '');
    expect(brief.names.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toContain(brief.names.zh);
    expect(text).toContain('国家简报');
    expect(text).toContain('来源');
  });

  it('an economy with little data says "no data", never 0', async () => {
    const { app } = await setup('duckdb');
    const { brief } = await json(app, '/api/countries/CUB/brief');
    const account = brief.indicators.key.find((k: any) => k.code === 'FINDEX.account_t_d');
    expect(account.value).toBeNull();
    const text = await pdfText(await get(app, '/api/countries/CUB/brief.pdf?lang=en'));
    expect(text).toContain('Account ownership (% age 15+): no data');
    expect(text).not.toMatch(/Account ownership \(% age 15\+\): 0/);
    const es = await pdfText(await get(app, '/api/countries/CUB/brief.pdf?lang=es'));
    expect(es).toContain('Titularidad de una cuenta (% de 15 años o más): sin datos');
  });

  it('answers a clear 400 or 404 for bad input, without a stack', async () => {
    const { app } = await setup('duckdb');
    const nope = await get(app, '/api/countries/XXX/brief');
    expect(nope.status).toBe(404);
    expect((await nope.json()).error).toContain('XXX is not one of the 36 FEALAC economies');
    const lang = await get(app, '/api/countries/PER/brief.pdf?lang=fr');
    expect(lang.status).toBe(400);
    expect((await lang.json()).error).toContain('lang');
    const stray = await get(app, '/api/countries/PER/brief?x=1');
    expect(stray.status).toBe(400);
    expect((await stray.json()).error).toContain('"x"');
  });
});
