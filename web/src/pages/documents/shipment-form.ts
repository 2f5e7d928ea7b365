// The form's state as a shipment (the module's zod schema checks it), prefilled from the export
// assistant's answer: origin, destination, hs, value, currency, weight, channel.
import type { ShipmentInput } from '../../../../src/modules/documents/schema';

export const CHANNEL_VALUES = ['marketplace', 'webshop', 'postal', 'courier'] as const;

const num = (v: string | null) => (v && /^\d+(\.\d+)?$/.test(v) ? v : null);

/** value / weight as a unit price per kg, when both are given (at most 6 decimals, trailing zeros cut). */
function perKg(value: string, weight: string): string {
  const p = (Number(value) / Number(weight)).toFixed(6);
  return p.replace(/0+$/, '').replace(/\.$/, '');
}

export function prefill(q: URLSearchParams, today: string): ShipmentInput {
  const code = (v: string | null) => (v && /^[A-Za-z]{3}$/.test(v) ? v.toUpperCase() : '');
  const origin = code(q.get('origin'));
  const destination = code(q.get('destination'));
  const value = num(q.get('value'));
  const weight = num(q.get('weight'));
  const channelParam = q.get('channel');
  const channel = (CHANNEL_VALUES as readonly string[]).includes(channelParam ?? '') ? (channelParam as (typeof CHANNEL_VALUES)[number]) : 'courier';
  const hs = (q.get('hs') ?? '').replace(/[^\d]/g, '').slice(0, 6);
  const quantity = weight ?? '1';
  const unitPrice = value ? (weight ? perKg(value, weight) : value) : '';
  return {
    document: { number: '', date: today },
    seller: { name: '', country: origin },
    buyer: { name: '', country: destination },
    currency: code(q.get('currency')) || 'USD',
    items: [{ hs: hs.length === 6 ? `${hs.slice(0, 4)}.${hs.slice(4)}` : hs, description: '', quantity, unit: weight ? 'KGM' : 'H87', unit_price: unitPrice, net_weight_kg: weight ?? '', gross_weight_kg: weight ?? '', origin }],
    packages: [{ type: 'BX', count: 1 }],
    delivery: { incoterm: 'FCA', place: '' },
    transport_mode: channel === 'postal' ? 'postal' : 'air',
    channel,
    ...(channel === 'postal' ? { cn23: { category: 'sale_of_goods' as const } } : {}),
  };
}
