// The export composer (issue #15, item 4): a chart's SVG framed with its title, subtitle, source
// line, licence, "Puente" and the page's address, as one standalone SVG document. Pure: strings in,
// a string out, so every word drawn into a downloaded image is unit-tested without a browser.
import type { Source } from '../api';

/** What a chart says about itself; the page passes the same facts as its heading and SourceLine. */
export interface ChartMeta {
  title: string;
  /** What / where / when, e.g. "Percentage of population · Peru, Chile · 2010–2024". */
  subtitle?: string | null;
  sources?: readonly Source[] | null;
  /** Extra words for the source line (the note SourceLine shows after the sources). */
  note?: string | null;
  /** The chart's HTML legend (outside its SVG), drawn into the image under the chart. */
  legend?: readonly LegendItem[] | null;
  /** The legend's heading (a map's unit). */
  legendTitle?: string | null;
}

export interface LegendItem {
  label: string;
  color: string;
  /** A line (series) or a filled swatch (bins, bars); `hatch` is "no data". */
  mark?: 'line' | 'swatch' | 'hatch';
}

/** The interface words the composer draws, in the reader's language. */
export interface ExportWords {
  sourceLabel: (count: number) => string;
  sourceUnknown: string;
  licence: string;
  licenceUnknown: string;
  retrievedOn: (date: string) => string;
  retrievedUnknown: string;
  /** The word stamped on an image with synthetic data (always also "SYNTHETIC" in English). */
  synthetic: string;
  syntheticNote: string;
  licencesLine: (licences: string) => string;
}

/** One drawn <svg> of the chart (the plot, a colour legend), serialised by XMLSerializer. */
export interface ChartPart {
  svg: string;
  width: number;
  height: number;
}

/** What a chart component hands PlotFigure so it can offer downloads and an embed code. */
export interface ChartShare {
  meta: ChartMeta;
  /** The chart-only route of this chart with the page's query (`/embed/...?...`), when it has one. */
  embed?: string | null;
}

export interface ComposeInput {
  /** The chart's <svg> elements, stacked top to bottom (a Plot figure with a legend has two). */
  parts: readonly ChartPart[];
  meta: ChartMeta;
  words: ExportWords;
  pageUrl: string;
  lang: string;
}

const FONT = "'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans CJK KR', system-ui, sans-serif";
const PAD = 16;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A date as precise as the source gives it ("2024", "May 2024", "12 May 2024"), as SourceLine shows it. */
export function formatSourceDate(text: string, lang: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  if (/^\d{4}$/.test(text)) return text;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return text;
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

/** One source as SourceLine writes it: [SYNTHETIC] publisher — title. Licence: x. Retrieved date. */
export function sourceText(s: Source, words: ExportWords, lang: string): string {
  const name = s.publisher ?? s.title ?? s.id;
  const parts = [
    `${s.synthetic ? `[${words.synthetic.toUpperCase()}] ` : ''}${name}${s.title && s.publisher ? ` — ${s.title}` : ''}.`,
    `${words.licence}: ${s.license ?? words.licenceUnknown}.`,
    s.retrieved_at ? words.retrievedOn(formatSourceDate(s.retrieved_at, lang)) : words.retrievedUnknown,
  ];
  return parts.join(' ');
}

/** The whole source line of a chart: every source (the image has no "more" fold), then the note. */
export function sourceLineText(meta: ChartMeta, words: ExportWords, lang: string): string {
  const list = meta.sources ?? [];
  const body = list.length ? list.map((s) => sourceText(s, words, lang)).join('; ') : words.sourceUnknown;
  return `${words.sourceLabel(Math.max(1, list.length))} ${body}${meta.note ? ` ${meta.note}` : ''}`;
}

export function isSynthetic(meta: ChartMeta): boolean {
  return (meta.sources ?? []).some((s) => s.synthetic);
}

/** Rough advance of a character in ems: wide for CJK and full-width forms, narrow otherwise. */
function charEm(c: string): number {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60))) return 1;
  if (/[A-Z MWmw@%—]/.test(c)) return 0.68;
  if (/[il.,:;'|!()[\] ]/.test(c)) return 0.3;
  return 0.56;
}

/** Greedy line breaking by estimated width; words longer than a line (URLs, CJK runs) break anywhere. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const limit = Math.max(fontSize * 4, maxWidth);
  const width = (s: string) => [...s].reduce((w, c) => w + charEm(c) * fontSize, 0);
  const lines: string[] = [];
  let line = '';
  // Keep spaces as break points; CJK text has none, so every character is one.
  const tokens = text.match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]+|\s+/g) ?? [];
  for (const tok of tokens) {
    if (/^\s+$/.test(tok)) {
      if (line) line += ' ';
      continue;
    }
    if (width(line + tok) <= limit) {
      line += tok;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
    let rest = tok;
    while (width(rest) > limit) {
      let cut = 1;
      while (cut < rest.length && width(rest.slice(0, cut + 1)) <= limit) cut++;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [''];
}

/** The chart's own <svg>, made a nested element of the composed document at (x, y). */
function placeChart(chartSvg: string, x: number, y: number): string {
  const body = chartSvg.replace(/^\s*<\?xml[^>]*>\s*/, '');
  return body.replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
}

/**
 * The standalone SVG: white page, title (bold), subtitle, a SYNTHETIC stamp when any source is
 * synthetic, the chart, then the source line (with each source's licence), the licences again on
 * a line of their own, and "Puente · <page address>".
 */
export function composeChartSvg(input: ComposeInput): { svg: string; width: number; height: number } {
  const { meta, words, lang } = input;
  const chartWidth = Math.max(0, ...input.parts.map((p) => p.width));
  const width = Math.max(320, Math.round(chartWidth + PAD * 2));
  const inner = width - PAD * 2;
  const synthetic = isSynthetic(meta);
  const parts: string[] = [];
  let y = PAD;
  const text = (lines: string[], size: number, attrs: string) => {
    for (const l of lines) {
      y += size * 1.3;
      parts.push(`<text x="${PAD}" y="${y.toFixed(1)}" font-size="${size}" ${attrs}>${escapeXml(l)}</text>`);
    }
  };
  text(wrapText(meta.title, inner, 18), 18, 'font-weight="700" fill="#1b2631"');
  if (meta.subtitle) text(wrapText(meta.subtitle, inner, 13), 13, 'fill="#4a5560"');
  if (synthetic) {
    const stamp = words.synthetic.toUpperCase() === 'SYNTHETIC' ? 'SYNTHETIC' : `SYNTHETIC · ${words.synthetic.toUpperCase()}`;
    text(wrapText(`${stamp} — ${words.syntheticNote}`, inner, 13), 13, 'font-weight="700" fill="#a4161a" data-synthetic="true"');
  }
  y += 8;
  for (const part of input.parts) {
    parts.push(placeChart(part.svg, PAD, y));
    y += part.height + 4;
  }
  if (meta.legend?.length) y = drawLegend(parts, meta.legend, meta.legendTitle ?? null, y, inner);
  y += 2;
  parts.push(`<line x1="${PAD}" x2="${width - PAD}" y1="${y}" y2="${y}" stroke="#d5dade"/>`);
  y += 2;
  text(wrapText(sourceLineText(meta, words, lang), inner, 11), 11, 'fill="#333c44" data-part="source"');
  const licences = [...new Set((meta.sources ?? []).map((s) => s.license ?? words.licenceUnknown))];
  if (licences.length) text(wrapText(words.licencesLine(licences.join(', ')), inner, 11), 11, 'fill="#333c44" data-part="licence"');
  text(wrapText(`Puente · ${input.pageUrl}`, inner, 11), 11, 'fill="#0b4f6c" data-part="credit"');
  y += PAD;
  const height = Math.ceil(y);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" lang="${escapeXml(lang)}">` +
    `<title>${escapeXml(meta.title)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    parts.join('') +
    `</svg>`;
  return { svg, width, height };
}

/** Legend items in rows that wrap at the width; returns the y below them. */
function drawLegend(out: string[], items: readonly LegendItem[], title: string | null, y0: number, inner: number): number {
  const size = 11;
  const em = (s: string) => wrapText(s, 10_000, size).join(' ');
  const widthOf = (s: string) => [...s].reduce((w, c) => w + charEm(c) * size, 0);
  let x = PAD;
  let y = y0 + 12;
  if (title) {
    out.push(`<text x="${x}" y="${y}" font-size="${size}" font-weight="700" fill="#333c44">${escapeXml(title)}</text>`);
    x += widthOf(title) + 12;
  }
  for (const it of items) {
    const label = em(it.label);
    const w = 22 + widthOf(label) + 14;
    if (x + w > PAD + inner && x > PAD) {
      x = PAD;
      y += 17;
    }
    const c = escapeXml(it.color);
    if (it.mark === 'line') out.push(`<line x1="${x}" x2="${x + 18}" y1="${y - 4}" y2="${y - 4}" stroke="${c}" stroke-width="2.5"/>`);
    else if (it.mark === 'hatch') out.push(`<rect x="${x}" y="${y - 10}" width="16" height="11" fill="#f4f4f4" stroke="#7d8790" stroke-dasharray="2 2"/>`);
    else out.push(`<rect x="${x}" y="${y - 10}" width="16" height="11" fill="${c}"/>`);
    out.push(`<text x="${x + 22}" y="${y}" font-size="${size}" fill="#333c44" data-part="legend">${escapeXml(label)}</text>`);
    x += w;
  }
  return y + 8;
}

/** A file name from the chart's title: letters, digits and dashes. */
export function exportFilename(title: string, ext: 'svg' | 'png'): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'chart';
  return `puente-${base}.${ext}`;
}
