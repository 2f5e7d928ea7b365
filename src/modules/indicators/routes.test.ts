// The indicators API over the shared indicator files, on both engines: numbers come out at their
// real precision, and the FEALAC median is given only where enough economies have a value, always
// with its n (issue #16.7). Expected values are worked out from the files themselves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { csvRecords } from '../../../test/support/csv.js';
import { engines } from '../../../test/support/engines.js';
import { INDICATORS_DIR, sharedIndicators } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { memberCodes } from '../countries/index.js';
import { median } from './compute.js';

const NOW = new Date('2025-05-01T10:00:00Z');
const setup = appsPerEngine(NOW, async (ctx) => {
  await importFiles(ctx, [INDICATORS_DIR]);
});

/** Every value the files give, by indicator, as text. */
function fileValues(): Map<string, { iso3: string; year: number; text: string }[]> {
  const out = new Map<string, { iso3: string; year: number; text: string }[]>();
  for (const { file } of sharedIndicators().files) {
    for (const r of csvRecords(readFileSync(file, 'utf8'))) {
      const list = out.get(r.indicator_code) ?? [];
      list.push({ iso3: r.iso3, year: Number(r.year), text: r.value.trim() });
      out.set(r.indicator_code, list);
    }
  }
  return out;
}
const significant = (text: string) => text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;

describe.each(engines)('indicators API on %s', (engine) => {
  it('every CSV value equals the file\'s value numerically, with no float noise', async () => {
    const { app } = await setup(engine);
    const values = fileValues();
    expect(values.size).toBeGreaterThan(0);
    for (const [code, list] of values) {
      const res = await get(app, `/api/indicators/${code}.csv`);
      expect(res.status, code).toBe(200);
      const got = new Map(csvRecords(await res.text()).map((r) => [`${r.iso3}|${r.year}`, r.value]));
      for (const v of list) {
        const out = got.get(`${v.iso3}|${v.year}`);
        expect(out, `${code} ${v.iso3} ${v.year}`).toBeDefined();
        expect(Number(out), `${code} ${v.iso3} ${v.year}: file ${v.text}`).toBe(Number(v.text));
        expect(significant(out!), `${code} ${v.iso3} ${v.year}: file ${v.text}, CSV ${out}`).toBeLessThanOrEqual(Math.max(1, significant(v.text)));
      }
    }
  });

  it('the FEALAC median of a profile carries its n, and is empty below the minimum number of economies', async () => {
    const { app, ctx } = await setup(engine);
    const min = ctx.config.PUENTE_MEDIAN_MIN_ECONOMIES;
    const members = new Set(await memberCodes(ctx.db.kysely));
    const values = fileValues();
    let below = 0;
    let above = 0;
    for (const code of ['FINDEX.account_t_d', 'IT.NET.USER.ZS'].filter((c) => values.has(c))) {
      const byYear = new Map<number, number[]>();
      for (const v of values.get(code)!) if (members.has(v.iso3)) byYear.set(v.year, [...(byYear.get(v.year) ?? []), Number(v.text)]);
      const body = await json(app, `/api/countries/ARG/profile?indicator=${code}`);
      expect(body.median_min_economies).toBe(min);
      const medians = body.rows.filter((r: { series: string }) => r.series === 'FEALAC_MEDIAN');
      expect(medians.map((r: { year: number }) => r.year).sort()).toEqual([...byYear.keys()].sort());
      const csv = new Map(csvRecords(await (await get(app, `/api/countries/ARG/profile.csv?indicator=${code}`)).text()).filter((r) => r.series === 'FEALAC_MEDIAN').map((r) => [Number(r.year), r]));
      for (const m of medians) {
        const xs = byYear.get(m.year)!;
        expect(m.n, `${code} ${m.year}`).toBe(xs.length);
        expect(Number(csv.get(m.year)!.n)).toBe(xs.length);
        if (xs.length < min) {
          below++;
          expect(m.value, `${code} ${m.year}: n = ${xs.length} < ${min}`).toBeNull();
          expect(csv.get(m.year)!.value).toBe('');
        } else {
          above++;
          expect(m.value, `${code} ${m.year}`).toBeCloseTo(median(xs)!, 9);
          expect(Number(csv.get(m.year)!.value)).toBeCloseTo(median(xs)!, 9);
        }
      }
    }
    // The shared files hold both cases (e.g. account ownership: 2021 from about 30 economies, 2022 from 3).
    expect(below).toBeGreaterThan(0);
    expect(above).toBeGreaterThan(0);
  });

  it('the readiness median says how many economies it spans, and the metadata download carries it', async () => {
    const { app, ctx } = await setup(engine);
    const body = await json(app, '/api/readiness');
    const scored = body.rows.filter((r: { score: number | null }) => r.score !== null);
    expect(body.medianN).toBe(scored.length);
    expect(body.minEconomies).toBe(ctx.config.PUENTE_MEDIAN_MIN_ECONOMIES);
    if (scored.length >= body.minEconomies) expect(body.median).toBeCloseTo(median(scored.map((r: { score: number }) => r.score))!, 9);
    else expect(body.median).toBeNull();
    const meta = await json(app, '/api/readiness.metadata.json');
    expect(meta.fields.medianN).toBe(scored.length);
    expect(meta.fields.median).toBe(body.median);
  });
});
