import { describe, expect, it } from 'vitest';
import { shipmentSchema } from '../../../../src/modules/documents/schema';
import { prefill } from './shipment-form';

describe("the documents form prefilled from the export assistant's answer", () => {
  it('takes origin, destination, hs, value, currency, weight and channel', () => {
    const s = prefill(new URLSearchParams('origin=PER&destination=JPN&hs=090121&value=375&currency=USD&weight=20&channel=postal'), '2026-12-07');
    expect(s.seller.country).toBe('PER');
    expect(s.buyer.country).toBe('JPN');
    expect(s.items[0]).toMatchObject({ hs: '0901.21', quantity: '20', unit: 'KGM', unit_price: '18.75', origin: 'PER', net_weight_kg: '20' });
    expect(s.currency).toBe('USD');
    expect(s.channel).toBe('postal');
    expect(s.transport_mode).toBe('postal');
    expect(s.cn23).toEqual({ category: 'sale_of_goods' });
  });

  it('ignores what is not a code or a number, and leaves unknowns empty for the user (no invented values)', () => {
    const s = prefill(new URLSearchParams('origin=<script>&value=abc&channel=teleport'), '2026-12-07');
    expect(s.seller.country).toBe('');
    expect(s.items[0].unit_price).toBe('');
    expect(s.items[0].net_weight_kg).toBe('');
    expect(s.channel).toBe('courier');
    expect(s.cn23).toBeUndefined();
    // Not yet a valid shipment: the user must fill in names and the place; the schema says which.
    const r = shipmentSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['seller.name', 'seller.country', 'buyer.name', 'delivery.place']));
  });
});
