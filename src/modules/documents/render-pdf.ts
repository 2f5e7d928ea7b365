// Invoice, packing list and CN 23 data as PDFs laid out on the UN Layout Key (UN/CEFACT Rec 1,
// Rec 6): parties top left, document reference and date top right, delivery and transport in the
// middle band, the goods in columns below, totals at the foot. Text goes through the platform's
// font picker, so names in any script are drawn with embedded Noto fonts.
import { createPdf, drawText, toBuffer, type Pdf } from '../../platform/pdf/index.js';
import type { CodeLists } from './codelists.js';
import { labelsFor, type Labels } from './labels.js';
import type { DocumentKind, Shipment, Totals } from './schema.js';

const LEFT = 40;
const WIDTH = 515; // A4 595pt − 2 × 40
const MID = LEFT + WIDTH / 2;

function box(doc: Pdf, x: number, y: number, w: number, h: number, label: string, lines: string[]): void {
  doc.lineWidth(0.5).rect(x, y, w, h).stroke('#555555');
  drawText(doc, label, x + 4, y + 3, { size: 7, weight: 'bold', width: w - 8 });
  let yy = y + 13;
  for (const line of lines) {
    drawText(doc, line, x + 4, yy, { size: 9, width: w - 8, height: h - (yy - y) - 2, ellipsis: true });
    yy = doc.y + 1;
    if (yy > y + h - 10) break;
  }
}

function partyLines(p: Shipment['seller'], lists: CodeLists, lang: 'en' | 'es', l: Labels): string[] {
  const country = lists.countries.get(p.country);
  return [
    p.name,
    ...(p.address ? [p.address] : []),
    [p.postcode, p.city, country ? country[lang] : p.country].filter(Boolean).join(' '),
    ...(p.tax_id ? [`${l.taxId}: ${p.tax_id}`] : []),
  ];
}

function placeText(code: string | undefined, lists: CodeLists): string {
  if (!code) return '—';
  const p = lists.places.get(code);
  return p ? `${code} ${p.name}` : code;
}

interface Column {
  label: string;
  width: number;
  align?: 'left' | 'right';
  value(i: number): string;
}

function table(doc: Pdf, y: number, columns: Column[], rows: number): number {
  let x = LEFT;
  for (const c of columns) {
    drawText(doc, c.label, x + 2, y, { size: 7, weight: 'bold', width: c.width - 4, align: c.align ?? 'left' });
    x += c.width;
  }
  y += 18;
  doc.moveTo(LEFT, y - 3).lineTo(LEFT + WIDTH, y - 3).stroke('#555555');
  for (let i = 0; i < rows; i++) {
    if (y > 760) {
      doc.addPage();
      y = 40;
    }
    x = LEFT;
    let bottom = y;
    for (const c of columns) {
      drawText(doc, c.value(i), x + 2, y, { size: 8, width: c.width - 4, align: c.align ?? 'left' });
      bottom = Math.max(bottom, doc.y);
      x += c.width;
    }
    y = bottom + 4;
  }
  doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).stroke('#555555');
  return y + 6;
}

function header(doc: Pdf, s: Shipment, lists: CodeLists, lang: 'en' | 'es', l: Labels, title: string): number {
  drawText(doc, title, LEFT, 30, { size: 16, weight: 'bold' });
  const top = 56;
  box(doc, LEFT, top, WIDTH / 2, 80, l.seller, partyLines(s.seller, lists, lang, l));
  box(doc, MID, top, WIDTH / 4, 40, l.number, [s.document.number]);
  box(doc, MID + WIDTH / 4, top, WIDTH / 4, 40, l.date, [s.document.date]);
  box(doc, MID, top + 40, WIDTH / 2, 40, l.currency, [s.currency]);
  box(doc, LEFT, top + 80, WIDTH / 2, 80, l.buyer, partyLines(s.buyer, lists, lang, l));
  box(doc, MID, top + 80, WIDTH / 2, 80, l.consignee, s.consignee ? partyLines(s.consignee, lists, lang, l) : [l.buyer]);
  const band = top + 160;
  box(doc, LEFT, band, WIDTH / 2, 36, l.delivery, [`${s.delivery.incoterm} ${placeText(s.delivery.place, lists)}`]);
  box(doc, MID, band, WIDTH / 4, 36, l.transport, [`${l.modes[s.transport_mode]} (${s.transport_mode})`]);
  box(doc, MID + WIDTH / 4, band, WIDTH / 4, 36, l.channel, [s.channel]);
  box(doc, LEFT, band + 36, WIDTH / 2, 36, l.loading, [placeText(s.loading, lists)]);
  box(doc, MID, band + 36, WIDTH / 2, 36, l.discharge, [placeText(s.discharge, lists)]);
  return band + 84;
}

function hsText(hs: string): string {
  return `${hs.slice(0, 4)}.${hs.slice(4)}`;
}

function renderInvoice(doc: Pdf, s: Shipment, t: Totals, lists: CodeLists, lang: 'en' | 'es', l: Labels): void {
  let y = header(doc, s, lists, lang, l, l.invoice);
  y = table(
    doc,
    y,
    [
      { label: l.line, width: 24, value: (i) => String(t.lines[i].line) },
      { label: l.hs, width: 50, value: (i) => hsText(t.lines[i].hs) },
      { label: l.description, width: 165, value: (i) => t.lines[i].description },
      { label: l.origin, width: 36, value: (i) => t.lines[i].origin },
      { label: l.quantity, width: 56, align: 'right', value: (i) => t.lines[i].quantity },
      { label: l.unit, width: 30, value: (i) => t.lines[i].unit },
      { label: l.unitPrice, width: 72, align: 'right', value: (i) => t.lines[i].unit_price },
      { label: `${l.amount} (${t.currency})`, width: 82, align: 'right', value: (i) => t.lines[i].amount },
    ],
    t.lines.length,
  );
  drawText(doc, `${l.total} ${t.currency}`, LEFT + 300, y, { size: 10, weight: 'bold', width: 100 });
  drawText(doc, t.total, LEFT + 400, y, { size: 10, weight: 'bold', width: 113, align: 'right' });
  y += 18;
  drawText(doc, `${l.totalNet}: ${t.net_weight_kg}   ${l.totalGross}: ${t.gross_weight_kg}   ${l.totalPackages}: ${t.packages}`, LEFT, y, { size: 8 });
  drawText(doc, l.rounding, LEFT, doc.y + 6, { size: 7, width: WIDTH });
}

function renderPackingList(doc: Pdf, s: Shipment, t: Totals, lists: CodeLists, lang: 'en' | 'es', l: Labels): void {
  let y = header(doc, s, lists, lang, l, l['packing-list']);
  y = table(
    doc,
    y,
    [
      { label: l.marks, width: 200, value: (i) => s.packages[i].marks ?? '—' },
      { label: l.packageType, width: 215, value: (i) => `${s.packages[i].type} ${lists.packages.get(s.packages[i].type) ?? ''}`.trim() },
      { label: l.count, width: 100, align: 'right', value: (i) => String(s.packages[i].count) },
    ],
    s.packages.length,
  );
  y = table(
    doc,
    y + 6,
    [
      { label: l.line, width: 24, value: (i) => String(t.lines[i].line) },
      { label: l.hs, width: 50, value: (i) => hsText(t.lines[i].hs) },
      { label: l.description, width: 200, value: (i) => t.lines[i].description },
      { label: l.quantity, width: 65, align: 'right', value: (i) => t.lines[i].quantity },
      { label: l.unit, width: 36, value: (i) => t.lines[i].unit },
      { label: l.net, width: 70, align: 'right', value: (i) => t.lines[i].net_weight_kg },
      { label: l.gross, width: 70, align: 'right', value: (i) => t.lines[i].gross_weight_kg },
    ],
    t.lines.length,
  );
  drawText(doc, `${l.totalPackages}: ${t.packages}   ${l.totalNet}: ${t.net_weight_kg}   ${l.totalGross}: ${t.gross_weight_kg}`, LEFT, y, { size: 9, weight: 'bold' });
}

function renderCn23(doc: Pdf, s: Shipment, t: Totals, lists: CodeLists, lang: 'en' | 'es', l: Labels): void {
  drawText(doc, l.cn23, LEFT, 30, { size: 16, weight: 'bold' });
  drawText(doc, l.cn23Note, LEFT, 52, { size: 8 });
  box(doc, LEFT, 70, WIDTH / 2, 80, l.seller, partyLines(s.seller, lists, lang, l));
  box(doc, MID, 70, WIDTH / 2, 80, l.consignee, partyLines(s.consignee ?? s.buyer, lists, lang, l));
  const cn = s.cn23!;
  box(doc, LEFT, 150, WIDTH / 2, 36, l.category, [l.categories[cn.category] + (cn.explanation ? ` — ${cn.explanation}` : '')]);
  box(doc, MID, 150, WIDTH / 6, 36, l.licence, [cn.licence ?? '—']);
  box(doc, MID + WIDTH / 6, 150, WIDTH / 6, 36, l.certificate, [cn.certificate ?? '—']);
  box(doc, MID + WIDTH / 3, 150, WIDTH / 6, 36, l.invoiceRef, [s.document.number]);
  const y = table(
    doc,
    200,
    [
      { label: l.description, width: 190, value: (i) => t.lines[i].description },
      { label: l.quantity, width: 55, align: 'right', value: (i) => `${t.lines[i].quantity} ${t.lines[i].unit}` },
      { label: l.net, width: 60, align: 'right', value: (i) => t.lines[i].net_weight_kg },
      { label: `${l.amount} (${t.currency})`, width: 80, align: 'right', value: (i) => t.lines[i].amount },
      { label: l.hs, width: 60, value: (i) => hsText(t.lines[i].hs) },
      { label: l.origin, width: 70, value: (i) => t.lines[i].origin },
    ],
    t.lines.length,
  );
  drawText(doc, `${l.totalGross}: ${t.gross_weight_kg}   ${l.total} ${t.currency}: ${t.total}`, LEFT, y, { size: 10, weight: 'bold' });
  if (cn.comments) drawText(doc, cn.comments, LEFT, doc.y + 6, { size: 8, width: WIDTH });
}

export async function renderPdf(kind: DocumentKind, s: Shipment, t: Totals, lists: CodeLists, language?: string, creationDate?: Date): Promise<Buffer> {
  const { lang, labels } = labelsFor(language);
  const title = `${labels[kind]} ${s.document.number}`;
  const doc = createPdf({ title, author: s.seller.name, subject: labels[kind], lang, creationDate });
  if (kind === 'invoice') renderInvoice(doc, s, t, lists, lang, labels);
  else if (kind === 'packing-list') renderPackingList(doc, s, t, lists, lang, labels);
  else renderCn23(doc, s, t, lists, lang, labels);
  return toBuffer(doc);
}
