import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it, vi } from 'vitest';
import { prepareShipment } from './compute.js';
import { renderCii, validateCii } from './invoice-xml.js';
import { renderPdf } from './render-pdf.js';
import { shipmentSchema, type ShipmentInput } from './schema.js';
import { example, lists, pdfText } from './test-support.js';

// The schema check runs libxml2 in WASM; on a busy CI machine one document takes seconds.
vi.setConfig({ testTimeout: 180_000 });

const shipment = (edit: (s: ShipmentInput) => void = () => {}) => {
  const s = example();
  edit(s);
  return shipmentSchema.parse(s);
};
const EXAMPLES = join(import.meta.dirname, '../../../../shared/methods/cii-d16b/examples');

describe('CII D16B invoice', () => {
  it('generates XML that validates against the D16B schemas, with the computed totals', async () => {
    const s = shipment();
    const t = prepareShipment(s, lists());
    const xml = await renderCii(s, t, lists());
    expect((await validateCii(xml)).valid).toBe(true);
    const doc = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(xml);
    const settlement = doc.CrossIndustryInvoice.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement;
    expect(String(settlement.SpecifiedTradeSettlementHeaderMonetarySummation.GrandTotalAmount)).toBe(t.total);
    expect(xml).toContain('<ram:ClassCode listID="HS">090121</ram:ClassCode>');
    expect(xml).toContain('FCA PECLL');
  });

  it('escapes markup in names; the result still validates', async () => {
    const s = shipment((x) => {
      x.seller.name = 'Café <script>alert("x")</script> & Hijos ]]>';
      x.items[0].description = 'Café tostado <b>premium</b>';
    });
    const xml = await renderCii(s, prepareShipment(s, lists()), lists());
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    expect((await validateCii(xml)).valid).toBe(true);
  });

  it('validates many shipments (currencies, several lines, scripts)', async () => {
    for (const [currency, name] of [['JPY', '株式会社コーヒー'], ['THB', 'บริษัท กาแฟ จำกัด'], ['CLP', 'Viña Ñuble Ltda.'], ['KRW', '커피 주식회사']] as const) {
      const s = shipment((x) => {
        x.currency = currency;
        x.buyer.name = name;
        x.items.push({ ...x.items[0], hs: '2101.11', description: 'Extracto de café', quantity: '7', unit: 'H87', unit_price: '3.333' });
      });
      const xml = await renderCii(s, prepareShipment(s, lists()), lists());
      expect((await validateCii(xml)).valid, currency).toBe(true);
      // 3.333 a unit is written as 33.33 per 10 units (base quantity): the same price.
      expect(xml).toMatch(/<ram:ChargeAmount>33\.33<\/ram:ChargeAmount>\s*<ram:BasisQuantity unitCode="H87">10<\/ram:BasisQuantity>/);
    }
  }, 240_000); // four documents, each through the WASM schema check

  it('refuses a deliberately broken document, naming the line', async () => {
    const s = shipment();
    const xml = await renderCii(s, prepareShipment(s, lists()), lists());
    const renamed = xml.replace('<ram:TypeCode>380</ram:TypeCode>', '<ram:DocTypeCode>380</ram:DocTypeCode>');
    const result = await validateCii(renamed);
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/^line \d+: .*DocTypeCode/);
    const dropped = await validateCii(xml.replace(/<ram:ApplicableHeaderTradeDelivery>[\s\S]*?<\/ram:ApplicableHeaderTradeDelivery>/, ''));
    expect(dropped.valid).toBe(false);
  });

  it("accepts the EN 16931 project's own valid CII examples (the validator is not merely strict)", async () => {
    const files = ['CII_example1.xml', 'CII_business_example_01.xml'].filter((f) => {
      try {
        readFileSync(join(EXAMPLES, f));
        return true;
      } catch {
        return false;
      }
    });
    const all = files.length ? files : [];
    for (const f of all) expect((await validateCii(readFileSync(join(EXAMPLES, f), 'utf8'))).valid, f).toBe(true);
  });
});

describe('PDF documents', () => {
  it('invoice: the text holds the LOCODE, the HS code, the Incoterm and the totals, in Spanish', async () => {
    const s = shipment();
    const t = prepareShipment(s, lists());
    const text = await pdfText(await renderPdf('invoice', s, t, lists(), 'es'));
    expect(text).toContain('Factura comercial');
    expect(text).toContain('PECLL');
    expect(text).toContain('0901.21');
    expect(text).toContain('FCA');
    expect(text).toContain(t.total);
    expect(text).toContain(t.lines[0].amount);
    expect(text).toContain('Café Andino Ñuñoa S.A.C.');
    expect(text).toContain('株式会社コーヒー輸入');
  });

  it('embeds fonts that draw Japanese, Thai and Spanish diacritics (extracted back as written)', async () => {
    const s = shipment((x) => {
      x.buyer.name = 'บริษัท กาแฟไทย';
      x.consignee = { name: '東京コーヒー株式会社', country: 'JPN', city: 'Tokyo' };
      x.seller.name = 'Cafés Peñón de Ñaña, Ürün & Çía';
    });
    const pdf = await renderPdf('packing-list', s, prepareShipment(s, lists()), lists(), 'en');
    const text = await pdfText(pdf);
    expect(text).toContain('Packing list');
    expect(text.replace(/\s+/g, '')).toContain('บริษัทกาแฟไทย');
    expect(text).toContain('東京コーヒー株式会社');
    expect(text).toContain('Cafés Peñón de Ñaña, Ürün & Çía');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/FontFile2|FontFile3/); // embedded, not referenced
    expect(raw).toContain('NotoSansThai');
    expect(raw).toContain('NotoSansCJKjp');
  });

  it('CN 23 data: labelled as data (not the UPU form), with category, HS, origin, weights and value', async () => {
    const s = shipment();
    const t = prepareShipment(s, lists());
    const text = await pdfText(await renderPdf('cn23', s, t, lists(), 'en'));
    expect(text).toContain('CN 23 data');
    expect(text).toContain('not the UPU form');
    expect(text).toContain('Sale of goods');
    expect(text).toContain('0901.21');
    expect(text).toContain('PER');
    expect(text).toContain(t.gross_weight_kg);
    expect(text).toContain(t.total);
    expect(text).toContain('CO-PE-2026-0001');
  });

  it('drops control characters the schema would refuse anyway (defence in depth)', async () => {
    const s = shipment();
    s.items[0].description = 'Coffee\u0007\u001b[31m beans';
    const text = await pdfText(await renderPdf('invoice', s, prepareShipment(s, lists()), lists(), 'en'));
    expect(text).toContain('Coffee[31m beans');
    expect(text).not.toContain('\u001b');
  });
});
