/**
 * A source's URL as a link target and the words the record adds after it: some records write
 * "https://host (Wikipedia: page, 2018 snapshot)". Only a web address is linked; what follows it is
 * shown as text, and a field that is no address at all is not a link.
 */
export function splitSourceUrl(url: string): { href: string | null; note: string | null } {
  const m = /^(https?:\/\/[^\s]+)\s*(.*)$/i.exec(url.trim());
  if (!m || !URL.canParse(m[1])) return { href: null, note: url.trim() || null };
  return { href: m[1], note: m[2] || null };
}
