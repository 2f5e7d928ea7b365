import { describe, expect, it } from 'vitest';
import {
  amountOf,
  caseChannelMatches,
  categoryFit,
  channelFit,
  channelMatches,
  inForceOn,
  item,
  joinParts,
  parseEffective,
  percentile,
  programmeFit,
  ruleDifferences,
  shipmentVsThreshold,
  toUsd,
} from './compute.js';
import { productOf, searchHs } from './hs.js';

describe('thresholds in force on a date', () => {
  it('reads the effective texts of the de minimis file', () => {
    expect(parseEffective('2019-12-01')).toEqual({ from: '2019-12-01', until: null, planned: false });
    expect(parseEffective('2010-10-01 (until 2019-11-30)')).toEqual({ from: '2010-10-01', until: '2019-11-30', planned: false });
    expect(parseEffective('2028-04-01 (planned)')).toEqual({ from: '2028-04-01', until: null, planned: true });
    expect(parseEffective('long-standing')).toEqual({ from: null, until: null, planned: false });
    expect(parseEffective('long-standing; unchanged on 2018-07-01').from).toBe('2018-07-01');
  });

  it('a rule is in force between its dates, planned before, expired after', () => {
    expect(inForceOn('2010-10-01 (until 2019-11-30)', '2015-06-01')).toBe('in_force');
    expect(inForceOn('2010-10-01 (until 2019-11-30)', '2026-12-07')).toBe('expired');
    expect(inForceOn('2019-12-01', '2019-11-30')).toBe('planned');
    expect(inForceOn('2019-12-01', '2019-12-01')).toBe('in_force');
    expect(inForceOn('2028-04-01 (planned)', '2026-12-07')).toBe('planned');
    // Once the planned date has come, it is in force.
    expect(inForceOn('2028-04-01 (planned)', '2028-05-01')).toBe('in_force');
    expect(inForceOn('long-standing', '2026-12-07')).toBe('in_force');
    expect(inForceOn(null, '2026-12-07')).toBe('in_force');
  });
});

describe('money in US$ with a dated rate', () => {
  const jpy2024 = { currency: 'JPY', lcuPerUsd: 151.35, rateYear: 2024, missing: null };
  const jpy2015 = { currency: 'JPY', lcuPerUsd: 121.04, rateYear: 2015, missing: null };

  it('divides by the rate of the year, and a different year gives a different amount', () => {
    expect(toUsd(10000, jpy2024)).toBeCloseTo(66.07, 2);
    expect(toUsd(10000, jpy2015)).toBeCloseTo(82.62, 2);
  });

  it('an unknown rate or amount is unknown, never zero', () => {
    expect(toUsd(10000, { currency: 'CUP', lcuPerUsd: null, rateYear: null, missing: 'no rate' })).toBeNull();
    expect(toUsd(10000, undefined)).toBeNull();
    expect(toUsd(null, jpy2024)).toBeNull();
    expect(toUsd(10000, { ...jpy2024, lcuPerUsd: 0 })).toBeNull();
  });

  it('reads the number of an amount text', () => {
    expect(amountOf('10000')).toBe(10000);
    expect(amountOf('1,000')).toBe(1000);
    expect(amountOf('60 (revenue payable)')).toBe(60);
    expect(amountOf('none (planned)')).toBeNull();
    expect(amountOf(null)).toBeNull();
  });

  it('the shipment is under or over a threshold, in its own currency when it can be', () => {
    const threshold = { amount: 10000, currency: 'JPY', usd: toUsd(10000, jpy2024) };
    expect(shipmentVsThreshold({ value: 150, currency: 'USD', usd: 150 }, threshold)).toBe('over');
    expect(shipmentVsThreshold({ value: 50, currency: 'USD', usd: 50 }, threshold)).toBe('under');
    // At or under the threshold nothing is collected.
    expect(shipmentVsThreshold({ value: 10000, currency: 'JPY', usd: null }, threshold)).toBe('under');
    expect(shipmentVsThreshold({ value: 10001, currency: 'JPY', usd: null }, threshold)).toBe('over');
    expect(shipmentVsThreshold({ value: null, currency: 'USD', usd: null }, threshold)).toBe('unknown');
    expect(shipmentVsThreshold({ value: 150, currency: 'USD', usd: 150 }, { amount: 10000, currency: 'CUP', usd: null })).toBe('unknown');
  });
});

describe('the shipment against channels and cases', () => {
  it('a cap in US$ or kg fits or is exceeded; other parameters say nothing', () => {
    expect(channelFit({ parameter: 'max value per DEF', value: 5000, unit: 'USD' }, { usd: 150, weightKg: null })).toBe('fits');
    expect(channelFit({ parameter: 'max value per DEF', value: 5000, unit: 'USD' }, { usd: 6000, weightKg: null })).toBe('exceeds');
    expect(channelFit({ parameter: 'exempt from export declaration (PEB) up to', value: 100, unit: 'kg' }, { usd: null, weightKg: 2 })).toBe('fits');
    expect(channelFit({ parameter: 'max value per DEF', value: 5000, unit: 'USD' }, { usd: null, weightKg: 2 })).toBeNull();
    expect(channelFit({ parameter: 'fee', value: 10, unit: 'USD' }, { usd: 150, weightKg: 2 })).toBeNull();
  });

  it('channels and cases match the question\'s channel', () => {
    expect(channelMatches('Exporta Fácil (SUNAT–SERPOST)', 'postal')).toBe(true);
    expect(channelMatches('courier (envíos puerta a puerta)', 'postal')).toBe(false);
    expect(channelMatches('courier (envíos puerta a puerta)', 'courier')).toBe(true);
    expect(channelMatches('anything', null)).toBe(true);
    expect(caseChannelMatches('POSTAL', 'postal')).toBe(true);
    expect(caseChannelMatches('EXPRESS_COURIER', 'postal')).toBe(false);
    expect(caseChannelMatches('ANY', 'courier')).toBe(true);
  });
});

describe('the product on a marketplace', () => {
  const coffee = productOf('0901')!;
  it('a category for the section, general merchandise, or only other kinds', () => {
    expect(categoryFit({ categories: 'general merchandise; food; fashion', goods_or_services: 'goods' }, coffee, 'goods')).toBe('category');
    expect(categoryFit({ categories: 'general merchandise; books', goods_or_services: 'goods' }, coffee, 'goods')).toBe('general');
    expect(categoryFit({ categories: 'fashion', goods_or_services: 'goods' }, coffee, 'goods')).toBe('no');
    expect(categoryFit({ categories: '', goods_or_services: 'goods' }, coffee, 'goods')).toBe('unknown');
    expect(categoryFit({ categories: 'ride-hailing', goods_or_services: 'services' }, coffee, 'goods')).toBe('no');
    expect(categoryFit({ categories: 'freelance remote work', goods_or_services: 'services' }, null, 'services')).toBe('category');
  });
});

describe('HS 2022 list', () => {
  it('knows codes at every level and refuses others', () => {
    expect(productOf('09')?.description).toMatch(/Coffee, tea/);
    expect(productOf('0901')?.section).toBe('II');
    expect(productOf('090121')?.level).toBe(6);
    expect(productOf('0000')).toBeNull();
  });
  it('finds coffee in English, in Spanish (with or without accent) and by code', () => {
    for (const q of ['coffee', 'café', 'cafe', '0901']) expect(searchHs(q).map((r) => r.code), q).toContain('0901');
    expect(searchHs('zapatos calzado').some((r) => r.chapter === '64')).toBe(true);
    expect(searchHs('0901', { level: 6 }).every((r) => r.level === 6)).toBe(true);
  });
});

describe('support fit and rule differences', () => {
  it('a programme fits by trait, in general, or not', () => {
    expect(programmeFit(['women'], ['women_led'])).toBe('trait');
    expect(programmeFit(['rural_indigenous', 'msmes'], ['rural'])).toBe('trait');
    expect(programmeFit(['msmes'], ['women_led'])).toBe('general');
    expect(programmeFit([], [])).toBe('general');
    expect(programmeFit(['youth'], ['women_led'])).toBeNull();
  });
  it('unknown on either side is unknown, not a difference', () => {
    const d = ruleDifferences(
      [
        { area: 'Consumer Protection', status: 'Legislation' },
        { area: 'Electronic Transactions', status: 'Legislation' },
        { area: 'Privacy and Data Protection', status: 'No Data' },
      ],
      [
        { area: 'Consumer Protection', status: 'Draft Legislation' },
        { area: 'Electronic Transactions', status: 'Legislation' },
        { area: 'Privacy and Data Protection', status: 'Legislation' },
      ],
    );
    expect(d.map((x) => x.status)).toEqual(['differs', 'same', 'unknown']);
  });
});

describe('the join', () => {
  it('orders sections per destination then the origin\'s, and a failed part leaves its section saying what is missing', () => {
    const { sections, items } = joinParts(
      [
        { section: 'help', destination: null, part: 'contacts', items: [item('help', null, 'contact', { subject: 'PROMPERÚ' })] },
        { section: 'border', destination: 'KOR', part: 'de minimis', items: [], failed: 'this module\'s data is not available on this server' },
        { section: 'border', destination: 'JPN', part: 'de minimis', items: [item('border', 'JPN', 'de_minimis', { value: 10000 })] },
        { section: 'buyers', destination: 'JPN', part: 'marketplaces', items: [item('buyers', 'JPN', 'marketplace', {})], missing: ['partner traffic: not imported'] },
        { section: 'leaving', destination: null, part: 'channels', items: [], missing: ['no channel recorded for PER'] },
      ],
      'PER',
      ['JPN', 'KOR'],
    );
    expect(sections.map((s) => `${s.id}:${s.destination ?? '-'}`)).toEqual([
      'buyers:JPN', 'border:JPN', 'tariffs:JPN', 'rules:JPN', 'both_ways:JPN',
      'buyers:KOR', 'border:KOR', 'tariffs:KOR', 'rules:KOR', 'both_ways:KOR',
      'leaving:-', 'help:-',
    ]);
    const s = (id: string, d: string | null) => sections.find((x) => x.id === id && x.destination === d)!;
    expect(s('border', 'JPN').status).toBe('answered');
    expect(s('buyers', 'JPN')).toMatchObject({ status: 'partial', missing: ['marketplaces: partner traffic: not imported'] });
    expect(s('border', 'KOR')).toMatchObject({ status: 'missing', missing: ['de minimis: this module\'s data is not available on this server'] });
    expect(s('leaving', null)).toMatchObject({ status: 'missing', missing: ['channels: no channel recorded for PER'] });
    expect(s('rules', 'JPN')).toMatchObject({ status: 'missing', missing: [] });
    expect(items.map((i) => i.key)).toEqual(['marketplace', 'de_minimis', 'contact']);
  });

  it('percentiles by nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
    expect(percentile([], 50)).toBeNull();
  });
});
