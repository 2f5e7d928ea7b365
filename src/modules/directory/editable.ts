import type { EditableDataset } from '../../platform/workflow/index.js';
import { ENTRY_EDITABLE, entryEdit } from './schema.js';
import { AUDIT_ENTITY, getEntry, listEntries, writeEntryUpdate } from './store.js';

// Directory entries in the editorial workflow (src/platform/workflow): a draft proposes new
// values of the fields a steward may correct; economy and role are fixed. Publishing writes
// through the store's audited update.

export const entriesEditable: EditableDataset = {
  entity: AUDIT_ENTITY,
  label: 'directory entry',
  fields: ENTRY_EDITABLE,
  schema: entryEdit,
  async load(db, id) {
    const e = await getEntry(db, id);
    if (!e) return null;
    return { iso3: e.iso3, role: e.role, ...Object.fromEntries(ENTRY_EDITABLE.map((f) => [f, e[f] ?? null])) };
  },
  economyOf: (doc) => (doc.iso3 as string | undefined) ?? null,
  titleOf: (doc) => String(doc.name_en ?? doc.name_local ?? ''),
  async apply(tx, id, doc, who) {
    await writeEntryUpdate(tx, id, doc, who);
  },
  ids: async (db) => (await listEntries(db)).map((e) => e.id),
  pageOf: (id) => `/directory?entry=${encodeURIComponent(id)}`,
};
