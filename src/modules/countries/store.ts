import type { Kysely } from 'kysely';
import { upsertSources } from '../../platform/ingest/provenance.js';
import { insertBatches } from '../../platform/ingest/run.js';
import { isoCodes } from './names.js';
import { ENGLISH_NAMES, GROUPS, ISO_SOURCE, LANGUAGES, MEMBERS, MEMBERSHIP_SOURCE } from './reference.js';
import type { Country } from './schema.js';
import type { SourceRow } from '../../platform/http/api.js';

/** Writes the members, their ISO codes and names, and the sub-regional groups. Idempotent. */
export async function seedCountries(db: Kysely<any>): Promise<void> {
  const sourceRecords = [MEMBERSHIP_SOURCE, ...GROUPS.map((g) => ({ ...g.source, license: 'Facts (no licence needed)' }))];
  // Each source's own "as of" date, never the start time (reference.ts says why).
  const ids = await upsertSources(db, [...sourceRecords, ISO_SOURCE].map(({ as_of, ...s }) => ({ ...s, retrieved_at: as_of })));
  const [membershipId, ...groupIds] = [...ids.values()];

  const existing = new Set((await db.selectFrom('countries').select('iso3').execute()).map((r) => r.iso3 as string));
  const rows = Object.entries(MEMBERS).map(([iso3, [region, year]]) => {
    const iso = isoCodes(iso3);
    return { iso3, iso2: iso.iso2, iso_numeric: iso.iso_numeric, name_en: ENGLISH_NAMES[iso3] ?? iso.names.en ?? iso3, fealac_region: region, year_joined: year, source_id: membershipId };
  });
  // Seeding never overwrites what a data steward imported (e.g. a confirmed year of accession).
  const fresh = rows.filter((r) => !existing.has(r.iso3));
  if (fresh.length) await insertBatches(db, 'countries', fresh, { columns: ['iso3'], update: [] });

  const names = Object.keys(MEMBERS).flatMap((iso3) => {
    const iso = isoCodes(iso3);
    return LANGUAGES.filter((l) => iso.names[l]).map((lang) => ({ iso3, lang, name: iso.names[lang] }));
  });
  await insertBatches(db, 'country_names', names, { columns: ['iso3', 'lang'], update: ['name'] });

  await insertBatches(
    db,
    'country_groups',
    GROUPS.map((g, i) => ({ code: g.code, name_en: g.name_en, name_es: g.name_es, kind: g.kind, note: g.note ?? null, source_id: groupIds[i] })),
    { columns: ['code'], update: ['name_en', 'name_es', 'kind', 'note', 'source_id'] },
  );
  await db.deleteFrom('country_group_members').execute();
  await insertBatches(
    db,
    'country_group_members',
    GROUPS.flatMap((g) => Object.entries(g.members).map(([iso3, status]) => ({ group_code: g.code, iso3, status }))),
    { columns: ['group_code', 'iso3'], update: ['status'] },
  );
}

export async function memberCodes(db: Kysely<any>): Promise<string[]> {
  return (await db.selectFrom('countries').select('iso3').orderBy('iso3').execute()).map((r) => r.iso3 as string);
}

/** The economies in any of the given sub-regional groups (whatever their membership status). */
export async function groupMembers(db: Kysely<any>, groups: string[]): Promise<string[]> {
  if (!groups.length) return [];
  const rows = await db.selectFrom('country_group_members').select('iso3').distinct().where('group_code', 'in', groups).orderBy('iso3').execute();
  return rows.map((r) => r.iso3 as string);
}

export interface CountryFilter {
  region?: 'East Asia' | 'Latin America';
  group?: string;
  countries?: string[];
}

export async function listCountries(db: Kysely<any>, filter: CountryFilter = {}): Promise<Country[]> {
  let q = db.selectFrom('countries').selectAll().orderBy('name_en');
  if (filter.region) q = q.where('fealac_region', '=', filter.region);
  if (filter.countries?.length) q = q.where('iso3', 'in', filter.countries);
  if (filter.group) {
    q = q.where('iso3', 'in', db.selectFrom('country_group_members').select('iso3').where('group_code', '=', filter.group));
  }
  const rows = await q.execute();
  if (!rows.length) return [];
  const codes = rows.map((r) => r.iso3 as string);
  const names = await db.selectFrom('country_names').selectAll().where('iso3', 'in', codes).execute();
  const groups = await db.selectFrom('country_group_members').selectAll().where('iso3', 'in', codes).orderBy('group_code').execute();
  return rows.map((r) => {
    const byLang = Object.fromEntries(names.filter((n) => n.iso3 === r.iso3).map((n) => [`name_${n.lang}`, n.name]));
    return {
      iso3: r.iso3,
      iso2: r.iso2,
      iso_numeric: r.iso_numeric,
      ...Object.fromEntries(LANGUAGES.map((l) => [`name_${l}`, byLang[`name_${l}`] ?? null])),
      name_en: r.name_en,
      fealac_region: r.fealac_region,
      subregions: groups.filter((g) => g.iso3 === r.iso3).map((g) => g.group_code as string),
      year_joined: r.year_joined,
    } as Country;
  });
}

export async function listGroups(db: Kysely<any>) {
  const groups = await db.selectFrom('country_groups').selectAll().orderBy('code').execute();
  const members = await db.selectFrom('country_group_members').selectAll().orderBy('iso3').execute();
  return groups.map((g) => ({
    code: g.code as string,
    name_en: g.name_en as string,
    name_es: g.name_es as string,
    kind: g.kind as string,
    note: (g.note as string | null) ?? null,
    members: members.filter((m) => m.group_code === g.code).map((m) => m.iso3 as string),
  }));
}

export async function listPairs(db: Kysely<any>, origin: string) {
  return db
    .selectFrom('country_pairs')
    .select(['iso3_o', 'iso3_d', 'dist_km', 'distcap_km', 'distw_km', 'contig', 'comlang_off', 'comlang_ethno'])
    .where('iso3_o', '=', origin)
    .orderBy('iso3_d')
    .execute();
}

export async function pairSources(db: Kysely<any>, origin: string) {
  return db
    .selectFrom('sources')
    .select(['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'])
    .where('id', 'in', db.selectFrom('country_pairs').select('source_id').where('iso3_o', '=', origin))
    .execute();
}

export async function countryStats(db: Kysely<any>) {
  const [c] = await db.selectFrom('countries').select((eb) => eb.fn.countAll().as('n')).execute();
  const [p] = await db.selectFrom('country_pairs').select((eb) => eb.fn.countAll().as('n')).execute();
  return { countries: Number(c.n), country_pairs: Number(p.n) };
}

/** Sources behind the country reference tables (membership, groups, ISO names). */
export async function sourcesFor(db: Kysely<any>, _what: 'countries'): Promise<SourceRow[]> {
  return db
    .selectFrom('sources')
    .select(['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'])
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('countries').select('source_id')),
        eb('id', 'in', eb.selectFrom('country_groups').select('source_id')),
        eb('publisher', 'like', 'i18n-iso-countries%'),
      ]),
    )
    .orderBy('publisher')
    .execute() as Promise<SourceRow[]>;
}
