import { z } from 'zod';
import type { Api } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown, yearBounds } from '../../platform/http/grammar.js';
import { iso3Param, listCountries, memberCodes } from '../countries/index.js';
import { DEFAULT_COMPONENTS } from './catalogue.js';
import { computeReadiness, gatedMedian, READINESS_DEFAULTS, type ComponentSpec } from './compute.js';
import { catalogueRow, indicatorCode, indicatorEntry, profileQuery, profileRow, readinessQuery, readinessRow, valueRow, valuesQuery } from './schema.js';
import {
  getIndicator,
  latestValues,
  latestYear,
  listIndicators,
  listValues,
  mediansFor,
  observations,
  seriesFor,
  sourcesOf,
} from './store.js';

export function indicatorRoutes(api: Api): void {
  api.data({
    path: '/api/indicators',
    tag: 'indicators',
    summary: 'Indicator catalogue',
    description: 'Every indicator Puente holds, with unit, definition, and how many economies and years have values.',
    row: catalogueRow,
    async handler({ ctx }) {
      return { rows: await listIndicators(ctx.db.kysely), title: 'Indicator catalogue' };
    },
  });

  api.data({
    path: '/api/indicators/{code}',
    tag: 'indicators',
    summary: 'Values of one indicator',
    description: 'Values by economy and year. With latest=true, one row per economy with its latest value in the time window; economies without one are listed with empty year and value.',
    params: z.object({ code: indicatorCode }),
    query: valuesQuery,
    row: valueRow,
    fields: { indicator: indicatorEntry, sources: z.array(z.any()) },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const indicator = await getIndicator(db, params.code);
      if (!indicator) throw new ApiError(404, `No indicator "${params.code}"; GET /api/indicators lists them`);
      checkKnown('country', query.country, await memberCodes(db), { what: 'FEALAC economy' });
      const filter = { countries: query.country, ...yearBounds(query.time) };
      const rows = query.latest === 'true' ? await latestValues(db, params.code, filter) : await listValues(db, params.code, filter);
      const sources = await sourcesOf(db, rows.map((r) => r.source_id as string | null));
      return { rows, fields: { indicator }, sources, title: indicator.name as string };
    },
  });

  api.data({
    path: '/api/countries/{iso3}/profile',
    tag: 'indicators',
    summary: 'An economy\'s indicators over time against the FEALAC median and chosen peers',
    params: iso3Param,
    query: profileQuery,
    description:
      'FEALAC_MEDIAN rows carry n, the economies with a value that year; with fewer than median_min_economies (setting PUENTE_MEDIAN_MIN_ECONOMIES) the median is empty: not enough data.',
    row: profileRow,
    fields: {
      indicators: z.array(indicatorEntry),
      median_min_economies: z.number().int().describe('Fewest economies with a value for a FEALAC median to be given'),
      sources: z.array(z.any()),
    },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const [country] = await listCountries(db, { countries: [params.iso3] });
      if (!country) throw new ApiError(404, `${params.iso3} is not one of the 36 FEALAC economies`);
      const codes = query.indicator ?? DEFAULT_COMPONENTS.map((c) => c.code);
      checkKnown('indicator', query.indicator, (await listIndicators(db)).map((i) => String(i.code)), { what: 'indicator' });
      checkKnown('peer', query.peer, await memberCodes(db), { what: 'FEALAC economy' });
      const indicators = (await Promise.all(codes.map((c) => getIndicator(db, c)))).filter(Boolean);
      const missing = codes.filter((c) => !indicators.some((i) => i!.code === c));
      if (missing.length) throw new ApiError(404, `No indicator ${missing.map((m) => `"${m}"`).join(', ')}`);
      const filter = yearBounds(query.time);
      const series = [params.iso3, ...(query.peer ?? []).filter((p) => p !== params.iso3)];
      const values = await seriesFor(db, codes, series, filter);
      const medians = await mediansFor(db, codes, filter);
      const min = ctx.config.PUENTE_MEDIAN_MIN_ECONOMIES;
      const rows = [
        ...values.map((v) => ({ indicator_code: v.indicator_code, series: v.iso3, year: v.year, value: v.value, n: null, source_id: v.source_id })),
        ...medians.map((m) => ({ indicator_code: m.indicator_code, series: 'FEALAC_MEDIAN', year: m.year, value: gatedMedian(m.median, m.n, min), n: m.n, source_id: null })),
      ];
      const sources = await sourcesOf(db, values.map((v) => v.source_id as string));
      return { rows, fields: { indicators, median_min_economies: min }, sources, title: `${country.name_en}: indicators against the FEALAC median` };
    },
  });

  api.data({
    path: '/api/readiness',
    tag: 'indicators',
    summary: 'Puente readiness index: scores, ranks and components',
    description:
      'Weighted mean of components normalised 0-100 (min-max across the 36 economies, log where marked), latest value in a window of years. ' +
      'An economy missing more than maxMissing components has no score. After, but not the same as, the UNCTAD B2C E-commerce Index (whose postal component is not open). See docs/methodology.md.',
    query: readinessQuery,
    // Three columns per component beside the fixed ones: <code>.value, <code>.year, <code>.norm.
    row: readinessRow.catchall(z.number().nullable().describe('<component code>.value (latest value in the window), .year (its year), .norm (normalised 0-100)')),
    fields: {
      components: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number(), log: z.boolean() })),
      median: z.number().nullable().describe('FEALAC median score; empty with fewer than minEconomies scored economies (not enough data)'),
      medianN: z.number().int().describe('Economies with a score: the n of the median'),
      minEconomies: z.number().int().describe('Fewest scored economies for the median (setting PUENTE_MEDIAN_MIN_ECONOMIES)'),
      peersMedian: z.number().nullable(),
      peersMedianN: z.number().int().describe('Peers with a score: the n of peersMedian'),
      year: z.number().int().nullable(),
      window: z.number().int(),
      sources: z.array(z.any()),
    },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      const defaults = new Map(DEFAULT_COMPONENTS.map((c) => [c.code, c]));
      const logged = query.log ? new Set(query.log.filter((l) => l !== 'none')) : null;
      const components: ComponentSpec[] = (query.weights ?? DEFAULT_COMPONENTS).map((w) => ({
        code: w.code,
        weight: w.weight,
        log: logged ? logged.has(w.code) : (defaults.get(w.code)?.log ?? false),
      }));
      const names = new Map((await listIndicators(db)).map((i) => [i.code as string, i.name as string]));
      const unknown = components.filter((c) => !names.has(c.code)).map((c) => c.code);
      if (unknown.length) throw new ApiError(400, `weights: no indicator ${unknown.map((u) => `"${u}"`).join(', ')}`);
      const codes = components.map((c) => c.code);
      const strayLog = [...(logged ?? [])].filter((l) => !codes.includes(l));
      if (strayLog.length) throw new ApiError(400, `log: ${strayLog.map((l) => `"${l}"`).join(', ')} is not among the components (${codes.join(', ')})`);
      const countries = await listCountries(db);
      checkKnown('peer', query.peer, countries.map((c) => c.iso3), { what: 'FEALAC economy' });
      const window = query.window ?? READINESS_DEFAULTS.window;
      const min = ctx.config.PUENTE_MEDIAN_MIN_ECONOMIES;
      const year = query.year ?? (await latestYear(db, codes));
      const componentInfo = components.map((c) => ({ ...c, name: names.get(c.code)! }));
      if (year === null) {
        return {
          rows: [],
          fields: { components: componentInfo, median: null, medianN: 0, minEconomies: min, peersMedian: null, peersMedianN: 0, year: null, window },
          sources: [],
          title: 'Puente readiness index',
        };
      }
      const obs = await observations(db, codes, year - window + 1, year);
      let result;
      try {
        result = computeReadiness(countries.map((c) => c.iso3), obs, {
          components,
          year,
          window,
          maxMissing: query.maxMissing ?? READINESS_DEFAULTS.maxMissing,
          peers: query.peer,
          minEconomies: min,
        });
      } catch (err) {
        if (err instanceof RangeError) throw new ApiError(400, err.message);
        throw err;
      }
      const nameOf = new Map(countries.map((c) => [c.iso3, c.name_en]));
      const rows = result.rows.map((r) => {
        const row: Record<string, unknown> = {
          iso3: r.iso3,
          name: nameOf.get(r.iso3),
          score: r.score,
          rank: r.rank,
          percentile: r.percentile,
          vs_median: r.vs_median,
          vs_peers: r.vs_peers,
          available: r.available,
          missing: r.missing,
          reason: r.reason,
        };
        for (const code of codes) {
          const c = r.components[code];
          row[`${code}.value`] = c?.value ?? null;
          row[`${code}.year`] = c?.year ?? null;
          row[`${code}.norm`] = c?.normalised ?? null;
        }
        return row;
      });
      const sources = await sourcesOf(db, obs.map((o) => o.source_id));
      return {
        rows,
        fields: {
          components: componentInfo,
          median: result.median,
          medianN: result.medianN,
          minEconomies: min,
          peersMedian: result.peersMedian,
          peersMedianN: result.peersMedianN,
          year,
          window,
        },
        sources,
        title: 'Puente readiness index',
      };
    },
  });
}

