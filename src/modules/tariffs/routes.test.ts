import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { csvRecords } from '../../../test/support/csv.js';
import { engines } from '../../../test/support/engines.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { ImportError } from '../../platform/ingest/report.js';
import { tariffAnswer } from './index.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const TARIFFS = join(SHARED_DATA, 'tariffs');
const EDITION = join(TARIFFS, 'jpn-customs-2026-07-09', 'tariffdata');
const CHAPTERS = readdirSync(EDITION).filter((f) => /^j_\d{2}_tariff_data\.json$/.test(f));
const FILES = ['countries', 'tariffs', 'codelists/hs2022_full.csv', 'directory', 'indicators/fx_official_fealac.csv'].map((p) => join(SHARED_DATA, p));

// Expected values read from the shared files themselves.
function ratedNodes(): number {
  let n = 0;
  const walk = (node: any): void => {
    if (Object.keys(node.rate ?? {}).length) n++;
    (node.children ?? []).forEach(walk);
  };
  for (const f of CHAPTERS) JSON.parse(readFileSync(join(EDITION, f), 'utf8')).forEach(walk);
  return n;
}
const csv = (file: string) => csvRecords(readFileSync(file, 'utf8'));
const links = csv(join(TARIFFS, 'tariff_lookup_links.csv'));
const directory = csv(join(SHARED_DATA, 'directory', 'directory.csv'));
const jpyPerUsd = (year: number) => {
  const rows = csv(join(SHARED_DATA, 'indicators', 'fx_official_fealac.csv')).filter((r) => r.iso3 === 'JPN' && Number(r.year) <= year);
  return rows.sort((a, b) => Number(b.year) - Number(a.year))[0];
};

const tmp = mkdtempSync(join(tmpdir(), 'puente-tariffs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(engines)('tariffs on %s', (engine) => {
  const setup = appsPerEngine(NOW, async (ctx) => {
    await importFiles(ctx, FILES);
  });
  beforeAll(() => setup(engine), 300_000);

  it('imports the edition whole: every rated line of every chapter, with edition, publisher and licence', async () => {
    const { app } = await setup(engine);
    const body = await json(app, '/api/tariffs/editions');
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ id: 'JPN-2026-07-09', destination: 'JPN', edition: '2026-07-09', lines: ratedNodes(), chapters: CHAPTERS.length });
    expect(body.rows[0].licence).toMatch(/Copyright Act/);
    expect(body.sources[0].publisher).toMatch(/Japan Customs/);
  });

  it('Peru -> Japan, roasted coffee 0901.21: WTO 12 % applied, free under the Japan–Peru EPA, English description, duty in yen and US$', async () => {
    const { app } = await setup(engine);
    const body = await json(app, '/api/tariffs/JPN/0901.21?origin=PER&value=1000&currency=USD');
    expect(body.schedule).toMatchObject({ edition: '2026-07-09', editions: ['2026-07-09'] });
    expect(body.lines.map((l: any) => l.code)).toEqual(['0901.21.000']);
    const line = body.lines[0];
    expect(line.description).toBe('Coffee; roasted, not decaffeinated');
    expect(line.mfn).toMatchObject({ column: 'wto', text: '12%', parsed: { kind: 'ad_valorem', percent: 12 } });
    expect(line.preferential.find((p: any) => p.agreement === 'epa_per')).toMatchObject({ name: 'Japan–Peru Economic Partnership Agreement', text: '無税', parsed: { kind: 'free' } });
    const fx = jpyPerUsd(2026);
    expect(line.duty).toMatchObject({ destinationCurrency: 'JPY', usd: 120, rateDate: fx.year, missing: null });
    expect(line.duty.amount).toBeCloseTo(120 * Number(fx.value), 1);
    expect(line.duty_preferential).toMatchObject({ amount: 0, usd: 0, basis: 'preferential' });
    // what you see is what you download
    const rows = csvRecords(await (await get(app, '/api/tariffs/JPN/0901.21.csv?origin=PER&value=1000&currency=USD')).text());
    expect(rows).toHaveLength(body.rows.length);
    expect(rows[0]).toMatchObject({ code: '0901.21.000', rate: 'mfn_applied', text: '12%', percent: '12' });
    expect(rows.find((r) => r.rate === 'epa_per')).toMatchObject({ text: '無税', kind: 'free', origin_may_claim: 'true' });
    const meta = await json(app, '/api/tariffs/JPN/0901.21.metadata.json?origin=PER');
    expect(JSON.stringify(meta)).toContain('2026-07-09');
    expect(JSON.stringify(meta)).toContain('Copyright Act');
  });

  it('a destination without a schedule: "Puente has no open tariff schedule", the official link and the customs agency, no line and no zero', async () => {
    const { app } = await setup(engine);
    const body = await json(app, '/api/tariffs/MEX/0901.21?origin=PER&value=1000');
    expect(body.schedule).toBeNull();
    expect(body.message).toBe('Puente has no open tariff schedule for Mexico');
    expect(body.reason).toBe('no_schedule');
    expect(body.official_link.url).toBe(links.find((l) => l.iso3 === 'MEX' && l.kind === 'tariff_schedule')!.url);
    const customs = directory.find((d) => d.iso3 === 'MEX' && d.role === 'customs')!;
    expect(body.agency.name).toBe(customs.name_en);
    expect(body.lines).toEqual([]);
    expect(body.rows).toEqual([]);
    // no link in the list: the agency alone
    const arg = await json(app, '/api/tariffs/ARG/0901.21');
    expect(links.some((l) => l.iso3 === 'ARG')).toBe(false);
    expect(arg.official_link).toBeNull();
    expect(arg.agency.name).toBe(directory.find((d) => d.iso3 === 'ARG' && d.role === 'customs')!.name_en);
  });

  it('bad input is a 400 naming the parameter, never a 500', async () => {
    const { app } = await setup(engine);
    for (const [path, word] of [['/api/tariffs/XXX/0901.21', 'iso3'], ['/api/tariffs/JPN/09x1', 'hs'], ['/api/tariffs/JPN/0901.21?origin=ZZZ', 'origin'], ['/api/tariffs/JPN/0901.21?value=-3', 'value'], ['/api/tariffs/JPN/0901.21?date=tomorrow', 'date']] as const) {
      const res = await get(app, path);
      expect(res.status, path).toBe(400);
      expect(JSON.stringify(await res.json()), path).toContain(word);
    }
  });
});

describe('editions side by side, all or nothing', () => {
  const setup = appsPerEngine(NOW, async (ctx) => {
    await importFiles(ctx, FILES);
  });
  beforeAll(() => setup('duckdb'), 300_000);

  it('a newer edition is imported beside the old; the answer names the edition in force on a date', async () => {
    const { app, ctx } = await setup('duckdb');
    const newer = join(tmp, 'jpn-customs-2027-04-01', 'tariffdata');
    mkdirSync(newer, { recursive: true });
    const text = readFileSync(join(EDITION, 'j_09_tariff_data.json'), 'utf8');
    const data = JSON.parse(text);
    const coffee = data[0].children.flatMap((c: any) => c.children).find((n: any) => n.stat_code === '0901.21');
    expect(coffee.rate['WTO協定']).toBe('12%');
    coffee.rate['WTO協定'] = '10%';
    writeFileSync(join(newer, 'j_09_tariff_data.json'), JSON.stringify(data, null, 2));
    await importFiles(ctx, [join(tmp, 'jpn-customs-2027-04-01')]);
    const eds = await json(app, '/api/tariffs/editions');
    expect(eds.rows.map((r: any) => r.edition)).toEqual(['2026-07-09', '2027-04-01']);
    const at = async (date?: string) => (await json(app, `/api/tariffs/JPN/0901.21${date ? `?date=${date}` : ''}`));
    expect((await at('2027-01-15')).schedule.edition).toBe('2026-07-09');
    expect((await at('2027-01-15')).lines[0].mfn.text).toBe('12%');
    expect((await at('2027-05-01')).lines[0].mfn.text).toBe('10%');
    expect((await at()).schedule.edition).toBe('2027-04-01');
    const before = await at('2026-01-01');
    expect(before.schedule).toBeNull();
    expect(before.message).toMatch(/in force on 2026-01-01/);
    expect(before.reason).toBe('no_edition');
    expect((await json(app, '/api/tariffs/JPN/0904?date=2027-01-15')).reason).toBeNull();
    const none = await json(app, '/api/tariffs/JPN/9999');
    expect(none).toMatchObject({ reason: 'no_line', lines: [] });
    // The function the export assistant calls answers the same.
    const a = await tariffAnswer(ctx.db.kysely, { destination: 'JPN', origin: 'PER', hs: '090121', date: '2027-01-15' });
    expect(a.schedule?.edition).toBe('2026-07-09');
    expect(a.lines[0].preferential.find((p) => p.agreement === 'epa_per')?.text).toBe('無税');
  });

  it('a bad chapter file stops the whole import, named by file, line and field', async () => {
    const { app, ctx } = await setup('duckdb');
    const bad = join(tmp, 'jpn-customs-2028-04-01', 'tariffdata');
    mkdirSync(bad, { recursive: true });
    cpSync(join(EDITION, 'j_01_tariff_data.json'), join(bad, 'j_01_tariff_data.json'));
    const text = readFileSync(join(EDITION, 'j_09_tariff_data.json'), 'utf8').replace('"基本": "20%"', '"基本": 20');
    writeFileSync(join(bad, 'j_09_tariff_data.json'), text);
    const line = text.slice(0, text.indexOf('"基本": 20')).split('\n').length;
    const statLine = text.slice(0, text.lastIndexOf('"stat_code"', text.indexOf('"基本": 20'))).split('\n').length;
    expect(statLine).toBeLessThan(line);
    const err = await importFiles(ctx, [join(tmp, 'jpn-customs-2028-04-01')]).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.issues[0]).toMatchObject({ line: statLine, field: 'rate.基本' });
    expect(err.issues[0].file).toContain('j_09_tariff_data.json');
    expect((await json(app, '/api/tariffs/editions')).rows.map((r: any) => r.edition)).not.toContain('2028-04-01');
    // a folder that names no edition
    const loose = join(tmp, 'loose');
    mkdirSync(loose, { recursive: true });
    cpSync(join(EDITION, 'j_01_tariff_data.json'), join(loose, 'j_01_tariff_data.json'));
    const err2 = await importFiles(ctx, [loose]).catch((e) => e);
    expect(err2.issues[0]).toMatchObject({ field: 'edition' });
  });
});
