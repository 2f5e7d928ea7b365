// The methodology pages read the same files that make docs/methodology.md (issue #15: one
// source): docs/methodology/<module>.md in English, <module>.<lang>.md translated. Each file is
// its own small chunk, loaded when its page opens. Markdown is rendered by markdown-it with raw
// HTML off (the text is escaped) and its link check on (no javascript: URLs).
import MarkdownIt from 'markdown-it';
import { METHODOLOGY_MODULES } from './methodology-modules';

export { isMethodologyModule } from './methodology-modules';

const files = import.meta.glob<string>('../../../docs/methodology/*.md', { query: '?raw', import: 'default' });

function loaderFor(module: string, lang: string): (() => Promise<string>) | undefined {
  return files[`../../../docs/methodology/${lang === 'en' ? module : `${module}.${lang}`}.md`];
}

export interface MethodologyText {
  /** The language the text is in: the one asked for, or English when it has no translation yet. */
  lang: string;
  translated: boolean;
  title: string;
  html: string;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Links between docs files (`data-formats.md`, `#escap-measures`) have no page in the app: they
// are shown as their text. Web addresses open in a new tab.
const defaultLinkOpen = md.renderer.rules.link_open;
md.core.ruler.push('puente_links', (state) => {
  for (const block of state.tokens) {
    if (!block.children) continue;
    const kept = [];
    let skipClose = 0;
    for (const tok of block.children) {
      if (tok.type === 'link_open') {
        const href = String(tok.attrGet('href') ?? '');
        if (!/^https?:\/\//.test(href)) {
          skipClose++;
          continue;
        }
        kept.push(tok);
        continue;
      }
      if (tok.type === 'link_close' && skipClose > 0) {
        skipClose--;
        continue;
      }
      kept.push(tok);
    }
    block.children = kept;
  }
});
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  tokens[idx].attrSet('target', '_blank');
  return defaultLinkOpen ? defaultLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

// The page's h1 is the file's title, so the body's highest headings become h2 (no level skipped).
md.core.ruler.push('puente_heading_levels', (state) => {
  const levels = state.tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
  const shift = levels.length ? Math.min(...levels) - 2 : 0;
  if (shift <= 0) return;
  for (const t of state.tokens) if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Number(t.tag.slice(1)) - shift}`;
});

/** The page's title is the file's first heading; the rest is the body. */
export function renderMethodology(source: string): { title: string; html: string } {
  const text = source.trim();
  const first = /^##\s+(.+)\n?/.exec(text);
  const title = first ? first[1].trim() : '';
  const body = first ? text.slice(first[0].length) : text;
  return { title, html: md.render(body) };
}

/** A module's methodology in `lang`, or in English (marked untranslated) when it has none yet. */
export async function loadMethodology(module: string, lang: string): Promise<MethodologyText> {
  const own = loaderFor(module, lang);
  const english = loaderFor(module, 'en');
  if (!english) throw new Error(`no methodology for ${module}`);
  const source = await (own ?? english)();
  return { lang: own ? lang : 'en', translated: !!own, ...renderMethodology(source) };
}

/** Titles of every module in `lang` (English where untranslated), for the index page. */
export async function loadMethodologyTitles(lang: string): Promise<{ module: string; title: string; translated: boolean }[]> {
  return Promise.all(
    METHODOLOGY_MODULES.map(async (module) => {
      const text = await loadMethodology(module, lang);
      return { module, title: text.title, translated: text.translated };
    }),
  );
}
