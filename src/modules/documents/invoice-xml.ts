// The invoice as a UN/CEFACT Cross Industry Invoice (CII D16B), generated with @e-invoice-eu/core
// (it escapes markup) and checked against the D16B schemas with xmllint compiled to WASM: a
// document that fails the schema is never handed out.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvoiceService } from '@e-invoice-eu/core';
import { validateXML } from 'xmllint-wasm';
import type { CodeLists } from './codelists.js';
import type { Shipment, Totals } from './schema.js';

const SCHEMA_ROOT = fileURLToPath(new URL('./cii-d16b/schema/', import.meta.url));
const MAIN_SCHEMA = 'uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd';

let schemaFiles: { fileName: string; contents: string }[] | undefined;
function schemas() {
  schemaFiles ??= readdirSync(SCHEMA_ROOT, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.xsd'))
    .map((d) => {
      const path = join(d.parentPath, d.name);
      return { fileName: relative(SCHEMA_ROOT, path).split('\\').join('/'), contents: readFileSync(path, 'utf8') };
    });
  return schemaFiles;
}

export interface SchemaCheck {
  valid: boolean;
  errors: string[];
}

/** Validates a CII document against the D16B schemas (xmllint-wasm, no native build). */
export async function validateCii(xml: string): Promise<SchemaCheck> {
  const all = schemas();
  const main = all.find((f) => f.fileName === MAIN_SCHEMA)!;
  const result = await validateXML({
    xml: [{ fileName: 'invoice.xml', contents: xml }],
    schema: [main],
    preload: all.filter((f) => f !== main),
  });
  return { valid: result.valid, errors: result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message)) };
}

/** The shipment in e-invoice-eu's internal (UBL-shaped) format. */
export function toInternalInvoice(s: Shipment, t: Totals, lists: CodeLists): Record<string, unknown> {
  const cur = s.currency;
  const money = (key: string, value: string) => ({ [key]: value, [`${key}@currencyID`]: cur });
  const alpha2 = (iso3: string) => lists.countries.get(iso3)?.alpha2 ?? iso3;
  const party = (p: Shipment['seller']) => ({
    'cac:Party': {
      'cac:PostalAddress': {
        ...(p.address ? { 'cbc:StreetName': p.address } : {}),
        ...(p.city ? { 'cbc:CityName': p.city } : {}),
        ...(p.postcode ? { 'cbc:PostalZone': p.postcode } : {}),
        'cac:Country': { 'cbc:IdentificationCode': alpha2(p.country) },
      },
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': p.name, ...(p.tax_id ? { 'cbc:CompanyID': p.tax_id } : {}) },
      ...(p.email ? { 'cac:Contact': { 'cbc:ElectronicMail': p.email } } : {}),
    },
  });
  // e-invoice-eu takes amounts with at most 2 decimals: a finer unit price is given per a base
  // quantity of 10, 100 ... units (EN 16931 BT-149), e.g. 3.333 per unit = 3333 per 1000.
  const price = (unitPrice: string, unit: string) => {
    const decimals = unitPrice.split('.')[1]?.length ?? 0;
    if (decimals <= 2) return money('cbc:PriceAmount', unitPrice);
    const shift = decimals - 2;
    const scaled = unitPrice.replace('.', '');
    const whole = scaled.slice(0, scaled.length - 2).replace(/^0+(?=\d)/, '');
    return { ...money('cbc:PriceAmount', `${whole}.${scaled.slice(-2)}`), 'cbc:BaseQuantity': String(10 ** shift), 'cbc:BaseQuantity@unitCode': unit };
  };
  const exempt = { 'cbc:ID': 'G', 'cbc:Percent': '0', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } };
  const delivered = s.consignee ?? s.buyer;
  return {
    'ubl:Invoice': {
      'cbc:CustomizationID': 'urn:cen.eu:en16931:2017',
      'cbc:ID': s.document.number,
      'cbc:IssueDate': s.document.date,
      'cbc:InvoiceTypeCode': '380',
      'cbc:Note': [`Incoterms 2020 ${s.delivery.incoterm} ${s.delivery.place}`],
      'cbc:DocumentCurrencyCode': cur,
      'cac:AccountingSupplierParty': party(s.seller),
      'cac:AccountingCustomerParty': party(s.buyer),
      'cac:Delivery': {
        // The LOCODE of the named place goes in the note: e-invoice-eu writes a location ID after
        // the address, which the D16B schema refuses.
        'cac:DeliveryLocation': {
          'cac:Address': { 'cac:Country': { 'cbc:IdentificationCode': alpha2(delivered.country) } },
        },
        'cac:DeliveryParty': { 'cac:PartyName': { 'cbc:Name': delivered.name } },
      },
      'cac:TaxTotal': [
        {
          ...money('cbc:TaxAmount', (0).toFixed(t.minor_unit)),
          'cac:TaxSubtotal': [
            {
              ...money('cbc:TaxableAmount', t.total),
              ...money('cbc:TaxAmount', (0).toFixed(t.minor_unit)),
              'cac:TaxCategory': { ...exempt, 'cbc:TaxExemptionReason': 'Export' },
            },
          ],
        },
      ],
      'cac:LegalMonetaryTotal': {
        ...money('cbc:LineExtensionAmount', t.total),
        ...money('cbc:TaxExclusiveAmount', t.total),
        ...money('cbc:TaxInclusiveAmount', t.total),
        ...money('cbc:PayableAmount', t.total),
      },
      'cac:InvoiceLine': t.lines.map((line) => ({
        'cbc:ID': String(line.line),
        'cbc:InvoicedQuantity': line.quantity,
        'cbc:InvoicedQuantity@unitCode': line.unit,
        ...money('cbc:LineExtensionAmount', line.amount),
        'cac:Item': {
          'cbc:Name': line.description,
          'cac:CommodityClassification': [{ 'cbc:ItemClassificationCode': line.hs, 'cbc:ItemClassificationCode@listID': 'HS' }],
          'cac:OriginCountry': { 'cbc:IdentificationCode': alpha2(line.origin) },
          'cac:ClassifiedTaxCategory': exempt,
        },
        'cac:Price': price(line.unit_price, line.unit),
      })),
    },
  };
}

const silent = { log() {}, warn() {}, error() {} };

export class InvalidCiiError extends Error {
  constructor(readonly errors: string[]) {
    super(`The generated CII invoice fails the D16B schema: ${errors.join('; ')}`);
  }
}

/** The CII D16B XML of the invoice; throws InvalidCiiError if it would not validate. */
export async function renderCii(s: Shipment, t: Totals, lists: CodeLists): Promise<string> {
  if (t.minor_unit > 2) throw new InvalidCiiError([`currency: ${s.currency} has ${t.minor_unit} decimals; the CII generator (e-invoice-eu) takes at most 2; ask the invoice as PDF or JSON`]);
  const service = new InvoiceService(silent as never);
  const out = await service.generate(toInternalInvoice(s, t, lists) as never, { format: 'CII', lang: 'en-us' });
  const xml = typeof out === 'string' ? out : Buffer.from(out).toString('utf8');
  const check = await validateCii(xml);
  if (!check.valid) {
    if (process.env.DEBUG_CII) console.error(xml);
    throw new InvalidCiiError(check.errors);
  }
  return xml;
}
