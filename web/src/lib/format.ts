// Numbers and dates in the reader's language. Years are never grouped ("2023", not "2,023").
const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, opts);
    cache.set(key, f);
  }
  return f;
}

export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Significant-enough digits for indicator values of any magnitude. */
export function formatValue(v: number | null | undefined, lang: string): string {
  if (!isNumber(v)) return '';
  const a = Math.abs(v);
  if (a >= 1e7) return nf(lang, { notation: 'compact', maximumFractionDigits: 2 }).format(v);
  if (a >= 1000) return nf(lang, { maximumFractionDigits: 0 }).format(v);
  if (a >= 100) return nf(lang, { maximumFractionDigits: 1 }).format(v);
  if (a >= 10) return nf(lang, { maximumFractionDigits: 1 }).format(v);
  return nf(lang, { maximumFractionDigits: 2 }).format(v);
}

export function formatNumber(v: number | null | undefined, lang: string, digits = 0): string {
  if (!isNumber(v)) return '';
  return nf(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}

export function formatSigned(v: number | null | undefined, lang: string, digits = 1): string {
  if (!isNumber(v)) return '';
  return nf(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v);
}

export function formatInteger(v: number | null | undefined, lang: string): string {
  return formatNumber(v, lang, 0);
}

/** Axis ticks: compact for big numbers. */
export function formatTick(v: number, lang: string): string {
  if (Math.abs(v) >= 1e4) return nf(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
  return nf(lang, { maximumFractionDigits: 2 }).format(v);
}

export function formatYear(v: number | null | undefined): string {
  return isNumber(v) ? String(Math.round(v)) : '';
}

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = dateFormats.get(lang);
  if (!f) dateFormats.set(lang, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' })));
  return f.format(d);
}
// Formatters are costly to make (issue #20: a page of sources or a table made one per cell).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

/** "en" -> "English" etc. in the given display language, for lists of languages. */
export function formatList(items: readonly string[], lang: string): string {
  try {
    let f = listFormats.get(lang);
    if (!f) listFormats.set(lang, (f = new Intl.ListFormat(lang, { style: 'short', type: 'conjunction' })));
    return f.format(items);
  } catch {
    return items.join(', ');
  }
}
