import { statusesEditable } from './editable.js';
import type { Kysely } from 'kysely';
import type { PuenteModule } from '../../platform/module.js';
import { latestStatuses, nextMeasures, scoreRows, type KnownStatus, type NextOptions } from './compute.js';
import { frameworkFor, latestSequence, tfFiles } from './framework.js';
import { importers } from './ingest.js';
import { facilitationRoutes } from './routes.js';
import type { NextRow, ScoreRow, TfMeasure } from './schema.js';
import { facilitationStats, listChannels, listScores, listStatuses, tfSourcesOf } from './store.js';
import type { SourceRow } from '../../platform/http/api.js';
import type { ChannelRecord } from './schema.js';

// The trade facilitation tracker's public face: what other modules (business processes, the
// export assistant) may use. They import only this file.

export type { NextRow, ScoreRow, TfMeasure, KnownStatus };
export { STATUSES, STAGES, type Status, type Stage } from './schema.js';

/** The survey's measures (ids, names, groups) of the framework covering a round (default: the newest). */
export function tfMeasures(round?: number | null): TfMeasure[] {
  return frameworkFor(tfFiles(), round).measures;
}

/** Name of a measure id (English, as the survey writes it); null for an unknown id. */
export function tfMeasureName(id: string): string | null {
  return tfMeasures().find((m) => m.id === id)?.name ?? null;
}

/** An economy's scores (overall and core groups) by round: published, computed, disagreements. */
export async function economyScores(db: Kysely<any>, iso3: string): Promise<ScoreRow[]> {
  const scores = await listScores(db, { economies: [iso3] });
  const statuses = await listStatuses(db, { economies: [iso3] });
  const rounds = [...new Set([...scores, ...statuses].map((r) => r.round))].sort((a, b) => a - b);
  return rounds.flatMap((r) => scoreRows(frameworkFor(tfFiles(), r), scores.filter((s) => s.round === r), statuses.filter((s) => s.round === r)));
}

/** An economy's latest known status of each measure (up to a round): measure id -> {status, round}. */
export async function economyStatuses(db: Kysely<any>, iso3: string, upTo?: number | null): Promise<Map<string, KnownStatus>> {
  return latestStatuses(await listStatuses(db, { economies: [iso3] }), upTo);
}

/**
 * The next measures of the implementation sequence for an economy (see compute.nextMeasures);
 * peers default to every other economy with statuses.
 */
export async function tfNextMeasures(db: Kysely<any>, iso3: string, options: NextOptions & { peers?: string[]; round?: number | null }): Promise<NextRow[]> {
  const files = tfFiles();
  const seq = latestSequence(files);
  if (!seq) return [];
  const all = await listStatuses(db);
  const by = new Map<string, Map<string, KnownStatus>>();
  for (const code of new Set(all.map((s) => s.iso3))) {
    if (code === iso3 || (options.peers && !options.peers.includes(code))) continue;
    by.set(code, latestStatuses(all.filter((s) => s.iso3 === code), options.round));
  }
  const own = latestStatuses(all.filter((s) => s.iso3 === iso3), options.round);
  return nextMeasures(frameworkFor(files, options.round), seq, own, by, options).rows;
}

export type { ChannelRecord };
export { latestVsFealac, type TfLatest } from './brief.js';

/** An economy's low-value export channels (caps, weights, fees as read), with their sources. */
export async function lowValueChannels(db: Kysely<any>, iso3: string): Promise<{ channels: ChannelRecord[]; sources: SourceRow[] }> {
  const channels = await listChannels(db, { economies: [iso3] });
  return { channels, sources: await tfSourcesOf(db, channels.map((c) => c.source_id)) };
}

/** Sources of rows of this module (scores, statuses) by their source ids. */
export async function facilitationSources(db: Kysely<any>, ids: (string | null | undefined)[]): Promise<SourceRow[]> {
  return tfSourcesOf(db, ids);
}

export const facilitationModule: PuenteModule = {
  editable: [statusesEditable],
  name: 'facilitation',
  importers,
  routes: facilitationRoutes,
  stats: facilitationStats,
  // The comparison page and an economy page for every economy with a score or a status.
  pages: async (db) => {
    const economies = new Set([...(await listScores(db)), ...(await listStatuses(db))].map((r) => r.iso3));
    return ['/facilitation', ...[...economies].sort().map((iso3) => `/facilitation/${iso3}`)];
  },
};
