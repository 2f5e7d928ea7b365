// Content from the data (framework names, answers, definitions) in the page's language. The
// translation files are keyed by the content's stable id; where a language has no translation
// yet, the source text is returned marked as such, so a page never shows it silently (see
// components/ContentText.tsx and docs/translations.md).
import { lookupContent } from '../i18n';
import { DEFAULT_LANG } from './languages';

/** The versioned content sets and their tables (web/src/i18n/content/<lang>.json). */
export type ContentKey =
  | { set: 'rdtii-2.1'; kind: 'pillar' | 'indicator' | 'answer' }
  | { set: 'indicators'; kind: 'definition' };

export interface Localised {
  text: string;
  /** The language the text is in (the source's when there is no translation). */
  lang: string;
  /** False when the page's language has no translation and the source text stands in. */
  translated: boolean;
}

/** The content's text in `lang`, or the source text (English) marked untranslated. */
export function localise(key: ContentKey, id: string, source: string, lang: string, sourceLang: string = DEFAULT_LANG): Localised {
  if (lang === sourceLang) return { text: source, lang, translated: true };
  const text = lookupContent(key.set, key.kind, id, lang);
  return text ? { text, lang, translated: true } : { text: source, lang: sourceLang, translated: false };
}

/** For labels that cannot carry markup (chart labels, options): the text alone. */
export function contentLabel(key: ContentKey, id: string, source: string, lang: string): string {
  return localise(key, id, source, lang).text;
}

export const RDTII_PILLAR: ContentKey = { set: 'rdtii-2.1', kind: 'pillar' };
export const RDTII_INDICATOR: ContentKey = { set: 'rdtii-2.1', kind: 'indicator' };
export const RDTII_ANSWER: ContentKey = { set: 'rdtii-2.1', kind: 'answer' };
export const INDICATOR_DEFINITION: ContentKey = { set: 'indicators', kind: 'definition' };

/**
 * The framework with its pillar and indicator names and answer texts in `lang`, for views that
 * read them from the framework object. An untranslated text keeps its source words followed by
 * `note` (e.g. "(in English)"): plain-text places (options, chart labels) cannot carry a lang
 * attribute, so the note says it.
 */
export function localiseFramework<
  F extends { id: string; version: string; pillars: { id: string; name: string; indicators: { id: string; name: string; options: { id: string; criterion: string }[] }[] }[] },
>(fw: F | undefined, lang: string, note: string): F | undefined {
  if (!fw || lang === DEFAULT_LANG || `${fw.id}-${fw.version}` !== 'rdtii-2.1') return fw;
  const text = (key: ContentKey, id: string, source: string) => {
    const c = localise(key, id, source, lang);
    return c.translated ? c.text : `${c.text} (${note})`;
  };
  return {
    ...fw,
    pillars: fw.pillars.map((p) => ({
      ...p,
      name: text(RDTII_PILLAR, p.id, p.name),
      indicators: p.indicators.map((i) => ({
        ...i,
        name: text(RDTII_INDICATOR, i.id, i.name),
        options: i.options.map((o) => ({ ...o, criterion: text(RDTII_ANSWER, o.id, o.criterion) })),
      })),
    })),
  };
}
