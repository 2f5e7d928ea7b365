import type { Kysely } from 'kysely';
import type { Issue } from '../../platform/ingest/report.js';
import { upsertSources } from '../../platform/ingest/provenance.js';
import { insertBatches, type Importer } from '../../platform/ingest/run.js';
import { isoCodes } from './names.js';
import { MEMBERSHIP_SOURCE } from './reference.js';
import { memberCodes } from './store.js';

const iso3Of = async (db: Kysely<any>) => ({ values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' });

/** iso3,name_en,fealac_region,year_joined — corrects membership facts (e.g. a confirmed year). */
export const membersImporter: Importer = {
  name: 'countries/members',
  module: 'countries',
  order: 10,
  signature: ['iso3', 'fealac_region', 'year_joined'],
  spec: async (db) => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: await iso3Of(db) },
      { name: 'name_en', type: 'text', required: false },
      { name: 'fealac_region', type: 'text', oneOf: { values: ['East Asia', 'Latin America'], label: 'FEALAC region' } },
      { name: 'year_joined', type: 'integer', required: false },
    ],
    key: ['iso3'],
  }),
  async write(tx, rows, meta) {
    const ids = await upsertSources(tx, [{ ...MEMBERSHIP_SOURCE, imported_at: meta.now, note: `imported from ${meta.file}` }]);
    const sourceId = [...ids.values()][0];
    for (const r of rows) {
      await tx
        .updateTable('countries')
        .set({ fealac_region: r.fealac_region, year_joined: r.year_joined ?? null, source_id: sourceId, ...(r.name_en ? { name_en: r.name_en } : {}) })
        .where('iso3', '=', r.iso3 as string)
        .execute();
    }
    return rows.length;
  },
};

const NAME_LANGS = ['en', 'es', 'pt', 'zh', 'ja', 'ko', 'vi', 'th', 'id', 'ms', 'mn', 'km'];

/** iso3,iso2,iso_numeric,name_<lang>... — names in more languages than the package build carries. */
export const namesImporter: Importer = {
  name: 'countries/names',
  module: 'countries',
  order: 11,
  signature: ['iso3', 'iso2', 'iso_numeric', 'name_en'],
  spec: async (db) => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: await iso3Of(db) },
      { name: 'iso2', type: 'text', pattern: { regex: '[A-Z]{2}', label: 'an ISO alpha-2 code' } },
      { name: 'iso_numeric', type: 'text', pattern: { regex: '[0-9]{3}', label: 'a 3-digit ISO numeric code' } },
      ...NAME_LANGS.map((l) => ({ name: `name_${l}`, type: 'text' as const, required: false })),
    ],
    key: ['iso3'],
  }),
  check(rows, file) {
    const issues: Issue[] = [];
    rows.forEach((r, i) => {
      const iso = isoCodes(r.iso3 as string);
      if (iso.iso2 !== r.iso2) issues.push({ file, line: i + 2, field: 'iso2', message: `"${r.iso2}" does not match ISO 3166 (${r.iso3} is ${iso.iso2})` });
      if (iso.iso_numeric !== r.iso_numeric) issues.push({ file, line: i + 2, field: 'iso_numeric', message: `"${r.iso_numeric}" does not match ISO 3166 (${r.iso3} is ${iso.iso_numeric})` });
    });
    return issues;
  },
  async write(tx, rows) {
    const names = rows.flatMap((r) =>
      NAME_LANGS.filter((l) => r[`name_${l}`]).map((lang) => ({ iso3: r.iso3, lang, name: r[`name_${lang}`] })),
    );
    await insertBatches(tx, 'country_names', names, { columns: ['iso3', 'lang'], update: ['name'] });
    return rows.length;
  },
};

const PAIR_VARIABLES: Record<string, string> = {
  dist: 'dist_km',
  distcap: 'distcap_km',
  distw: 'distw_km',
  contig: 'contig',
  comlang_off: 'comlang_off',
  comlang_ethno: 'comlang_ethno',
};

/** Long-format CEPII GeoDist pairs: iso3_o,iso3_d,variable,variable_name,value,source,source_url,license. */
export const pairsImporter: Importer = {
  name: 'countries/pairs',
  module: 'countries',
  order: 12,
  signature: ['iso3_o', 'iso3_d', 'variable', 'value'],
  spec: async (db) => {
    const iso = await iso3Of(db);
    return {
      columns: [
        { name: 'iso3_o', type: 'text', oneOf: iso },
        { name: 'iso3_d', type: 'text', oneOf: iso },
        { name: 'variable', type: 'text', oneOf: { values: Object.keys(PAIR_VARIABLES), label: 'pair variable' } },
        { name: 'variable_name', type: 'text', required: false },
        { name: 'value', type: 'number' },
        { name: 'source', type: 'text' },
        { name: 'source_url', type: 'text', required: false },
        { name: 'license', type: 'text', required: false },
      ],
      key: ['iso3_o', 'iso3_d', 'variable'],
    };
  },
  async write(tx, rows, meta) {
    const records = rows.map((r) => ({
      publisher: r.source as string,
      url: (r.source_url as string) ?? null,
      license: (r.license as string) ?? null,
      imported_at: meta.now,
      note: `imported from ${meta.file}`,
    }));
    const ids = await upsertSources(tx, records);
    const pairs = new Map<string, Record<string, unknown>>();
    rows.forEach((r, i) => {
      const key = `${r.iso3_o}|${r.iso3_d}`;
      const pair = pairs.get(key) ?? { iso3_o: r.iso3_o, iso3_d: r.iso3_d, source_id: ids.get(records[i]) };
      pair[PAIR_VARIABLES[r.variable as string]] = r.value;
      pairs.set(key, pair);
    });
    const all = [...pairs.values()].map((p) => ({
      dist_km: null, distcap_km: null, distw_km: null, contig: null, comlang_off: null, comlang_ethno: null, ...p,
    }));
    // A pair imported again keeps the variables this file does not carry.
    await insertBatches(tx, 'country_pairs', all, { columns: ['iso3_o', 'iso3_d'], update: ['source_id', ...Object.values(PAIR_VARIABLES)], keepExisting: true });
    return all.length;
  },
};

export const importers = [membersImporter, namesImporter, pairsImporter];
