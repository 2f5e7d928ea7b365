// The country brief as a PDF: the platform's pdfkit factory (A4, Noto fonts by script), the same
// blocks as the printable page, two simple bar charts drawn with vector primitives (each with a
// title and a source line), the sources of every block and the date the brief was made.
import { createPdf, scriptRuns, toBuffer, type Pdf, type Weight } from '../../platform/pdf/index.js';
import type { SourceRow } from '../../platform/http/api.js';
import type { Brief, BriefLanguage } from './schema.js';
import { fill, WORDS, type BriefWords } from './text.js';

const INK = '#1a1a1a';
const MUTED = '#555555';
const ECONOMY = '#1f5f99';
const MEDIAN = '#9a9a9a';
const WARN = '#8a3b00';

/** Writes flowing text in the fonts its scripts need; CJK pages use the CJK face throughout. */
function put(doc: Pdf, lang: BriefLanguage, text: string, o: { weight?: Weight; size?: number; color?: string; indent?: number; continued?: boolean } = {}): void {
  const { weight = 'regular', size = 9, color = INK, indent, continued } = o;
  doc.fontSize(size).fillColor(color);
  const cjkPage = lang === 'zh' || lang === 'ja' || lang === 'ko';
  const runs = cjkPage && !/[\u0e00-\u0e7f]/u.test(text) ? [{ script: 'cjk', text }] : scriptRuns(text);
  runs.forEach((r, i) => {
    doc.font(`${r.script}-${weight}`);
    doc.text(r.text, { indent: i === 0 ? indent : undefined, continued: continued || i < runs.length - 1 });
  });
  doc.fillColor(INK);
}

const fmt = (lang: string, v: number, digits = 1) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);

function heading(doc: Pdf, lang: BriefLanguage, text: string): void {
  // Keep a heading with at least a few lines of its block.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
  doc.moveDown(0.6);
  put(doc, lang, text, { weight: 'bold', size: 12.5, color: ECONOMY });
  doc.moveDown(0.15);
}

function sourceLine(doc: Pdf, lang: BriefLanguage, w: BriefWords, sources: SourceRow[]): void {
  if (!sources.length) return;
  const names = [...new Set(sources.map((s) => `${s.publisher}${s.synthetic ? ` (${w.synthetic})` : ''}`))].join('; ');
  put(doc, lang, `${w.source}: ${names}`, { size: 7.5, color: MUTED });
}

interface Bar {
  label: string;
  /** Economy's value and the comparison (median); null = no data. */
  value: number | null;
  ref?: number | null;
  valueText: string;
  refText?: string;
  /** Scale of the pair; bars are drawn as a share of it. */
  max: number;
}

/** A horizontal bar chart drawn with pdfkit's rectangles; missing values are written, not drawn as 0. */
function barChart(doc: Pdf, lang: BriefLanguage, w: BriefWords, title: string, legend: [string, string] | null, bars: Bar[], sources: SourceRow[]): void {
  const rowH = legend ? 22 : 13;
  const height = 18 + bars.length * rowH + (legend ? 14 : 0) + 14;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  put(doc, lang, title, { weight: 'bold', size: 9.5 });
  const left = doc.page.margins.left;
  const labelW = 170;
  const barX = left + labelW + 6;
  const barW = 230;
  let y = doc.y + 4;
  if (legend) {
    doc.rect(barX, y + 1, 8, 6).fill(ECONOMY);
    doc.font('cjk-regular').fontSize(7.5).fillColor(INK).text(legend[0], barX + 12, y, { lineBreak: false });
    doc.rect(barX + 130, y + 1, 8, 6).fill(MEDIAN);
    doc.font('cjk-regular').fontSize(7.5).fillColor(INK).text(legend[1], barX + 142, y, { lineBreak: false });
    y += 14;
  }
  const labelFont = (s: string) => (/[^\u0000-\u024f\u2000-\u206f]/u.test(s) ? 'cjk-regular' : 'latin-regular');
  for (const b of bars) {
    doc.font(labelFont(b.label)).fontSize(7.5).fillColor(INK).text(b.label, left, y, { width: labelW, height: rowH, ellipsis: true, lineBreak: true });
    const draw = (v: number | null | undefined, text: string, yy: number, color: string) => {
      if (v === null || v === undefined) {
        doc.font(labelFont(text)).fontSize(7.5).fillColor(WARN).text(text, barX, yy, { lineBreak: false });
        return;
      }
      const len = b.max > 0 ? Math.max(1, (Math.abs(v) / b.max) * barW) : 1;
      doc.rect(barX, yy, len, 8).fill(color);
      doc.font(labelFont(text)).fontSize(7.5).fillColor(INK).text(text, barX + len + 4, yy, { lineBreak: false });
    };
    draw(b.value, b.valueText, y, ECONOMY);
    if (legend) draw(b.ref, b.refText ?? w.noData, y + 10, MEDIAN);
    y += rowH;
  }
  doc.fillColor(INK);
  doc.x = left;
  doc.y = y + 2;
  sourceLine(doc, lang, w, sources);
  doc.moveDown(0.3);
}

export async function countryBriefPdf(brief: Brief, lang: BriefLanguage): Promise<Buffer> {
  const w = WORDS[lang];
  const name = brief.names[lang] ?? brief.name;
  const doc = createPdf({ title: `${w.title}: ${name}`, author: 'Puente', subject: `${w.title} ${brief.iso3}`, lang, creationDate: new Date(`${brief.made}T00:00:00Z`) }, 42);
  const n = (v: number | null, digits = 1, unit = '') => (v === null ? w.noData : `${fmt(lang, v, digits)}${unit}`);

  // Header
  put(doc, lang, w.title, { size: 9, color: MUTED });
  put(doc, lang, name, { weight: 'bold', size: 22 });
  put(doc, lang, [brief.region ? (w.region[brief.region] ?? brief.region) : null, brief.iso3, fill(w.made, { date: brief.made })].filter(Boolean).join(' · '), { size: 9, color: MUTED });
  if (brief.synthetic) put(doc, lang, w.syntheticNote, { weight: 'bold', size: 9, color: WARN });
  if (brief.unavailable.length) put(doc, lang, `${w.unavailable}: ${brief.unavailable.join(', ')}`, { size: 8.5, color: WARN });

  // Indicators and readiness
  const ind = brief.indicators;
  heading(doc, lang, w.section.indicators);
  const r = ind.readiness;
  put(doc, lang, `${w.readiness}: `, { weight: 'bold', size: 10, continued: true });
  put(doc, lang, r.score === null ? w.noData : `${fmt(lang, r.score)} (${fill(w.rankOf, { rank: r.rank ?? '—', n: r.n })}; ${w.fealacMedian} ${r.median === null ? w.notEnough : fmt(lang, r.median)}, n = ${r.n}${r.year ? `; ${r.year}` : ''})`, { size: 10 });
  put(doc, lang, w.readinessNote, { size: 7.5, color: MUTED });
  doc.moveDown(0.3);
  for (const k of ind.key) {
    const label = w.indicatorNames[k.code] ?? k.name;
    const digits = k.code === 'LP.LPI.OVRL.XQ' ? 2 : k.code === 'NY.GDP.PCAP.CD' ? 0 : 1;
    const median = k.median === null ? (k.n ? w.notEnough : w.noData) : fmt(lang, k.median, digits);
    put(doc, lang, `• ${label}: `, { size: 9, continued: true });
    put(doc, lang, k.value === null ? w.noData : `${fmt(lang, k.value, digits)} (${k.year})`, { weight: 'bold', size: 9, continued: true });
    put(doc, lang, k.value === null ? '' : ` — ${w.fealacMedian}: ${median}, n = ${k.n}`, { size: 9 });
  }
  doc.moveDown(0.4);
  barChart(
    doc,
    lang,
    w,
    fill(w.chartIndicators, { name }),
    [name, w.fealacMedian],
    ind.key.map((k) => {
      const digits = k.code === 'LP.LPI.OVRL.XQ' ? 2 : k.code === 'NY.GDP.PCAP.CD' ? 0 : 1;
      return {
        label: w.indicatorNames[k.code] ?? k.name,
        value: k.value,
        ref: k.median,
        valueText: k.value === null ? w.noData : `${fmt(lang, k.value, digits)} (${k.year})`,
        refText: k.median === null ? (k.n ? w.notEnough : w.noData) : `${fmt(lang, k.median, digits)} (n = ${k.n})`,
        max: Math.max(k.value ?? 0, k.median ?? 0),
      };
    }),
    ind.sources,
  );

  // Marketplaces
  const m = brief.marketplaces;
  heading(doc, lang, w.section.marketplaces);
  put(doc, lang, fill(w.registry, { n: m.registry }), { size: 9 });
  put(doc, lang, w.topLists, { weight: 'bold', size: 9 });
  if (!m.top.length) put(doc, lang, w.noData, { size: 9, color: WARN, indent: 8 });
  for (const t of m.top) {
    const where = t.list === 'cloudflare' ? `${w.cloudflareRank} ${t.rank}` : fill(w.cruxBucket, { bucket: fmt(lang, t.bucket ?? 0, 0) });
    put(doc, lang, `• ${t.marketplace ? `${t.marketplace} (${t.domain})` : t.domain}: ${where}, ${t.month}`, { size: 8.5, indent: 8 });
  }
  if (m.traffic.length) {
    put(doc, lang, `${w.traffic}${m.traffic_synthetic ? ` — ${w.synthetic}` : ''}`, { weight: 'bold', size: 9, color: m.traffic_synthetic ? WARN : INK });
    for (const t of m.traffic) put(doc, lang, `• ${t.marketplace}: ${fmt(lang, t.visits, 0)} ${w.visits} (${t.months} m)${t.synthetic ? ` ${w.synthetic}` : ''}`, { size: 8.5, indent: 8 });
  } else put(doc, lang, w.noTraffic, { size: 8.5, color: MUTED });
  sourceLine(doc, lang, w, m.sources);

  // Regulation
  const g = brief.regulation;
  heading(doc, lang, w.section.regulation);
  put(doc, lang, `${w.pillars}${g.framework ? ` (${g.framework})` : ''}; ${fill(w.gate, { gate: Math.round(g.min_coverage * 100) })}`, { size: 8.5, color: MUTED });
  if (!g.pillars.length) put(doc, lang, w.noData, { size: 9, color: WARN });
  else {
    barChart(
      doc,
      lang,
      w,
      w.chartPillars,
      null,
      g.pillars.map((p) => ({
        label: `${p.pillar}. ${w.pillarNames[p.pillar] ?? p.name}`,
        value: p.score,
        valueText: p.score === null ? (p.known ? `${w.notEnough} (${w.coverage} ${Math.round(p.coverage * 100)}%)` : w.noData) : `${fmt(lang, p.score, 3)} (${w.coverage} ${Math.round(p.coverage * 100)}%)`,
        max: 1,
      })),
      g.sources,
    );
  }
  const s = g.stri;
  put(doc, lang, `${w.stri}: `, { weight: 'bold', size: 9, continued: true });
  put(
    doc,
    lang,
    !s.loaded ? w.notLoaded : !s.covered ? w.notCovered : `${n(s.stri, 3)} (${s.year}; ${fill(w.rankOf, { rank: s.rank ?? '—', n: s.n })}; ${w.fealacMedian} ${s.median === null ? w.notEnough : fmt(lang, s.median, 3)}, n = ${s.n})`,
    { size: 9 },
  );
  // The chart's source line names the block's sources; without a chart they follow the STRI line.
  if (!g.pillars.length) sourceLine(doc, lang, w, g.sources);

  // Trade facilitation
  const f = brief.facilitation;
  heading(doc, lang, w.section.facilitation);
  put(doc, lang, `${w.tfScore}: `, { size: 9, continued: true });
  put(doc, lang, f.score === null ? w.noData : `${fmt(lang, f.score)}% (${w.round} ${f.round}${f.secondary ? `, ${w.secondary}` : ''})`, { weight: 'bold', size: 9 });
  if (f.round !== null) put(doc, lang, `${w.fealacAverage} ${f.round}: ${f.fealac === null ? w.notEnough : `${fmt(lang, f.fealac)}%`}, n = ${f.fealac_n}`, { size: 9 });
  sourceLine(doc, lang, w, f.sources);

  // Support measures
  const sp = brief.support;
  heading(doc, lang, w.section.support);
  put(doc, lang, sp.count ? fill(w.programmes, { n: sp.count }) : `${fill(w.programmes, { n: '' })}${w.noData}`, { size: 9 });
  if (sp.by_area.length) {
    put(doc, lang, `${w.byArea}: ${sp.by_area.map((a) => `${w.areas[a.area] ?? a.label} ${a.count}`).join('; ')}`, { size: 8.5 });
  }
  for (const p of sp.programmes) put(doc, lang, `• ${p.programme}${p.programme_en && p.programme_en !== p.programme ? ` (${p.programme_en})` : ''}${p.agency ? ` — ${p.agency}` : ''}${p.as_of ? ` [${p.as_of}]` : ''}`, { size: 8.5, indent: 8 });
  sourceLine(doc, lang, w, sp.sources);

  // Contacts
  const c = brief.contacts;
  heading(doc, lang, w.section.contacts);
  for (const e of c.entries) {
    put(doc, lang, `• ${w.roles[e.role] ?? e.role}: ${e.name_local}${e.name_en && e.name_en !== e.name_local ? ` (${e.name_en})` : ''}${e.url ? ` <${e.url}>` : ''}${e.as_of ? ` [${e.as_of}]` : ''}${e.change ? ` — ${e.change}` : ''}`, { size: 8.5, indent: 8 });
  }
  if (c.missing_roles.length) put(doc, lang, `${w.contactsMissing}: ${c.missing_roles.map((r) => w.roles[r] ?? r).join(', ')}`, { size: 8.5, color: WARN });
  sourceLine(doc, lang, w, c.sources);

  // Tariffs
  const t = brief.tariffs;
  heading(doc, lang, w.section.tariffs);
  if (!t.editions.length && !t.links.length) put(doc, lang, w.noData, { size: 9, color: WARN });
  for (const e of t.editions) put(doc, lang, `• ${w.schedules}: ${e.publisher}, ${e.edition} — ${fmt(lang, e.lines, 0)} ${w.lines}`, { size: 8.5, indent: 8 });
  if (t.links.length) put(doc, lang, `${w.officialLinks}: ${t.links.map((l) => l.url).join(', ')}`, { size: 8.5 });
  sourceLine(doc, lang, w, t.sources);

  // Every source, once
  heading(doc, lang, w.sources);
  const all = new Map<string, SourceRow>();
  for (const b of [brief.indicators, brief.marketplaces, brief.regulation, brief.facilitation, brief.support, brief.contacts, brief.tariffs]) for (const src of b.sources) all.set(src.id, src);
  for (const src of [...all.values()].sort((a, b) => a.publisher.localeCompare(b.publisher) || a.id.localeCompare(b.id))) {
    put(doc, lang, `${src.publisher}${src.title ? `, ${src.title}` : ''}${src.url ? ` <${src.url}>` : ''}${src.license ? ` [${src.license}]` : ''}${src.retrieved_at ? `; ${src.retrieved_at.slice(0, 10)}` : ''}${src.synthetic ? ` — ${w.synthetic}` : ''}`, { size: 7 });
  }
  doc.moveDown(0.6);
  put(doc, lang, `${w.footer} ${fill(w.made, { date: brief.made })}.`, { size: 7.5, color: MUTED });
  return toBuffer(doc);
}
