import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/engines.js';
import { loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import { UpstreamError } from '../../platform/http/errors.js';
import { ImportError } from '../../platform/ingest/report.js';
import { runImport } from '../../platform/ingest/run.js';
import { silentLog } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { modules } from '../../modules.js';
import { syncCyberlaw } from './cyberlaw.js';
import { amountValue, deMinimisAnswer, deriveAnswers, inForce, type DeMinimisInput } from './derive.js';
import { importers } from './ingest.js';
import { listAudit, listCyberlaw, listDeMinimis, listMeasures, listTreaties } from './store.js';

// Real data is read in place from ../shared/data, never copied into the repository.
const REG = fileURLToPath(new URL('../../../../shared/data/regulation/', import.meta.url));
const NOW = new Date('2025-09-01T12:00:00Z');
const clock = () => NOW;

function dm(over: Partial<DeMinimisInput>): DeMinimisInput {
  return { iso3: 'PER', kind: 'duty', amount: '200', amount_value: 200, currency: 'USD', usd_approx: 200, channel: 'all', effective_from: '2011', notes: null, source_id: 's', ...over };
}

describe('derive (pure)', () => {
  it('reads the de minimis effective_from texts of the shared file', () => {
    const today = '2025-09-01';
    expect(inForce('long-standing; unchanged on 2018-07-01', today)).toBe(true);
    expect(inForce('2010-10-01 (until 2019-11-30)', today)).toBe(false);
    expect(inForce('2010 (Decision 78/2010/QD-TTg of 30 Nov 2010) - repealed 2025-02-18', today)).toBe(false);
    expect(inForce('2028-04-01 (planned)', today)).toBe(false);
    expect(inForce('pre-2023', today)).toBe(false);
    expect(inForce('historical (until 2019-03-31)', today)).toBe(false);
    expect(inForce('in force until 2026-04-30', today)).toBe(true);
    expect(inForce('2026-05-01', today)).toBe(false);
    expect(inForce('2026-05-01', '2026-06-01')).toBe(true);
    expect(inForce('not stated', today)).toBe(true);
    expect(inForce('2018 (Customs Notification 191/2561 dated 31 Jul 2018)', today)).toBe(true);
  });

  it('takes the threshold from amount texts, and none where it is not a plain figure', () => {
    expect(amountValue('200')).toBe(200);
    expect(amountValue('200 per shipment (3 shipments/year)')).toBe(200);
    expect(amountValue('5000 per transaction / 26000 per year')).toBe(5000);
    expect(amountValue('400 and 4 kg')).toBe(400);
    expect(amountValue('1,000')).toBe(1000);
    expect(amountValue('10 x minimum monthly wage (1920000 in 2015)')).toBeNull();
    expect(amountValue('none (GST at point of sale)')).toBeNull();
  });

  it('12.5: none => 1, < USD 200 => 0.5, >= USD 200 => 0, no USD figure => unknown', () => {
    const today = '2025-09-01';
    expect(deMinimisAnswer('X', [dm({ amount: 'none', amount_value: null, usd_approx: null })], today).score).toBe(1);
    expect(deMinimisAnswer('X', [dm({ amount: '50', amount_value: 50, usd_approx: 50 })], today).score).toBe(0.5);
    expect(deMinimisAnswer('X', [dm({})], today).score).toBe(0);
    // The most generous channel in force decides; a historical row does not count.
    expect(deMinimisAnswer('X', [dm({ amount: '50', amount_value: 50, usd_approx: 50 }), dm({ amount: '400', amount_value: 400, usd_approx: 400, effective_from: 'historical (until 2020-01-01)' })], today).score).toBe(0.5);
    const thb = deMinimisAnswer('X', [dm({ amount: '1500', amount_value: 1500, currency: 'THB', usd_approx: null })], today);
    expect(thb.score).toBeNull();
    expect(thb.explanation).toMatch(/no USD figure/);
    // Tax-only rows say nothing about the duty threshold: unknown, not 1.
    expect(deMinimisAnswer('X', [dm({ kind: 'tax' })], today).score).toBeNull();
    expect(deMinimisAnswer('X', [], today).score).toBeNull();
    // A regime the source calls "not a true de minimis" is not one.
    expect(deMinimisAnswer('X', [dm({ amount: '5000', usd_approx: 720, notes: 'Preferential CBEC regime (not a true de minimis)' })], today).score).toBeNull();
  });

  it('treaty answers carry their source; unknown stays unknown; a flagged cyberlaw value is not used', () => {
    const treaties = [
      { iso3: 'AAA', instrument: 'wipo_pct', status: 'party', date: '2000-01-01', source_id: 's1' },
      { iso3: 'AAA', instrument: 'wipo_wct', status: 'signatory', date: null, source_id: 's2' },
      { iso3: 'AAA', instrument: 'ita_i', status: 'participant', date: null, source_id: 's3' },
      { iso3: 'AAA', instrument: 'ita_ii', status: 'unknown', date: null, source_id: 's3' },
      { iso3: 'AAA', instrument: 'un_ecc_2005', status: 'unknown', date: null, source_id: 's4' },
      { iso3: 'AAA', instrument: 'uncitral_mlec_1996', status: 'not_enacted', date: null, source_id: 's5' },
    ];
    const cyberlaw = [
      { iso3: 'AAA', area: 'Electronic Transactions', status: 'Legislation', flagged: null, source_id: 'c' },
      { iso3: 'AAA', area: 'Consumer Protection', status: 'No Legislation', flagged: 'law exists', source_id: 'c' },
    ];
    const by = new Map(deriveAnswers('AAA', { treaties, deMinimis: [], cyberlaw, today: '2025-01-01' }).map((a) => [a.indicator_id, a]));
    expect(by.get('4.4')).toMatchObject({ score: 0, source_ids: ['s1'] });
    expect(by.get('4.7')).toMatchObject({ score: 1, source_ids: ['s2'] });
    expect(by.get('4.8')!.score).toBeNull(); // no row at all
    expect(by.get('1.3')!.score).toBeNull(); // ITA I yes, ITA II not confirmed: 0 or 0.5
    expect(by.get('12.10')!.score).toBeNull();
    expect(by.get('12.11')).toMatchObject({ score: 0.5, source_ids: ['s5', 'c'] });
    expect(by.get('12.9')!.score).toBeNull();
    expect(by.get('12.9')!.explanation).toMatch(/flagged/);
    expect(by.get('12.5')!.score).toBeNull();
  });
});

describe('regulation importers and the cyberlaw connector (DuckDB)', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase('duckdb');
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    dir = mkdtempSync(join(tmpdir(), 'puente-reg-'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the shared regulation folder: tracker (36 x 5), laws, treaties, de minimis', async () => {
    const report = await runImport(db, importers, [REG], { now: NOW });
    expect(report.files.map((f) => f.importer).sort()).toEqual(['regulation/cyberlaw', 'regulation/cyberlaw', 'regulation/de-minimis', 'regulation/digital-stri', 'regulation/escap-measures', 'regulation/legal-inventory', 'regulation/treaties']);
    // Every file of the folder is read: none is skipped (escap.test.ts and stri/ingest.test.ts test them).
    const { statuses, laws } = await listCyberlaw(db.kysely);
    expect(statuses).toHaveLength(180);
    expect(new Set(statuses.map((s) => s.iso3)).size).toBe(36);
    // Singapore's consumer protection: the source's value, flagged, not fixed.
    const sgp = statuses.find((s) => s.iso3 === 'SGP' && s.area === 'Consumer Protection')!;
    expect(sgp.status).toBe('No Legislation');
    expect(sgp.flagged).toMatch(/Fair Trading/);
    expect(statuses.filter((s) => s.flagged)).toHaveLength(1);
    expect(laws.length).toBeGreaterThan(100);
    expect(laws.every((l) => /^https?:\/\//.test(l.url) || l.url.length > 0)).toBe(true);
    expect(await listTreaties(db.kysely)).toHaveLength(468);
    const dmRows = await listDeMinimis(db.kysely);
    expect(dmRows).toHaveLength(57);
    const chn = dmRows.find((r) => r.iso3 === 'CHN' && r.amount.startsWith('5000'))!;
    expect(chn.usd_approx).toBe(720);
    expect(chn.notes).toMatch(/usd_approx as given: 720 \/ 3744/);
    expect(dmRows.find((r) => r.iso3 === 'MNG')!.amount_value).toBeNull();
  });

  it('refuses a treaty status outside the instrument\'s vocabulary, naming file, line and field', async () => {
    const file = join(dir, 'treaties.csv');
    writeFileSync(file, 'iso3,instrument,status,date,source_url,source_date,notes\nPER,wipo_pct,party,,https://x.org,2025,\nPER,wipo_wct,maybe,,https://x.org,2025,\n');
    const err = await runImport(db, importers, [file], { now: NOW }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).issues).toEqual([expect.objectContaining({ line: 3, field: 'status', message: expect.stringMatching(/not a status of wipo_wct/) })]);
  });

  it('imports measure records from CSV, checked against the framework, each write audited', async () => {
    const bad = join(dir, 'bad-measures.csv');
    writeFileSync(bad, 'iso3,indicator_id,category_id,title,coverage,status\nPER,12.5,12.5.z,Ley,horizontal,in_force\nPER,99.9,,Ley,horizontal,in_force\n');
    const err = (await runImport(db, importers, [bad], { now: NOW }).catch((e) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.issues.map((i) => [i.line, i.field])).toEqual([[2, 'category_id'], [3, 'indicator_id']]);
    expect(await listMeasures(db.kysely)).toEqual([]);

    const good = join(dir, 'measures.csv');
    writeFileSync(
      good,
      'id,iso3,indicator_id,category_id,title,coverage,status,urls,in_force_since\n' +
        'per-dp,PER,7.1,7.1.c,Ley 29733 de Proteccion de Datos Personales,horizontal,in_force,https://a.pe/1; https://a.pe/2,2011-07-03\n' +
        'per-draft,PER,6.2,6.2.a,Proyecto de ley,sector,pending,,\n',
    );
    const report = await runImport(db, importers, [good], { now: NOW });
    expect(report.files).toEqual([{ file: good, importer: 'regulation/measures', rows: 2 }]);
    const rows = await listMeasures(db.kysely);
    expect(rows.map((r) => [r.id, r.status, r.framework_version])).toEqual([['per-draft', 'pending', 'rdtii-2.1'], ['per-dp', 'in_force', 'rdtii-2.1']]);
    expect(rows.find((r) => r.id === 'per-dp')!.urls).toEqual(['https://a.pe/1', 'https://a.pe/2']);
    const audit = await listAudit(db.kysely);
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.action === 'import' && a.actor === 'import:measures.csv' && a.before === null)).toBe(true);
    // The same file again changes nothing and records nothing.
    await runImport(db, importers, [good], { now: NOW });
    expect(await listAudit(db.kysely)).toHaveLength(2);
  });

  it('the connector syncs the tracker from a (fake) public file, writing the same rows', async () => {
    const served: string[] = [];
    const fakeFetch = (async (url: string) => {
      served.push(String(url));
      const name = String(url).endsWith('.json') ? 'document_links.json' : 'data.csv';
      return new Response(readFileSync(join(REG, 'cyberlaw', name), 'utf8'), { status: 200 });
    }) as unknown as typeof fetch;
    const ctx = { db, config: loadConfig({}), log: silentLog, clock, fetch: fakeFetch } as AppContext;
    const before = await listCyberlaw(db.kysely);
    const report = await syncCyberlaw(ctx);
    expect(served).toHaveLength(2);
    expect(report).toMatchObject({ economies: 36, statuses: 180 });
    expect(report.laws).toBe(before.laws.length);
    const after = await listCyberlaw(db.kysely);
    expect(after.statuses).toEqual(before.statuses);
  });

  it('offline, the connector fails with an upstream error and writes nothing', async () => {
    const offline = (() => Promise.reject(new Error('getaddrinfo ENOTFOUND'))) as unknown as typeof fetch;
    const ctx = { db, config: loadConfig({}), log: silentLog, clock, fetch: offline } as AppContext;
    const before = await listCyberlaw(db.kysely);
    await expect(syncCyberlaw(ctx)).rejects.toBeInstanceOf(UpstreamError);
    const notCsv = (async () => new Response('<html>rate limited</html>', { status: 200 })) as unknown as typeof fetch;
    await expect(syncCyberlaw({ ...ctx, fetch: notCsv })).rejects.toThrow(/not the tracker's CSV/);
    expect(await listCyberlaw(db.kysely)).toEqual(before);
  });
});
