// Embed codes: a chart-only route (/embed/<page path>) in an <iframe> another site can paste.
import { escapeXml } from '../charts/export';
import { LANG_PARAM } from './languages';

/** The chart-only path of a page path, with the page's query (the view) and without its language. */
export function embedPath(pagePath: string, search: string | URLSearchParams = ''): string {
  const params = new URLSearchParams(search);
  params.delete(LANG_PARAM);
  const q = params.toString().replace(/%7E/gi, '~');
  return `/embed${pagePath.startsWith('/') ? pagePath : `/${pagePath}`}${q ? `?${q}` : ''}`;
}

/** The page a chart-only route belongs to: `/embed/readiness?x=1` -> `/readiness?x=1`. */
export function pageOfEmbed(embed: string): string {
  return embed.replace(/^\/embed(?=\/)/, '');
}

/** The absolute address of an embed path, in the reader's language. */
export function embedHref(embed: string, origin: string, lang: string): string {
  const url = new URL(embed, origin);
  url.searchParams.set(LANG_PARAM, lang);
  return url.toString().replace(/%7E/gi, '~');
}

/** The snippet to paste: a responsive, lazy, titled iframe (its title names the chart for screen readers). */
export function embedCode(href: string, title: string, height = 560): string {
  return `<iframe src="${escapeXml(href)}" title="${escapeXml(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}
