import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { upsertSources } from '../../platform/ingest/provenance.js';
import { insertBatches } from '../../platform/ingest/run.js';
import type { ChannelRecord, ScoreRecord, Status, StatusRecord } from './schema.js';

// The trade facilitation tracker's SQL, and nothing else has it.

const bool = (v: unknown) => v === true || v === 1 || v === 'true' || v === 't';
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function writeScores(tx: Kysely<any>, rows: ScoreRecord[]): Promise<void> {
  await insertBatches(tx, 'tf_scores', rows.map((r) => ({ ...r })), { columns: ['iso3', 'round', 'grp', 'source_id'], update: ['score_pct', 'secondary', 'note'] });
}

export async function writeStatuses(tx: Kysely<any>, rows: StatusRecord[]): Promise<void> {
  await insertBatches(tx, 'tf_statuses', rows.map((r) => ({ ...r })), { columns: ['iso3', 'round', 'measure'], update: ['status', 'source_id', 'entered_by'] });
}

export async function writeChannels(tx: Kysely<any>, rows: ChannelRecord[]): Promise<void> {
  await insertBatches(tx, 'tf_channels', rows.map((r) => ({ ...r })), { columns: ['iso3', 'channel', 'parameter'], update: ['value', 'unit', 'legal_basis', 'note', 'trust', 'source_id'] });
}

export interface TfFilter {
  economies?: string[];
  round?: number | null;
}

export async function listScores(db: Kysely<any>, f: TfFilter = {}): Promise<ScoreRecord[]> {
  let q = db.selectFrom('tf_scores').select(['iso3', 'round', 'grp', 'score_pct', 'secondary', 'note', 'source_id']);
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.round != null) q = q.where('round', '=', f.round);
  const rows = await q.orderBy('iso3').orderBy('round').orderBy('grp').orderBy('source_id').execute();
  return rows.map((r) => ({
    iso3: String(r.iso3),
    round: Number(r.round),
    grp: String(r.grp),
    score_pct: Number(r.score_pct),
    secondary: bool(r.secondary),
    note: textOrNull(r.note),
    source_id: String(r.source_id),
  }));
}

export async function listStatuses(db: Kysely<any>, f: TfFilter = {}): Promise<StatusRecord[]> {
  let q = db.selectFrom('tf_statuses').select(['iso3', 'round', 'measure', 'status', 'source_id', 'entered_by']);
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.round != null) q = q.where('round', '=', f.round);
  const rows = await q.orderBy('iso3').orderBy('round').orderBy('measure').execute();
  return rows.map((r) => ({ iso3: String(r.iso3), round: Number(r.round), measure: String(r.measure), status: Number(r.status) as Status, source_id: String(r.source_id), entered_by: textOrNull(r.entered_by) }));
}

export async function getStatus(db: Kysely<any>, iso3: string, round: number, measure: string): Promise<StatusRecord | null> {
  return (await listStatuses(db, { economies: [iso3], round })).find((s) => s.measure === measure) ?? null;
}

export async function deleteStatus(tx: Kysely<any>, iso3: string, round: number, measure: string): Promise<void> {
  await tx.deleteFrom('tf_statuses').where('iso3', '=', iso3).where('round', '=', round).where('measure', '=', measure).execute();
}

export async function listChannels(db: Kysely<any>, f: TfFilter = {}): Promise<ChannelRecord[]> {
  let q = db.selectFrom('tf_channels').select(['iso3', 'channel', 'parameter', 'value', 'unit', 'legal_basis', 'note', 'trust', 'source_id']);
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  const rows = await q.orderBy('iso3').orderBy('channel').orderBy('parameter').execute();
  return rows.map((r) => ({
    iso3: String(r.iso3),
    channel: String(r.channel),
    parameter: String(r.parameter),
    value: r.value === null || r.value === undefined ? null : Number(r.value),
    unit: textOrNull(r.unit),
    legal_basis: textOrNull(r.legal_basis),
    note: textOrNull(r.note),
    trust: textOrNull(r.trust),
    source_id: String(r.source_id),
  }));
}

const SOURCE_COLUMNS = ['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'] as const;

export async function tfSourcesOf(db: Kysely<any>, ids: (string | null | undefined)[]): Promise<SourceRow[]> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return [];
  const rows = await db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', 'in', unique).orderBy('publisher').orderBy('id').execute();
  return rows.map((r) => ({ ...r, synthetic: bool(r.synthetic) })) as SourceRow[];
}

export async function facilitationStats(db: Kysely<any>): Promise<Record<string, number>> {
  const count = async (table: string) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  return { tf_scores: await count('tf_scores'), tf_statuses: await count('tf_statuses'), tf_channels: await count('tf_channels') };
}

/** A status entered by hand, with where it can be checked (its own source record); the audit row is written by the caller. */
export async function writeStatusEntry(
  tx: Kysely<any>,
  s: { iso3: string; round: number; measure: string; status: Status; source_url?: string | null; note?: string | null },
  who: { actor: string; at: string },
): Promise<StatusRecord> {
  const ids = await upsertSources(tx, [
    { publisher: 'Focal point entry (Puente editing API)', title: 'Trade facilitation status entered through the editing API', url: s.source_url ?? null, license: 'Entered by a focal point; cite the source URL', retrieved_at: null, imported_at: who.at, note: s.note ?? null },
  ]);
  const after: StatusRecord = { iso3: s.iso3, round: s.round, measure: s.measure, status: s.status, source_id: [...ids.values()][0], entered_by: who.actor };
  await writeStatuses(tx, [after]);
  return after;
}

/** One status with the URL and note of its source record (what an edit may change). */
export async function getStatusWithSource(db: Kysely<any>, iso3: string, round: number, measure: string): Promise<(StatusRecord & { source_url: string | null; note: string | null }) | null> {
  const s = await getStatus(db, iso3, round, measure);
  if (!s) return null;
  const src = await db.selectFrom('sources').select(['url', 'note']).where('id', '=', s.source_id).executeTakeFirst();
  return { ...s, source_url: textOrNull(src?.url), note: textOrNull(src?.note) };
}
