import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { freshDatabase } from '../../../test/support/engines.js';
import { loadConfig } from '../../platform/config.js';
import type { Log } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { createApp, type App } from '../../server.js';
import { CODELISTS_DIR, example, pdfText } from './test-support.js';

// The schema check runs libxml2 in WASM; on a busy CI machine one document takes seconds.
vi.setConfig({ testTimeout: 180_000 });

// The documents API in process: public POSTs that compute and store nothing.
let ctx: AppContext;
let app: App;
const logged: string[] = [];

beforeAll(async () => {
  const db = await freshDatabase('duckdb');
  const record = (m: string) => void logged.push(m);
  const log: Log = { error: record, info: record, debug: record };
  ctx = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_CODELISTS_DIR: CODELISTS_DIR }), log, clock: () => new Date('2026-12-07T12:00:00Z'), fetch: (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch };
  app = createApp(ctx);
});
afterAll(async () => {
  await ctx?.db.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.fetch(new Request(`http://puente.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));

describe('POST /api/documents/*', () => {
  it('answers the invoice as PDF by default, XML and JSON by ?format= or Accept', async () => {
    const version = await ctx.db.versions.current();
    const pdf = await post('/api/documents/invoice', example());
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('content-disposition')).toMatch(/attachment; filename="invoice-PE-2026-0001.pdf"/);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('PECLL');
    expect(text).toContain('375.00');
    const xml = await post('/api/documents/invoice?format=xml', example());
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await xml.text()).toContain('<rsm:CrossIndustryInvoice');
    const byAccept = await post('/api/documents/invoice', example(), { accept: 'application/xml' });
    expect(byAccept.headers.get('content-type')).toMatch(/^application\/xml/);
    const json = await post('/api/documents/packing-list', example(), { accept: 'application/json' });
    const body = await json.json();
    expect(body.ok).toBe(true);
    expect(body.totals.gross_weight_kg).toBe('21.200');
    expect(body.totals.packages).toBe(2);
    // Nothing written: the data version did not move, and nothing about the shipment was logged.
    expect(await ctx.db.versions.current()).toEqual(version);
    expect(logged.join('\n')).not.toContain('Café Andino');
  });

  it('labels the PDF in the language asked (?lang, else Accept-Language)', async () => {
    const es = await post('/api/documents/invoice', example(), { 'accept-language': 'es-PE,es;q=0.9' });
    expect(await pdfText(new Uint8Array(await es.arrayBuffer()))).toContain('Factura comercial');
    const en = await post('/api/documents/invoice?lang=en', example(), { 'accept-language': 'es' });
    expect(await pdfText(new Uint8Array(await en.arrayBuffer()))).toContain('Commercial invoice');
  });

  it('gives CN 23 data for a postal shipment, and refuses it for a courier one', async () => {
    const res = await post('/api/documents/cn23?format=json', example());
    const body = await res.json();
    expect(body.title).toBe('CN 23 data');
    expect(body.cn23.contents[0]).toMatchObject({ hs: '090121', origin: 'PER', value: '375.00' });
    const courier = await post('/api/documents/cn23?format=json', { ...example(), channel: 'courier', transport_mode: 'air' });
    expect(courier.status).toBe(400);
    expect((await courier.json()).errors[0]).toMatch(/^channel:/);
  });

  it('answers hostile or wrong input with a 400 naming the field, never a 500 or a path', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...example(), seller: { ...example().seller, name: 'Evil\u0000Corp' } }, /seller\.name: control characters/],
      [{ ...example(), items: [{ ...example().items[0], hs: '0901.99' }] }, /items\.0\.hs: 0901\.99 is not a subheading of HS 2022/],
      [{ ...example(), delivery: { incoterm: 'FCA', place: 'PEXXX' } }, /delivery\.place: PEXXX is not in UN\/LOCODE/],
      [{ ...example(), items: [{ ...example().items[0], unit_price: '1e9' }] }, /items\.0\.unit_price/],
      [{ ...example(), items: [{ ...example().items[0], quantity: -3 }] }, /items\.0\.quantity/],
      [{ ...example(), seller: { ...example().seller, name: 'x'.repeat(201) } }, /seller\.name/],
      [{ ...example(), items: Array.from({ length: 201 }, () => example().items[0]) }, /items/],
      [{ ...example(), __proto__: { admin: true }, extra: 1 }, /extra/],
      ['{"document":', /not valid JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await post('/api/documents/invoice?format=json', body);
      expect(res.status, String(message)).toBe(400);
      const text = await res.text();
      expect(text).toMatch(message);
      expect(text).not.toMatch(/\/work\/|node_modules|at \w+ \(/);
    }
    const xmlOfPackingList = await post('/api/documents/packing-list?format=xml', example());
    expect(xmlOfPackingList.status).toBe(400);
    expect((await xmlOfPackingList.json()).errors[0]).toMatch(/^format:/);
  });

  it('escapes markup in the XML', async () => {
    const res = await post('/api/documents/invoice?format=xml', { ...example(), buyer: { ...example().buyer, name: '<Buyer & "Co">' } });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('&lt;Buyer &amp; "Co"&gt;');
  });

  it('refuses a body larger than the limit with 413', async () => {
    const big = JSON.stringify({ ...example(), pad: 'x'.repeat(ctx.config.PUENTE_MAX_BODY_BYTES) });
    const res = await post('/api/documents/invoice', big);
    expect(res.status).toBe(413);
  });
});

describe('GET /api/documents/places', () => {
  it('finds a place by name and has .csv twin', async () => {
    const res = await app.fetch(new Request('http://puente.test/api/documents/places?q=Callao&country=PER'));
    const body = await res.json();
    expect(body.rows[0]).toMatchObject({ locode: 'PECLL', name: 'Callao', iso3: 'PER' });
    const csv = await app.fetch(new Request('http://puente.test/api/documents/places.csv?q=Callao&country=PER'));
    expect(await csv.text()).toContain('PECLL');
  });
});
