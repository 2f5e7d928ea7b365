import { writeAudit } from '../../platform/audit.js';
import type { EditableDataset } from '../../platform/workflow/index.js';
import { STATUS_EDITABLE, statusKey, statusWorkflowEdit, type Status } from './schema.js';
import { getStatusWithSource, writeStatusEntry } from './store.js';

// Per-measure trade facilitation statuses in the editorial workflow (src/platform/workflow). An
// entry is one economy, round and measure (`PRY/2025/appeal_mechanism`); a draft proposes its
// status (0..3) with where it can be checked. Publishing writes as the editing route does: its
// own source record, the status, and an audit row.

const parseKey = (id: string) => {
  const m = /^([A-Z]{3})\/(\d{4})\/(.{1,300})$/.exec(id);
  return m ? { iso3: m[1], round: Number(m[2]), measure: m[3] } : null;
};

export const statusesEditable: EditableDataset = {
  entity: 'tf_statuses',
  label: 'trade facilitation status',
  fields: STATUS_EDITABLE,
  schema: statusWorkflowEdit,
  async load(db, id) {
    const k = parseKey(id);
    if (!k) return null;
    const s = await getStatusWithSource(db, k.iso3, k.round, k.measure);
    if (!s) return null;
    return { iso3: s.iso3, round: s.round, measure: s.measure, status: s.status, source_url: s.source_url, note: s.note };
  },
  economyOf: (doc) => (doc.iso3 as string | undefined) ?? null,
  titleOf: (doc) => `${doc.measure} (${doc.round})`,
  async apply(tx, id, doc, who) {
    const k = parseKey(id);
    if (!k) throw new Error(`not a status id: ${id}`);
    const before = await getStatusWithSource(tx, k.iso3, k.round, k.measure);
    const after = await writeStatusEntry(tx, { ...k, status: doc.status as Status, source_url: (doc.source_url as string | null) ?? null, note: (doc.note as string | null) ?? null }, who);
    await writeAudit(tx, who, { action: 'update', entity: 'tf_statuses', entityId: statusKey(k.iso3, k.round, k.measure), before, after: { ...after, source_url: doc.source_url ?? null, note: doc.note ?? null } });
  },
  pageOf: (id) => `/facilitation/${encodeURIComponent(id.slice(0, 3))}?measure=${encodeURIComponent(id)}`,
};
