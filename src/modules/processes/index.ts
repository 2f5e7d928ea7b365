import { casesEditable } from './editable.js';
import type { PuenteModule } from '../../platform/module.js';
import { processFiles } from './ingest.js';
import { processRoutes } from './routes.js';
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { indicatorSources } from '../indicators/index.js';
import { analyseCase, type Analysis } from './compute.js';
import { ratesFor } from './routes.js';
import type { BpaCase } from './schema.js';
import { listBenchmarks, listCases, processesStats, type BenchmarkRecord } from './store.js';

export { analyseCase, compareCases, type Analysis } from './compute.js';
export type { BpaCase } from './schema.js';
export type { BenchmarkRecord };

/**
 * An exporter's cases with their analysis (elapsed time, cost in US$ at dated rates), and the
 * Doing Business trading-across-borders series of the economy, with their sources (for the
 * export assistant). Settings are the BPA settings of the server.
 */
export async function exportProcessesOf(
  db: Kysely<any>,
  iso3: string,
  settings: { variability: number; manyActors: number },
): Promise<{ cases: { doc: BpaCase; analysis: Analysis }[]; benchmarks: BenchmarkRecord[]; sources: SourceRow[] }> {
  const [stored, benchmarks] = await Promise.all([listCases(db, { economies: [iso3] }), listBenchmarks(db, [iso3])]);
  const ids: (string | null)[] = [...stored.map((s) => s.source_id), ...benchmarks.map((b) => b.source_id)];
  const cases = [];
  for (const s of stored) {
    const { rates, sourceIds } = await ratesFor(db, s.doc);
    ids.push(...sourceIds);
    cases.push({ doc: s.doc, analysis: analyseCase(s.doc, { rates, variabilityThreshold: settings.variability, manyActors: settings.manyActors }) });
  }
  return { cases, benchmarks, sources: await indicatorSources(db, ids) };
}

export const processesModule: PuenteModule = {
  editable: [casesEditable],
  name: 'processes',
  importers: processFiles,
  routes: processRoutes,
  stats: processesStats,
  pages: async (db) => ['/processes', ...(await listCases(db)).map((c) => `/processes/${encodeURIComponent(c.doc.id)}`)],
};
