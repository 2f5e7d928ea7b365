import type { EditableDataset } from '../../platform/workflow/index.js';
import { caseEditChecked } from './edit-schema.js';
import { CASE_EDITABLE, caseSchema } from './schema.js';
import { ENTITY, getCase, listCases, writeCaseReplace } from './store.js';

// BPA cases in the editorial workflow (src/platform/workflow). A case is a nested document: a
// draft proposes its own text fields and its procedures (with their steps) as one JSON field,
// checked by the module's zod schema and the steps' graph. Its economy is the exporter's.
// Publishing replaces the case through the store's audited write.

export const casesEditable: EditableDataset = {
  entity: ENTITY,
  label: 'BPA case',
  fields: CASE_EDITABLE,
  schema: caseEditChecked,
  async load(db, id) {
    const c = await getCase(db, id);
    if (!c) return null;
    return { exporter: c.doc.exporter, importer: c.doc.importer, ...Object.fromEntries(CASE_EDITABLE.map((f) => [f, c.doc[f] ?? null])) };
  },
  economyOf: (doc) => (doc.exporter as string | null | undefined) ?? null,
  titleOf: (doc) => String(doc.title ?? ''),
  async apply(tx, id, doc, who) {
    const current = await getCase(tx, id);
    if (!current) throw new Error(`no case ${id}`);
    const next = caseSchema.parse({ ...current.doc, ...Object.fromEntries(CASE_EDITABLE.map((f) => [f, doc[f]])), id });
    await writeCaseReplace(tx, next, who);
  },
  ids: async (db) => (await listCases(db)).map((c) => c.doc.id),
  pageOf: (id) => `/processes/${encodeURIComponent(id)}`,
};
