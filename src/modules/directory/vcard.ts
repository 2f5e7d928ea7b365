import ICAL from 'ical.js';
import type { Entry } from './schema.js';

// vCard 4.0 (RFC 6350) of directory entries, written by ical.js: one card per body, with its
// names, official URL (only where seen), role, economy and where the facts come from.

export function toVcards(entries: Entry[], economyName: (iso3: string) => string): string {
  return entries
    .map((e) => {
      const card = new ICAL.Component('vcard');
      card.addPropertyWithValue('version', '4.0');
      card.addPropertyWithValue('kind', 'org');
      const name = e.name_en ?? e.name_local;
      card.addPropertyWithValue('fn', name);
      // ORG is a structured value: given as one component, its ; and , are escaped.
      const org = new ICAL.Property('org');
      org.setValue([e.name_local] as never);
      card.addProperty(org);
      if (e.name_en && e.name_en !== e.name_local) {
        const alt = card.addPropertyWithValue('nickname', e.name_en);
        alt.setParameter('language', 'en');
      }
      card.addPropertyWithValue('role', e.role.replace(/_/g, ' '));
      const categories = new ICAL.Property('categories');
      categories.setValues(['Puente directory', e.role, e.iso3]);
      card.addProperty(categories);
      if (e.official_url) card.addPropertyWithValue('url', e.official_url);
      const notes = [
        `${economyName(e.iso3)} (${e.iso3}), ${e.role.replace(/_/g, ' ')}.`,
        e.to_verify ? 'To be verified: one detail was not read on the cited page.' : null,
        e.change_note ? `Known change: ${e.change_note}` : null,
        e.url_ok === false ? `The official URL failed the last link check (${e.url_status ?? 'no answer'}).` : null,
        `Source: ${e.source_url ?? 'not given'}${e.as_of ? ` (as of ${e.as_of})` : ''}; trust ${e.trust ?? 'not stated'}.`,
      ].filter(Boolean);
      card.addPropertyWithValue('note', notes.join(' '));
      card.addPropertyWithValue('uid', `urn:puente:directory:${e.id}`);
      card.addPropertyWithValue('rev', e.updated_at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z'));
      return card.toString();
    })
    .join('\r\n');
}
