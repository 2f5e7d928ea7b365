import type { EditableDataset } from '../../platform/workflow/index.js';
import { programmePatch } from './schema.js';
import { AUDIT_ENTITY, getProgramme, listProgrammes, writeProgrammeUpdate } from './store.js';

// Support programmes in the editorial workflow (src/platform/workflow): a draft proposes new
// values of the fields a steward may correct; the economy is fixed (a programme of another
// economy is another programme). Publishing writes through the store's audited update.

export const PROGRAMME_FIELDS = Object.keys(programmePatch.shape) as (keyof typeof programmePatch.shape)[];

export const programmesEditable: EditableDataset = {
  entity: AUDIT_ENTITY,
  label: 'support programme',
  fields: PROGRAMME_FIELDS,
  schema: programmePatch.required({ programme: true }),
  async load(db, id) {
    const p = await getProgramme(db, id);
    if (!p) return null;
    return { iso3: p.iso3, ...Object.fromEntries(PROGRAMME_FIELDS.map((f) => [f, p[f] ?? null])) };
  },
  economyOf: (doc) => (doc.iso3 as string | undefined) ?? null,
  titleOf: (doc) => String(doc.programme_en ?? doc.programme ?? ''),
  async apply(tx, id, doc, who) {
    await writeProgrammeUpdate(tx, id, doc, who);
  },
  ids: async (db) => (await listProgrammes(db)).map((p) => p.id),
  pageOf: (id) => `/support/programmes/${encodeURIComponent(id)}`,
};
