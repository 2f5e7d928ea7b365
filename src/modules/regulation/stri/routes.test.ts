import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../../test/support/app.js';
import { csvRecords } from '../../../../test/support/csv.js';
import { engines } from '../../../../test/support/engines.js';
import { importFiles } from '../../../bootstrap.js';
import { MEMBERS } from '../../countries/index.js';
import { median } from './compute.js';
import { NOT_COVERED } from './schema.js';
// The API writes numbers at 15 significant digits (what a double holds exactly): compare likewise.
import { precise } from '../../../platform/http/render.js';

// The Digital STRI API in process over the shared file, on both engines; expectations come from the file.
const DIR = fileURLToPath(new URL('../../../../../shared/data/regulation/oecd-digital-stri/', import.meta.url));
const records = csvRecords(readFileSync(`${DIR}digital_stri_2020_2024.csv`, 'utf8'));
const covered = [...new Set(records.map((r) => r.iso3))].sort();
const members = Object.keys(MEMBERS).sort();
const notCovered = members.filter((m) => !covered.includes(m));
const latest = Math.max(...records.map((r) => Number(r.year)));
const overall = (year: number) => records.filter((r) => r.measure_code === 'STRI' && Number(r.year) === year);

const setup = appsPerEngine(new Date('2026-01-15T09:00:00Z'), async (ctx) => {
  await importFiles(ctx, [DIR]);
});
const empty = appsPerEngine(new Date('2026-01-15T09:00:00Z'), async () => {});

describe.each(engines)('Digital STRI routes on %s', (engine) => {
  it('premise: the OECD covers fewer economies than the 36 members', () => {
    expect(notCovered.length).toBeGreaterThan(0);
    expect(notCovered).toEqual(expect.arrayContaining(['MNG', 'MMR', 'CUB', 'SUR', 'VEN']));
  });

  it('/api/regulation/digital-stri: every value, with filters, sources and the members not covered', async () => {
    const { app } = await setup(engine);
    const all = await json(app, '/api/regulation/digital-stri?_size=max');
    expect(all.rows).toHaveLength(records.length);
    expect(all.not_covered).toEqual(notCovered);
    expect(all.loaded).toBe(true);
    expect(all.sources[0]).toMatchObject({ publisher: 'OECD' });
    expect(all.rows.slice(0, 6).map((r: { measure: string }) => r.measure)).toEqual(['STRI', 'CLAS1_6', 'CLAS1_7', 'CLAS1_8', 'CLAS1_9', 'CLAS1_10']);

    const some = await json(app, '/api/regulation/digital-stri?country=CHL~PER~VEN&time=2022..2024&area=STRI');
    const expected = records.filter((r) => ['CHL', 'PER', 'VEN'].includes(r.iso3) && Number(r.year) >= 2022 && r.measure_code === 'STRI');
    expect(some.rows).toHaveLength(expected.length);
    expect(some.rows.map((r: { value: number }) => r.value)).toEqual(expected.map((r) => precise(Number(r.value))));
    expect(some.not_covered).toEqual(['VEN']);
  });

  it('its CSV twin holds the same rows; .metadata.json and .zip carry the OECD source and licence', async () => {
    const { app } = await setup(engine);
    const res = await get(app, '/api/regulation/digital-stri.csv?country=CHL~PER');
    expect(res.status).toBe(200);
    const csv = csvRecords(await res.text());
    const expected = records.filter((r) => ['CHL', 'PER'].includes(r.iso3));
    expect(csv).toHaveLength(expected.length);
    expect(Object.keys(csv[0])).toEqual(['iso3', 'year', 'measure', 'area', 'value', 'source_id']);
    const meta = await json(app, '/api/regulation/digital-stri.metadata.json?country=CHL~PER');
    expect(meta.sources[0].publisher).toBe('OECD');
    expect(meta.licenses).toEqual([...new Set(records.map((r) => r.licence_as_stated))]);
    const zip = await get(app, '/api/regulation/digital-stri.zip?country=CHL~PER');
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
  });

  it('/api/regulation/digital-stri/ranking: least restrictive first, the FEALAC median with its n, the uncovered listed apart', async () => {
    const { app, ctx } = await setup(engine);
    const body = await json(app, '/api/regulation/digital-stri/ranking');
    expect(body.year).toBe(latest);
    const values = overall(latest).map((r) => Number(r.value));
    expect(body.median).toEqual({ median: precise(median(values)!), n: values.length, min_n: ctx.config.PUENTE_STRI_MEDIAN_MIN_N, enough_data: values.length >= ctx.config.PUENTE_STRI_MEDIAN_MIN_N });
    expect(body.median.enough_data).toBe(true);
    const ranked = body.rows.filter((r: { rank: number | null }) => r.rank !== null);
    expect(ranked).toHaveLength(values.length);
    expect(ranked.map((r: { stri: number }) => r.stri)).toEqual([...values].sort((a, b) => a - b).map(precise));
    const apart = body.rows.slice(ranked.length);
    expect(apart.map((r: { iso3: string }) => r.iso3)).toEqual(notCovered);
    for (const r of apart) expect(r).toMatchObject({ rank: null, coverage: 'not_covered', stri: null });

    const y2020 = await json(app, '/api/regulation/digital-stri/ranking?year=2020');
    expect(y2020.median.n).toBe(overall(2020).length);
    const missingYear = await get(app, '/api/regulation/digital-stri/ranking?year=1999');
    expect(missingYear.status).toBe(404);
    expect((await missingYear.json()).error).toMatch(/No Digital STRI values for 1999/);
  });

  it('/api/regulation/digital-stri/{iso3}: one row per year; a member not covered says so, with no zeros', async () => {
    const { app } = await setup(engine);
    const chl = await json(app, '/api/regulation/digital-stri/chl');
    const chlStri = records.filter((r) => r.iso3 === 'CHL' && r.measure_code === 'STRI');
    expect(chl.covered).toBe(true);
    expect(chl.rows.map((r: { year: number; stri: number }) => [r.year, r.stri])).toEqual(chlStri.map((r) => [Number(r.year), precise(Number(r.value))]));
    const row = chl.rows[0];
    const sum = row.infrastructure + row.electronic_transactions + row.payment_systems + row.intellectual_property + row.other_barriers;
    expect(Math.abs(sum - row.stri)).toBeLessThan(1e-6);

    const ven = await json(app, '/api/regulation/digital-stri/VEN');
    expect(ven).toMatchObject({ rows: [], covered: false, note: `VEN is ${NOT_COVERED}` });
    expect(ven.sources.map((s: { publisher: string }) => s.publisher)).toEqual(['OECD']); // who says it is not covered
    const venCsv = await get(app, '/api/regulation/digital-stri/VEN.csv');
    expect((await venCsv.text()).trim().split('\n')).toHaveLength(1); // the header, and no row of zeros

    expect((await get(app, '/api/regulation/digital-stri/USA')).status).toBe(404);
  });

  it('answers 400 for bad parameters, never 500', async () => {
    const { app } = await setup(engine);
    for (const path of ['/api/regulation/digital-stri?area=CLAS9', '/api/regulation/digital-stri?country=XX', '/api/regulation/digital-stri/ranking?year=20x4', '/api/regulation/digital-stri?time=2024..2020']) {
      const res = await get(app, path);
      expect(res.status, path).toBe(400);
    }
    // A filter naming no member is a bad request that names the parameter (not "no data", not 404).
    const usa = await get(app, '/api/regulation/digital-stri?country=USA');
    expect(usa.status).toBe(400);
    expect((await usa.json()).error).toMatch(/country.*USA/);
  });

  it('with nothing loaded: no ranking, and no member called "not covered"', async () => {
    const { app } = await empty(engine);
    const list = await json(app, '/api/regulation/digital-stri');
    expect(list).toMatchObject({ rows: [], loaded: false, not_covered: [] });
    const ranking = await json(app, '/api/regulation/digital-stri/ranking');
    expect(ranking).toMatchObject({ rows: [], year: null, median: { median: null, n: 0, enough_data: false } });
    const one = await json(app, '/api/regulation/digital-stri/PER');
    expect(one).toMatchObject({ rows: [], covered: null });
  });
});
