import { z } from 'zod';
import type { Api } from '../../../platform/http/api.js';
import { ApiError } from '../../../platform/http/errors.js';
import { checkKnown, yearBounds } from '../../../platform/http/grammar.js';
import { iso3Param, memberCodes } from '../../countries/index.js';
import { sourcesOf } from '../store.js';
import { fealacMedian, latestYear, rankYear, wideRows } from './compute.js';
import { NOT_COVERED, STRI_DATAFLOW, STRI_LABELS, STRI_MEASURES, striEconomyRow, striQuery, striRankingQuery, striRankingRow, striRow } from './schema.js';
import { listStriValues, striStats } from './store.js';

const ABOUT =
  'OECD Digital Services Trade Restrictiveness Index (SDMX dataflow ' +
  STRI_DATAFLOW +
  '): 0 (open) .. 1 (closed); the five policy-area contributions add up to the overall index. ' +
  'A separate index from the RDTII scores (docs/methodology.md#digital-stri). ' +
  `Economies without values are ${NOT_COVERED}: listed as such, never 0.`;

const order = (m: string) => (STRI_MEASURES as readonly string[]).indexOf(m);

export function striRoutes(api: Api): void {
  const any = z.array(z.any());

  api.data({
    path: '/api/regulation/digital-stri',
    tag: 'regulation',
    summary: 'OECD Digital STRI: overall index and the five policy-area contributions per economy and year',
    description: `${ABOUT} Filters \`country=CHL~PER\`, \`time=2020..2024\`, \`area=STRI~CLAS1_6\`. Named field \`not_covered\`: the members asked for (all 36 by default) without any value.`,
    query: striQuery,
    row: striRow,
    fields: { loaded: z.boolean().describe('false: no Digital STRI values are held yet (import or sync them)'), not_covered: z.array(z.string()), sources: any },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      const members = await memberCodes(db);
      // A filter naming no member is a bad request (400, with the nearest code), not "no data".
      if (query.country?.length) checkKnown('country', query.country, members, { what: 'FEALAC economy' });
      const { from, to } = yearBounds(query.time);
      const values = await listStriValues(db, { economies: query.country, from, to, measures: query.area });
      const rows = values
        .sort((a, b) => a.iso3.localeCompare(b.iso3) || a.year - b.year || order(a.measure) - order(b.measure))
        .map((v) => ({ iso3: v.iso3, year: v.year, measure: v.measure, area: STRI_LABELS[v.measure], value: v.value, source_id: v.source_id }));
      const loaded = (await striStats(db)).digital_stri_values > 0;
      const held = new Set(rows.map((r) => r.iso3));
      return {
        rows,
        // With nothing loaded, no member is "not covered": the dataset is simply absent.
        fields: { loaded, not_covered: loaded ? (query.country ?? members).filter((c) => !held.has(c)).sort() : [] },
        sources: await sourcesOf(db, rows.map((r) => r.source_id)),
        title: 'OECD Digital Services Trade Restrictiveness Index (Digital STRI)',
      };
    },
  });

  api.data({
    path: '/api/regulation/digital-stri/ranking',
    tag: 'regulation',
    summary: 'OECD Digital STRI ranking of one year, with the FEALAC median and its n',
    description:
      `${ABOUT} Least restrictive first (ties share a rank); then the members the OECD does not cover, unranked. ` +
      'Named field `median`: the FEALAC median of the overall index with `n` (economies with a value) and `min_n` (setting PUENTE_STRI_MEDIAN_MIN_N); below it `median` is null and `enough_data` false ("not enough data").',
    query: striRankingQuery,
    row: striRankingRow,
    fields: {
      year: z.number().int().nullable(),
      years: z.array(z.number().int()),
      median: z.object({ median: z.number().nullable(), n: z.number().int(), min_n: z.number().int(), enough_data: z.boolean() }),
      sources: any,
    },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      const members = await memberCodes(db);
      const values = await listStriValues(db, { measures: [...STRI_MEASURES] });
      const years = [...new Set(values.map((v) => v.year))].sort((a, b) => a - b);
      const year = query.year ?? latestYear(values);
      if (query.year !== undefined && !years.includes(query.year)) {
        throw new ApiError(404, `No Digital STRI values for ${query.year}${years.length ? ` (years held: ${years.join(', ')})` : ''}`);
      }
      const minN = ctx.config.PUENTE_STRI_MEDIAN_MIN_N;
      // With nothing loaded there is no ranking (and no member is "not covered").
      const { rows, median } = year === null ? { rows: [], median: fealacMedian([], minN) } : rankYear(values, members, year, minN);
      const used = values.filter((v) => v.year === year);
      return {
        rows,
        fields: { year, years, median },
        sources: await sourcesOf(db, used.map((v) => v.source_id)),
        title: `OECD Digital STRI ranking${year ? `, ${year}` : ''}`,
      };
    },
  });

  api.data({
    path: '/api/regulation/digital-stri/{iso3}',
    tag: 'regulation',
    summary: "An economy's OECD Digital STRI per year: overall index and the five policy-area contributions",
    description: `${ABOUT} Named fields: \`covered\` (false: ${NOT_COVERED}; no rows, never zeros) and \`note\`.`,
    params: iso3Param,
    query: z.object({ time: striQuery.shape.time }),
    row: striEconomyRow,
    fields: { covered: z.boolean().nullable().describe('null: no Digital STRI values are held yet'), note: z.string().nullable(), sources: any },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const members = await memberCodes(db);
      if (!members.includes(params.iso3)) throw new ApiError(404, `${params.iso3} is not one of the 36 FEALAC economies`);
      const { from, to } = yearBounds(query.time);
      const values = await listStriValues(db, { economies: [params.iso3], from, to });
      const loaded = (await striStats(db)).digital_stri_values > 0;
      const covered = !loaded ? null : values.length > 0 || (await listStriValues(db, { economies: [params.iso3] })).length > 0;
      const note = covered === null ? 'No Digital STRI values are held yet' : covered ? null : `${params.iso3} is ${NOT_COVERED}`;
      // "Not covered" is itself a statement of the dataset: it cites the dataset's sources.
      const cited = covered === false ? await listStriValues(db, { measures: ['STRI'] }) : values;
      return {
        rows: wideRows(values),
        fields: { covered, note },
        sources: await sourcesOf(db, cited.map((v) => v.source_id)),
        title: `OECD Digital STRI, ${params.iso3}`,
      };
    },
  });
}
