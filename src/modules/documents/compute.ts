// Totals a customs officer can trust, and the code checks, without I/O. Amounts are exact
// integers in the currency's minor unit (ISO 4217): each line is quantity × unit price, rounded
// once, half away from zero, to the minor unit; the document total is the sum of the rounded lines
// (so the lines always add up to the total). Weights are summed in grams (3 decimals of kg).
import type { CodeLists } from './codelists.js';
import type { Shipment, Totals } from './schema.js';

const QTY_PLACES = 3;
const PRICE_PLACES = 6;

/** "12.5" with `places` decimals → 12500n (places = 3). The text is already checked by the schema. */
export function toScaled(text: string, places: number): bigint {
  const [int, frac = ''] = text.split('.');
  return BigInt(int + frac.padEnd(places, '0').slice(0, places));
}

/** 12500n with 3 places → "12.500" (minimum `places` decimals, as the currency or unit asks). */
export function fromScaled(value: bigint, places: number): string {
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(places + 1, '0');
  const out = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return neg ? `-${out}` : out;
}

/** value / 10^shift, rounded half away from zero. */
export function roundShift(value: bigint, shift: number): bigint {
  if (shift <= 0) return value * 10n ** BigInt(-shift);
  const div = 10n ** BigInt(shift);
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const q = abs / div;
  const r = abs % div;
  const rounded = r * 2n >= div ? q + 1n : q;
  return neg ? -rounded : rounded;
}

/** quantity × unit price in minor units (minorUnit decimals), rounded half away from zero. */
export function lineAmountMinor(quantity: string, unitPrice: string, minorUnit: number): bigint {
  const product = toScaled(quantity, QTY_PLACES) * toScaled(unitPrice, PRICE_PLACES);
  return roundShift(product, QTY_PLACES + PRICE_PLACES - minorUnit);
}

/** Strips trailing zeros of a decimal text ("20.000" → "20"). */
export function plain(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function computeTotals(shipment: Shipment, minorUnit: number): Totals {
  let total = 0n;
  let net = 0n;
  let gross = 0n;
  const lines = shipment.items.map((item, i) => {
    const amount = lineAmountMinor(item.quantity, item.unit_price, minorUnit);
    total += amount;
    net += toScaled(item.net_weight_kg, 3);
    gross += toScaled(item.gross_weight_kg, 3);
    return {
      line: i + 1,
      hs: item.hs,
      description: item.description,
      quantity: plain(item.quantity),
      unit: item.unit,
      unit_price: plain(item.unit_price),
      amount_minor: Number(amount),
      amount: fromScaled(amount, minorUnit),
      net_weight_kg: fromScaled(toScaled(item.net_weight_kg, 3), 3),
      gross_weight_kg: fromScaled(toScaled(item.gross_weight_kg, 3), 3),
      origin: item.origin,
    };
  });
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new CodeCheckError(['items: the total is too large to be represented exactly']);
  return {
    currency: shipment.currency,
    minor_unit: minorUnit,
    lines,
    total_minor: Number(total),
    total: fromScaled(total, minorUnit),
    net_weight_kg: fromScaled(net, 3),
    gross_weight_kg: fromScaled(gross, 3),
    packages: shipment.packages.reduce((n, p) => n + p.count, 0),
  };
}

/** Codes not on their lists, each naming its field; thrown as one 400. */
export class CodeCheckError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
  }
}

/** Checks every code of a shipment against its list; returns the problems (empty: all good). */
export function checkCodes(s: Shipment, lists: CodeLists): string[] {
  const errors: string[] = [];
  const country = (path: string, code: string) => {
    if (!lists.countries.has(code)) errors.push(`${path}: ${code} is not an ISO 3166-1 alpha-3 country code`);
  };
  const place = (path: string, code: string | undefined) => {
    if (code && !lists.places.has(code)) errors.push(`${path}: ${code} is not in UN/LOCODE (the list of the 36 FEALAC economies' places)`);
  };
  const minor = lists.currencies.get(s.currency);
  if (!lists.currencies.has(s.currency)) errors.push(`currency: ${s.currency} is not an ISO 4217 currency code in use`);
  else if (minor == null) errors.push(`currency: ${s.currency} has no minor unit in ISO 4217 (not a currency for invoices)`);
  for (const [path, party] of [['seller', s.seller], ['buyer', s.buyer], ['consignee', s.consignee]] as const) if (party) country(`${path}.country`, party.country);
  s.items.forEach((item, i) => {
    if (!lists.hs.has(item.hs)) errors.push(`items.${i}.hs: ${item.hs.slice(0, 4)}.${item.hs.slice(4)} is not a subheading of HS 2022`);
    if (!lists.units.has(item.unit)) errors.push(`items.${i}.unit: ${item.unit} is not a UN/ECE Recommendation 20 unit code`);
    country(`items.${i}.origin`, item.origin);
    if (toScaled(item.gross_weight_kg, 3) < toScaled(item.net_weight_kg, 3)) errors.push(`items.${i}.gross_weight_kg: the gross weight (${item.gross_weight_kg} kg) is less than the net weight (${item.net_weight_kg} kg)`);
    if (toScaled(item.quantity, 3) === 0n) errors.push(`items.${i}.quantity: must be more than 0`);
  });
  s.packages.forEach((p, i) => {
    if (!lists.packages.has(p.type)) errors.push(`packages.${i}.type: ${p.type} is not a UN/ECE Recommendation 21 package type code`);
  });
  if (!lists.incoterms.has(s.delivery.incoterm)) errors.push(`delivery.incoterm: ${s.delivery.incoterm} is not an Incoterms 2020 rule (EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF)`);
  place('delivery.place', s.delivery.place);
  place('loading', s.loading);
  place('discharge', s.discharge);
  if (s.channel === 'postal' && !s.cn23) errors.push('cn23: a postal shipment needs its CN 23 data (category of item at least)');
  return errors;
}

/** The checked totals, or a CodeCheckError listing every problem. */
export function prepareShipment(s: Shipment, lists: CodeLists): Totals {
  const errors = checkCodes(s, lists);
  if (errors.length) throw new CodeCheckError(errors);
  return computeTotals(s, lists.currencies.get(s.currency)!);
}
