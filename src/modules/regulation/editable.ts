import type { EditableDataset } from '../../platform/workflow/index.js';
import { MEASURE_EDITABLE, measureEdit } from './schema.js';
import { getMeasure, writeMeasureUpdate } from './store.js';

// Regulatory measure records in the editorial workflow (src/platform/workflow). Economy,
// framework, indicator and category are fixed (the framework check stays with the direct write
// route); a draft corrects the record's text, dates, links and status. Publishing writes through
// the store's audited update.

export const measuresEditable: EditableDataset = {
  entity: 'reg_measures',
  label: 'regulatory measure',
  fields: MEASURE_EDITABLE,
  schema: measureEdit,
  async load(db, id) {
    const m = await getMeasure(db, id);
    if (!m) return null;
    return { iso3: m.iso3, indicator_id: m.indicator_id, ...Object.fromEntries(MEASURE_EDITABLE.map((f) => [f, m[f] ?? null])) };
  },
  economyOf: (doc) => (doc.iso3 as string | undefined) ?? null,
  titleOf: (doc) => String(doc.title ?? ''),
  async apply(tx, id, doc, who) {
    await writeMeasureUpdate(tx, id, doc, who);
  },
  // Ids made by the store name the economy (m-PER-12.5-…); others open the regulation section.
  pageOf: (id) => {
    const iso3 = /^m-([A-Z]{3})-/.exec(id)?.[1];
    return iso3 ? `/regulation/${iso3}?measure=${encodeURIComponent(id)}` : '/regulation';
  },
};
