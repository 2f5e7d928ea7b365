import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { checkCodes, CodeCheckError, computeTotals, fromScaled, lineAmountMinor, prepareShipment, roundShift, toScaled } from './compute.js';
import { searchPlaces } from './pickers.js';
import { shipmentSchema, type ShipmentInput } from './schema.js';
import { CODELISTS_DIR, example, lists } from './test-support.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const shipment = (edit: (s: ShipmentInput) => void = () => {}) => {
  const s = example();
  edit(s);
  return shipmentSchema.parse(s);
};

describe('rounding in minor units', () => {
  it('rounds half away from zero, once per line', () => {
    expect(roundShift(125n, 1)).toBe(13n);
    expect(roundShift(124n, 1)).toBe(12n);
    expect(roundShift(-125n, 1)).toBe(-13n);
    expect(lineAmountMinor('3', '0.335', 2)).toBe(101n); // 1.005 → 1.01
    expect(lineAmountMinor('3', '0.3349', 2)).toBe(100n); // 1.0047 → 1.00
    expect(lineAmountMinor('1.5', '333', 0)).toBe(500n); // JPY: 499.5 → 500
    expect(lineAmountMinor('2', '1.2345', 3)).toBe(2469n); // a 3-decimal currency (KWD, BHD)
  });

  it('is exact where binary floating point is not', () => {
    // 0.1 × 3 = 0.30000000000000004 in floating point; in minor units it is 30.
    expect(lineAmountMinor('3', '0.1', 2)).toBe(30n);
    expect(lineAmountMinor('1000000', '0.015', 2)).toBe(1500000n);
  });

  it('converts decimal text both ways', () => {
    expect(toScaled('12.5', 3)).toBe(12500n);
    expect(fromScaled(12500n, 3)).toBe('12.500');
    expect(fromScaled(5n, 2)).toBe('0.05');
    expect(fromScaled(500n, 0)).toBe('500');
  });
});

describe('totals', () => {
  it('computes line amounts, the total as the sum of rounded lines, weights and packages', () => {
    const s = shipment((x) => {
      x.items.push({ ...x.items[0], quantity: '3', unit_price: '0.335', net_weight_kg: '0.3', gross_weight_kg: '0.45' });
      x.packages.push({ type: 'BG', count: 1 });
    });
    const t = computeTotals(s, 2);
    expect(t.lines.map((l) => l.amount_minor)).toEqual([37500, 101]);
    expect(t.total_minor).toBe(37601);
    expect(t.total).toBe('376.01');
    expect(t.net_weight_kg).toBe('20.300');
    expect(t.gross_weight_kg).toBe('21.650');
    expect(t.packages).toBe(3);
  });

  it('takes the minor unit of the currency from ISO 4217 (JPY has none, CLF four)', () => {
    const l = lists();
    const iso = csvRecords(readFileSync(join(CODELISTS_DIR, 'iso4217_codes-all.csv'), 'utf8'));
    const jpy = iso.find((r) => r.AlphabeticCode === 'JPY')!;
    expect(l.currencies.get('JPY')).toBe(Number(jpy.MinorUnit));
    const t = prepareShipment(shipment((x) => { x.currency = 'JPY'; x.items[0].unit_price = '2812.5'; }), l);
    expect(t.minor_unit).toBe(0);
    expect(t.total).toBe('56250');
  });

  it('ignores any total the caller sends: the schema refuses it', () => {
    const s = example() as Record<string, unknown>;
    s.total = '1.00';
    expect(shipmentSchema.safeParse(s).success).toBe(false);
  });
});

describe('code checks', () => {
  it('accepts the documented example', () => {
    expect(checkCodes(shipment(), lists())).toEqual([]);
  });

  it('names each field whose code is not on its list', () => {
    const s = shipment((x) => {
      x.items[0].hs = '0901.99'; // not an HS 2022 subheading
      x.items[0].unit = 'ZZZ';
      x.items[0].origin = 'XXX';
      x.packages[0].type = 'Q9';
      x.delivery.incoterm = 'DAT'; // Incoterms 2010, gone in 2020
      x.delivery.place = 'PEZZZ';
      x.currency = 'XYZ';
    });
    const errors = checkCodes(s, lists());
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^items\.0\.hs: 0901\.99 is not a subheading of HS 2022/),
        expect.stringMatching(/^items\.0\.unit: ZZZ/),
        expect.stringMatching(/^items\.0\.origin: XXX/),
        expect.stringMatching(/^packages\.0\.type: Q9/),
        expect.stringMatching(/^delivery\.incoterm: DAT/),
        expect.stringMatching(/^delivery\.place: PEZZZ is not in UN\/LOCODE/),
        expect.stringMatching(/^currency: XYZ/),
      ]),
    );
    expect(() => prepareShipment(s, lists())).toThrow(CodeCheckError);
  });

  it('knows every HS 2022 subheading of the shared list and every Incoterms 2020 rule', () => {
    const hs = csvRecords(readFileSync(join(CODELISTS_DIR, 'hs2022_full.csv'), 'utf8')).filter((r) => r.level === '6');
    expect(lists().hs.size).toBe(hs.length);
    expect([...lists().incoterms.keys()].sort()).toEqual(['CFR', 'CIF', 'CIP', 'CPT', 'DAP', 'DDP', 'DPU', 'EXW', 'FAS', 'FCA', 'FOB']);
  });

  it('refuses a gross weight below the net weight, and a postal shipment without CN 23 data', () => {
    const errors = checkCodes(shipment((x) => { x.items[0].gross_weight_kg = '19'; delete x.cn23; }), lists());
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^items\.0\.gross_weight_kg:/), expect.stringMatching(/^cn23:/)]));
  });

  it('accepts HS codes with or without the dot', () => {
    expect(shipment((x) => { x.items[0].hs = '090121'; }).items[0].hs).toBe('090121');
    expect(shipmentSchema.safeParse({ ...example(), items: [{ ...example().items[0], hs: '0901' }] }).success).toBe(false);
  });
});

describe('place picker', () => {
  it('finds a place by name without diacritics, and by code', () => {
    expect(searchPlaces(lists(), 'callao', 'PER')[0].locode).toBe('PECLL');
    expect(searchPlaces(lists(), 'PECLL')[0].name).toBe('Callao');
    const bogota = searchPlaces(lists(), 'bogota', 'COL');
    expect(bogota.some((p) => p.locode === 'COBOG')).toBe(true);
  });
});
