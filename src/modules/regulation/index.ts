import { measuresEditable } from './editable.js';
import type { PuenteModule } from '../../platform/module.js';
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { memberCodes } from '../countries/index.js';
import { loadAnswers } from './answers.js';
import { scoreEconomy, type PillarResult } from './compute.js';
import { cyberlawScore } from './derive.js';
import { listFrameworks as frameworkFiles } from './framework.js';
import { importers } from './ingest.js';
import { regulationRoutes } from './routes.js';
import { listCyberlaw, listDeMinimis, listFrameworks as storedFrameworks, regulationStats, seedFrameworks, sourcesOf, type CyberlawStatus, type DeMinimis } from './store.js';
import { findFramework, loadFramework } from './framework.js';
import { DEFAULT_FRAMEWORK } from './schema.js';
import { striRoutes } from './stri/routes.js';
import { striStats } from './stri/store.js';

export type { CyberlawStatus, DeMinimis, PillarResult };

/**
 * What a seller meets in some economies (for the export assistant): de minimis rows with their
 * history, the Cyberlaw Tracker statuses, and the framework's pillar scores with coverage (as
 * recorded, on `today`), with the sources of all of them. Economies without records get empty lists.
 */
export async function sellerRules(
  db: Kysely<any>,
  economies: string[],
  today: string,
): Promise<{ deMinimis: DeMinimis[]; cyberlaw: (CyberlawStatus & { score: number | null })[]; pillars: Record<string, PillarResult[]>; framework: string | null; sources: SourceRow[] }> {
  const [deMinimis, cyber, stored] = await Promise.all([listDeMinimis(db, { economies }), listCyberlaw(db, { economies }), storedFrameworks(db)]);
  const fw = findFramework(stored.map((f) => loadFramework(f.json, `${f.id}-${f.version}`)), DEFAULT_FRAMEWORK);
  const pillars: Record<string, PillarResult[]> = {};
  const ids: (string | null)[] = [...deMinimis.map((d) => d.source_id), ...cyber.statuses.map((c) => c.source_id)];
  if (fw) {
    const loaded = await loadAnswers(db, fw, economies, today);
    ids.push(...loaded.sourceIds);
    for (const iso3 of economies) pillars[iso3] = Object.values(scoreEconomy(fw, loaded.answers[iso3] ?? {}).pillars);
  }
  return {
    deMinimis,
    cyberlaw: cyber.statuses.map((s) => ({ ...s, score: cyberlawScore(s.status) })),
    pillars,
    framework: fw ? `${fw.id}-${fw.version}` : null,
    sources: await sourcesOf(db, ids),
  };
}

export { digitalStriOf, type EconomyStri } from './stri/brief.js';
export { syncCyberlaw, CYBERLAW_URLS, type CyberlawSyncReport } from './cyberlaw.js';
export { deriveAnswers, type DerivedAnswer } from './derive.js';
export { syncOecdStri, type StriSyncReport } from './stri/sync.js';

export const regulationModule: PuenteModule = {
  editable: [measuresEditable],
  name: 'regulation',
  // The framework files shipped in ./frameworks/ (validated) are compared on every start; a
  // changed file replaces its stored version, a new version is added beside the old ones. Their
  // loaded_at is the file's own "retrieved" date, never the start time (a restart changes nothing).
  seed: async (db) => {
    for (const f of frameworkFiles()) await seedFrameworks(db, [{ id: f.id, version: f.version, json: f }], f.provenance.retrieved);
  },
  seedInputs: () => frameworkFiles(),
  importers,
  routes: (api) => {
    regulationRoutes(api);
    striRoutes(api);
  },
  stats: async (db) => ({ ...(await regulationStats(db)), ...(await striStats(db)) }),
  // Every member has a regulatory profile (what is not recorded is shown as not recorded).
  pages: async (db) => [
    '/regulation',
    '/regulation/compare',
    '/regulation/pair',
    '/regulation/digital-stri',
    '/regulation/simulate',
    ...(await memberCodes(db)).map((iso3) => `/regulation/${iso3}`),
  ],
};
