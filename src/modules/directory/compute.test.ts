import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { loadChanges } from './changes.js';
import { changeOf, coverage, entryKey, unmatchedChanges } from './compute.js';
import { ROLE_CODES, type Entry } from './schema.js';
import { toVcards } from './vcard.js';

const shared = csvRecords(readFileSync(join(SHARED_DATA, 'directory/directory.csv'), 'utf8')).map((r) => ({ ...r, iso3: r.iso3, role: r.role, name_local: r.name_local, source_url: r.source_url, name_en: r.name_en || null }));

describe('directory: known changes, coverage, ids, vCard', () => {
  it('every known change matches a shared row (a stale rule is caught), and each matched row is kept', () => {
    const { changes } = loadChanges();
    expect(unmatchedChanges(shared, changes)).toEqual([]);
    // The three the data README names are among them.
    const kinds = Object.fromEntries(shared.map((r) => [`${r.iso3}/${r.role}/${r.name_local}`, changeOf(r, changes)?.kind ?? null]).filter(([, k]) => k));
    expect(Object.entries(kinds).find(([k]) => k.startsWith('MEX/data_protection'))?.[1]).toBe('dissolved');
    expect(Object.entries(kinds).find(([k]) => k.startsWith('NIC/export_promotion'))?.[1]).toBe('successor');
    expect(Object.entries(kinds).find(([k]) => k.startsWith('ARG/customs'))?.[1]).toBe('renamed');
    // Only rows of the same economy and role match.
    expect(changeOf({ iso3: 'PER', role: 'customs', name_local: 'ARCA', name_en: null }, changes)).toBeNull();
  });

  it('every shared role is a known role, and every row gets its own id', () => {
    for (const r of shared) expect(ROLE_CODES, r.role).toContain(r.role);
    const ids = shared.map((r) => entryKey(r.iso3, r.role, r.name_local, r.source_url || null));
    expect(new Set(ids).size).toBe(shared.length);
  });

  it('coverage counts entries per economy and role, 0 where none is recorded', () => {
    const m = coverage(
      [
        { iso3: 'PER', role: 'customs' },
        { iso3: 'PER', role: 'customs' },
        { iso3: 'CHL', role: 'sme_agency' },
        { iso3: 'ZZZ', role: 'customs' },
      ],
      ['PER', 'CHL'],
      ['customs', 'sme_agency'],
    );
    expect(Object.fromEntries([...m].map(([e, cells]) => [e, Object.fromEntries(cells)]))).toEqual({ PER: { customs: 2, sme_agency: 0 }, CHL: { customs: 0, sme_agency: 1 } });
  });

  it('vCards parse back with names, URL, to-verify and known change', () => {
    const entry: Entry = {
      id: 'dir-mex-data-protection-x', iso3: 'MEX', role: 'data_protection', name_local: 'Instituto Nacional (INAI); datos, personales', name_en: 'National Institute',
      official_url: 'https://home.inai.org.mx/', url_evidence: null, url_status: 404, url_ok: false, url_checked_at: '2025-01-01T00:00:00Z', source_url: 'https://example.org/s',
      source_type: 'news', as_of: '2016-12', trust: 'C', to_verify: true, note: null, change_kind: 'dissolved', change_year: 2025, change_note: 'INAI was dissolved (2025).',
      change_note_es: null, source_id: null, updated_at: '2025-05-01T00:00:00.000Z',
    };
    const text = toVcards([entry, { ...entry, id: 'dir-2', official_url: null, name_en: null, to_verify: false, change_note: null, url_ok: null }], () => 'Mexico');
    const cards = ICAL.parse(`${text}\r\n`) as unknown as unknown[];
    expect(cards).toHaveLength(2);
    const [a, b] = cards.map((c) => new ICAL.Component(c as never));
    expect(a.getFirstPropertyValue('org')).toBe('Instituto Nacional (INAI); datos, personales');
    expect(a.getFirstPropertyValue('fn')).toBe('National Institute');
    expect(a.getFirstPropertyValue('url')).toBe('https://home.inai.org.mx/');
    expect(String(a.getFirstPropertyValue('note'))).toMatch(/To be verified.*Known change: INAI was dissolved \(2025\)\..*failed the last link check \(404\)/);
    expect(b.getFirstPropertyValue('url')).toBeNull();
    expect(b.getFirstPropertyValue('fn')).toBe('Instituto Nacional (INAI); datos, personales');
  });
});
