import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { JPN_COLUMNS } from './agreements.js';
import { applyMfn, bestPreferential, dutyOf, editionInForce, flattenChapter, parseRate, preferentialFor, type LineRow } from './compute.js';

// Real lines of Japan's schedule (../shared/data/tariffs), read through the importer's own flattening.
const DIR = join(SHARED_DATA, 'tariffs', 'jpn-customs-2026-07-09', 'tariffdata');
function chapter(nn: string): LineRow[] {
  const file = join(DIR, `j_${nn}_tariff_data.json`);
  const text = readFileSync(file, 'utf8');
  const { rows, issues } = flattenChapter(JSON.parse(text), text, file, nn, JPN_COLUMNS);
  expect(issues).toEqual([]);
  return rows;
}
const line = (code: string, nth = 0) => {
  const found = chapter(code.slice(0, 2)).filter((r) => r.code === code && r.leaf);
  expect(found.length, code).toBeGreaterThan(nth);
  return found[nth];
};
const answer = (code: string, origin: string | null, nth = 0) => {
  const l = line(code, nth);
  return { l, mfn: applyMfn(JPN_COLUMNS, l.rates, l.inherited), prefs: preferentialFor(JPN_COLUMNS, l.rates, origin) };
};
const pref = (prefs: ReturnType<typeof preferentialFor>, id: string) => prefs.find((p) => p.agreement === id);

describe('parseRate reads the plain forms and nothing else', () => {
  it('free, ad valorem, specific, brackets, empty', () => {
    expect(parseRate('無税')).toMatchObject({ kind: 'free', bracketed: false });
    expect(parseRate('(無税)')).toMatchObject({ kind: 'free', bracketed: true });
    expect(parseRate('7.5%')).toMatchObject({ kind: 'ad_valorem', percent: 7.5 });
    expect(parseRate('(361円/kg)')).toMatchObject({ kind: 'specific', amount: 361, currency: 'JPY', unit: 'kg', bracketed: true });
    expect(parseRate('1,150円/kg')).toMatchObject({ kind: 'specific', amount: 1150 });
    expect(parseRate('')).toBeNull();
    expect(parseRate('   ')).toBeNull();
  });
  it('alternatives, quotas and marks are "not parsed", never a guess', () => {
    for (const t of ['35%又は27円/kgのうちいずれか高い税率', '関税割当数量以内のもの　5%', '●無税又は非譲許', '◎無税', '*(361円/kg)', '10%＋100円/kg', '(無税）〜（9%)', '5円/トン'])
      expect(parseRate(t), t).toMatchObject({ kind: 'not_parsed', percent: null, amount: null });
  });
});

describe('Japan, edition 2026-07-09: real lines', () => {
  it('0901.11 (coffee, not roasted): free everywhere', () => {
    const { mfn, prefs } = answer('0901.11.000', 'PER');
    expect(mfn).toMatchObject({ column: 'general', text: '無税', parsed: { kind: 'free' } });
    expect(mfn.rule).toMatch(/brackets/);
    expect(pref(prefs, 'epa_per')).toMatchObject({ text: '無税', parsed: { kind: 'free' } });
    expect(pref(prefs, 'cptpp')).toMatchObject({ text: '無税' });
  });

  it('0901.21 (roasted coffee): general 20 %, WTO 12 % applied, GSP 10 %, free under the Peru and Mexico EPAs, 7.5 % under RCEP for China', () => {
    const { l, mfn, prefs } = answer('0901.21.000', 'PER');
    expect(l.rates['基本']).toBe('20%');
    expect(parseRate(l.rates['特恵'])).toMatchObject({ kind: 'ad_valorem', percent: 10 });
    expect(mfn).toMatchObject({ column: 'wto', text: '12%', parsed: { kind: 'ad_valorem', percent: 12 } });
    expect(pref(prefs, 'epa_per')).toMatchObject({ name: 'Japan–Peru Economic Partnership Agreement', text: '無税', parsed: { kind: 'free' } });
    expect(prefs.every((p) => /rules of origin/.test(p.note))).toBe(true);
    expect(pref(preferentialFor(JPN_COLUMNS, l.rates, 'MEX'), 'epa_mex')).toMatchObject({ text: '無税' });
    const china = preferentialFor(JPN_COLUMNS, l.rates, 'CHN');
    expect(china.map((p) => p.agreement)).toEqual(['rcep_chn']);
    expect(china[0]).toMatchObject({ text: '7.5%', parsed: { percent: 7.5 } });
    // Chile: its own EPA lists no concession for the line (null, not free), CPTPP does.
    const chile = preferentialFor(JPN_COLUMNS, l.rates, 'CHL');
    expect(pref(chile, 'epa_chl')).toMatchObject({ text: null, parsed: null });
    expect(pref(chile, 'cptpp')).toMatchObject({ text: '無税' });
    expect(bestPreferential(chile)?.agreement).toBe('cptpp');
    // An economy with no agreement with Japan claims nothing.
    expect(preferentialFor(JPN_COLUMNS, l.rates, 'ARG')).toEqual([]);
  });

  it('0902.10 (green tea): WTO 17 % applied, free for Peru', () => {
    const { mfn, prefs } = answer('0902.10.000', 'PER');
    expect(mfn).toMatchObject({ column: 'wto', parsed: { percent: 17 } });
    expect(pref(prefs, 'epa_per')?.parsed?.kind).toBe('free');
  });

  it('0803.90.200 (dried bananas): WTO 3 %; free under the Philippines EPA', () => {
    const { mfn, prefs } = answer('0803.90.200', 'PHL');
    expect(mfn).toMatchObject({ column: 'wto', parsed: { percent: 3 } });
    expect(pref(prefs, 'epa_phl')?.parsed?.kind).toBe('free');
  });

  it('1604.14.091 (katsuobushi): the general rate 9.6 % printed on heading 1604.14 applies (WTO bracketed), free for Peru', () => {
    const { l, mfn, prefs } = answer('1604.14.091', 'PER');
    expect(l.inherited['基本']).toBe('1604.14');
    expect(mfn).toMatchObject({ column: 'general', text: '9.6%', parsed: { percent: 9.6 } });
    expect(pref(prefs, 'epa_per')?.text).toBe('無税');
  });

  it('2204.21.010 (fortified wine): a specific duty, WTO 112 yen per litre; 50.91 yen/l under RCEP for China', () => {
    const { mfn, prefs } = answer('2204.21.010', 'CHN');
    expect(mfn).toMatchObject({ column: 'wto', text: '112円/l', parsed: { kind: 'specific', amount: 112, currency: 'JPY', unit: 'l' } });
    expect(pref(prefs, 'rcep_chn')?.parsed).toMatchObject({ kind: 'specific', amount: 50.91 });
    const duty = dutyOf(mfn.parsed, 1000, { valueLcuPerUsd: 1, destinationLcuPerUsd: 150, rateYear: 2025, missing: null }, 'JPY', 'mfn', null);
    expect(duty.amount).toBeNull();
    expect(duty.missing).toMatch(/quantity/);
  });

  it('2009.49.190 (juice): the WTO column applies but its text is an alternative, shown verbatim as "not parsed"', () => {
    const { mfn } = answer('2009.49.190', null);
    expect(mfn.column).toBe('wto');
    expect(mfn.text).toContain('いずれか高い税率');
    expect(mfn.parsed?.kind).toBe('not_parsed');
  });

  it('6109.10.020 (cotton T-shirts): WTO 7.4 %; RCEP China 4.6 %', () => {
    const { mfn, prefs } = answer('6109.10.020', 'CHN');
    expect(mfn).toMatchObject({ column: 'wto', parsed: { percent: 7.4 } });
    expect(pref(prefs, 'rcep_chn')?.parsed?.percent).toBe(4.6);
  });

  it('6109.10.010: the WTO rate in brackets is not applied; the general 10.9 % is', () => {
    expect(answer('6109.10.010', null).mfn).toMatchObject({ column: 'general', parsed: { percent: 10.9 } });
  });

  it('8517.13 (smartphones): free', () => {
    expect(answer('8517.13.000', null).mfn).toMatchObject({ column: 'general', parsed: { kind: 'free' } });
  });

  it('0406.90.010 (cheese in quota): WTO printed on the heading, a marked temporary rate on the line: not determined', () => {
    const { mfn } = answer('0406.90.010', null);
    expect(mfn.column).toBeNull();
    expect(mfn.rule).toMatch(/not determined/);
  });

  it('0803.90.100 appears twice (by season), each with its own rates', () => {
    expect(answer('0803.90.100', null, 0).mfn.parsed?.percent).toBe(20);
    expect(answer('0803.90.100', null, 1).mfn.parsed?.percent).toBe(25);
  });

  it('every chapter file reads without an issue and yields the rated lines the files hold', () => {
    const files = readdirSync(DIR).filter((f) => /^j_\d{2}_tariff_data\.json$/.test(f));
    let rated = 0;
    let counted = 0;
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'utf8');
      const walk = (n: any): void => {
        if (Object.keys(n.rate ?? {}).length) counted++;
        (n.children ?? []).forEach(walk);
      };
      JSON.parse(text).forEach(walk);
      rated += chapter(f.slice(2, 4)).length;
    }
    expect(rated).toBe(counted);
    expect(rated).toBeGreaterThan(10000);
  });
});

describe('duty and editions', () => {
  it('duty on a value: ad valorem in the destination currency and US$, free is 0, unknown rate is null', () => {
    const fx = { valueLcuPerUsd: 3.7, destinationLcuPerUsd: 150, rateYear: 2025, missing: null };
    const d = dutyOf(parseRate('12%'), 370, fx, 'JPY', 'mfn', null);
    expect(d).toMatchObject({ usd: 12, amount: 1800, rateDate: '2025', missing: null });
    expect(dutyOf(parseRate('無税'), 370, fx, 'JPY', 'preferential', 'epa_per')).toMatchObject({ amount: 0, usd: 0 });
    expect(dutyOf(parseRate('12%'), 370, { ...fx, destinationLcuPerUsd: null, missing: 'no rate' }, 'JPY', 'mfn', null)).toMatchObject({ amount: null, usd: null, missing: 'no rate' });
  });
  it('the edition in force on a date', () => {
    const eds = [{ edition: '2026-07-09' }, { edition: '2027-04-01' }];
    expect(editionInForce(eds)?.edition).toBe('2027-04-01');
    expect(editionInForce(eds, '2027-01-15')?.edition).toBe('2026-07-09');
    expect(editionInForce(eds, '2027-04-01')?.edition).toBe('2027-04-01');
    expect(editionInForce(eds, '2025-12-31')).toBeNull();
  });
  it('a malformed node is named by file, line and field', () => {
    const text = '[\n  {\n    "level": 0,\n    "stat_code": "0901.21",\n    "hs_code": "000",\n    "desc": "x",\n    "rate": {"基本": 5},\n    "unit": {},\n    "law": [],\n    "children": []\n  }\n]';
    const { issues } = flattenChapter(JSON.parse(text), text, 'j_09.json', '09', JPN_COLUMNS);
    expect(issues[0]).toMatchObject({ file: 'j_09.json', line: 4, field: 'rate.基本' });
    expect(issues.some((i) => i.field === 'rate.WTO協定' && /missing/.test(i.message))).toBe(true);
  });
});
