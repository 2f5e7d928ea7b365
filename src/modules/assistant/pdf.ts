// The printable brief as a PDF (pdfkit): the same sections and facts as the page, in the user's
// language (every language of the app: en, es, pt, zh, ja, ko), with the sources listed at the end and a date.
import PDFDocument from 'pdfkit';
import type { Answer } from './answer.js';
import { briefFonts } from './pdf-fonts.js';
import { briefText, fill } from './brief-text.js';
import type { Item } from './schema.js';

const number = (lang: string, v: number, digits = 2) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);

/** One line of text for a fact (what the page shows in its table row). */
export function factLine(i: Item, lang: string, name: () => string): string {
  const t = briefText(lang);
  const parts: string[] = [];
  const label = t.key[i.key] ?? i.key;
  parts.push(i.subject ? `${label}: ${i.subject}` : label);
  if (i.value === null) parts.push(t.unknown);
  else parts.push(`${typeof i.value === 'number' ? number(lang, i.value) : i.value}${i.unit ? ` ${i.unit}` : ''}`);
  if (i.value_usd !== null && i.unit !== 'USD') parts.push(`≈ US$ ${number(lang, i.value_usd)}`);
  if (i.status) parts.push(t.status[i.status] ?? i.status);
  if (i.key === 'marketplace' && i.qualifier) parts.push(`${t.foreignSellers}: ${t.status[i.qualifier] ?? i.qualifier}`);
  if (i.key === 'cyberlaw' && i.qualifier) parts.push(`${t.home} (${name()}): ${i.qualifier}`);
  if (i.as_of) parts.push(`(${i.as_of})`);
  if (i.synthetic) parts.push(t.synthetic);
  return parts.join(' — ');
}

export async function briefPdf(answer: Answer, lang: string, today: string, names: (iso3: string) => string): Promise<Buffer> {
  const t = briefText(lang);
  const q = answer.question;
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${t.title}: ${names(q.origin)} → ${q.destinations.map(names).join(', ')}`, Author: 'Puente', CreationDate: new Date(`${today}T00:00:00Z`) } });
  const fonts = briefFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const product = q.product ? `${q.product.code} ${q.product.description}` : t.anyProduct;
  doc.font(fonts.bold).fontSize(18).text(t.title);
  doc.font(fonts.regular).fontSize(11).text(fill(t.subtitle, { product, origin: names(q.origin), destinations: q.destinations.map(names).join(', ') }));
  doc.moveDown(0.5);
  doc.font(fonts.bold).fontSize(12).text(t.asked);
  doc.font(fonts.regular).fontSize(10);
  const shipment = [
    q.value !== null ? `${number(lang, q.value)} ${q.currency}` : null,
    q.value_usd !== null && q.currency !== 'USD' ? `≈ US$ ${number(lang, q.value_usd)} (${q.rate.rate_year ? fill(t.rateNote, { year: String(q.rate.rate_year) }) : t.noRate})` : null,
    q.weight_kg !== null ? `${number(lang, q.weight_kg)} kg` : null,
  ].filter(Boolean);
  for (const [label, value] of [
    [t.origin, names(q.origin)],
    [t.destinations, q.destinations.map(names).join(', ')],
    [t.product, product],
    [t.shipment, shipment.join(', ') || t.none],
    [t.channel, q.channel ?? t.none],
    [t.traits, q.traits.join(', ') || t.none],
    [t.date, q.date],
  ]) {
    doc.text(`${label}: ${value}`);
  }

  for (const s of answer.sections) {
    doc.moveDown(0.6);
    const title = fill(t.section[s.id] ?? s.id, { a: names(q.origin), b: s.destination ? names(s.destination) : '' });
    doc.font(fonts.bold).fontSize(12).text(title);
    doc.font(fonts.regular).fontSize(9);
    const facts = answer.items.filter((i) => i.section === s.id && i.destination === s.destination);
    for (const i of facts) doc.text(`• ${factLine(i, lang, () => names(q.origin))}`, { indent: 8 });
    for (const m of s.missing) doc.fillColor('#8a3b00').text(`${t.missing}: ${m}`, { indent: 8 }).fillColor('black');
  }

  doc.moveDown(0.8);
  doc.font(fonts.bold).fontSize(12).text(t.sources);
  doc.font(fonts.regular).fontSize(8);
  for (const s of answer.sources) {
    doc.text(`${s.publisher}${s.title ? `, ${s.title}` : ''}${s.url ? ` <${s.url}>` : ''}${s.license ? ` [${s.license}]` : ''}${s.retrieved_at ? `; ${s.retrieved_at}` : ''}${s.synthetic ? ` ${t.synthetic}` : ''}`);
  }
  doc.moveDown(0.8);
  doc.fontSize(8).text(fill(t.generated, { date: today }));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
