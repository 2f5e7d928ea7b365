import type { AppContext } from '../../platform/module.js';
import { upsertSources } from '../../platform/ingest/provenance.js';
import { memberCodes } from '../countries/index.js';
import { CATALOGUE, WORLD_BANK_SOURCE } from './catalogue.js';
import { rebuildYearStats, writeValues } from './store.js';
import { fetchWorldBank, type WorldBankProgress } from './worldbank.js';

export interface SyncOptions {
  /** Puente indicator codes; default: every catalogue entry the World Bank API serves. */
  indicators?: string[];
  from?: number;
  to?: number;
  onProgress?: (p: WorldBankProgress) => void;
}

export interface SyncReport {
  indicators: { code: string; worldbank: string; values: number }[];
  values: number;
}

export function worldBankCodes(): Map<string, string> {
  return new Map(CATALOGUE.filter((c) => c.worldbank).map((c) => [c.worldbank!, c.code]));
}

/** Fetch from the World Bank API, then write everything in one transaction (or nothing). */
export async function syncWorldBank(ctx: AppContext, options: SyncOptions = {}): Promise<SyncReport> {
  const byWb = worldBankCodes();
  const byPuente = new Map([...byWb].map(([wb, code]) => [code, wb]));
  const wanted = options.indicators ?? [...byPuente.keys()];
  const unknown = wanted.filter((c) => !byPuente.has(c) && !/^[A-Z0-9.]+$/.test(c));
  if (unknown.length) throw new Error(`Not World Bank indicator codes: ${unknown.join(', ')}`);
  const wbCodes = wanted.map((c) => byPuente.get(c) ?? c);
  const now = ctx.clock();
  const series = await fetchWorldBank({
    baseUrl: ctx.config.PUENTE_WORLDBANK_URL,
    indicators: wbCodes,
    countries: await memberCodes(ctx.db.kysely),
    from: options.from ?? 2000,
    to: options.to ?? now.getUTCFullYear(),
    timeoutMs: ctx.config.PUENTE_HTTP_TIMEOUT_MS,
    fetch: ctx.fetch,
    onProgress: options.onProgress,
  });

  const report: SyncReport = { indicators: [], values: 0 };
  await ctx.db.kysely.transaction().execute(async (tx) => {
    for (const s of series) {
      const code = byWb.get(s.indicator_code) ?? s.indicator_code;
      const ids = await upsertSources(tx, [
        {
          ...WORLD_BANK_SOURCE,
          title: `${s.indicator_name} (${s.source_name ?? 'World Bank API'}${s.last_updated ? `, updated ${s.last_updated}` : ''})`,
          url: s.url,
          retrieved_at: now.toISOString(),
          imported_at: now.toISOString(),
        },
      ]);
      const sourceId = [...ids.values()][0];
      await tx
        .insertInto('indicators')
        .values({ code, name: s.indicator_name, unit: null, definition: null, topic: null })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      await writeValues(tx, s.observations.map((o) => ({ iso3: o.iso3, indicator_code: code, year: o.year, value: o.value, source_id: sourceId })));
      report.indicators.push({ code, worldbank: s.indicator_code, values: s.observations.length });
      report.values += s.observations.length;
    }
    await rebuildYearStats(tx);
  });
  return report;
}
