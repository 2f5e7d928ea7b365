import { formatList } from '../../lib/format';
export { countryName } from '../../lib/country-names';

/** A list in the reader's language ("a, b and c"). */
export function formatListSafe(items: readonly string[], lang: string): string {
  return formatList(items, lang);
}
