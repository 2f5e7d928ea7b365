import { z } from 'zod';
import { countryList, timeRange } from '../../platform/http/grammar.js';

export const indicatorCode = z
  .string()
  .regex(/^[A-Za-z0-9_.]+$/, 'must be an indicator code such as IT.NET.USER.ZS')
  .describe('Indicator code');

export const indicatorEntry = z.object({
  code: z.string().describe('Indicator code (World Bank codes where the World Bank publishes it)'),
  name: z.string(),
  unit: z.string().nullable(),
  definition: z.string().nullable(),
  topic: z.string().nullable(),
});

export const catalogueRow = indicatorEntry.extend({
  countries: z.number().int().describe('FEALAC economies with at least one value'),
  min_year: z.number().int().nullable(),
  max_year: z.number().int().nullable(),
  values: z.number().int().describe('Number of values held'),
});

export const valueRow = z.object({
  iso3: z.string().describe('Economy (ISO3)'),
  year: z.number().int().nullable().describe('Year of the value; empty when the economy has none in the window'),
  value: z.number().nullable().describe('Value; empty = missing (unknown, not zero)'),
  source_id: z.string().nullable().describe('Source record of the value (see sources)'),
});

export const valuesQuery = z.object({
  country: countryList.optional(),
  time: timeRange.optional(),
  latest: z.enum(['true', 'false']).optional().describe('true: one row per economy with its latest value in the time window (missing ones included, empty)'),
});

export const profileQuery = z.object({
  indicator: z
    .string()
    .transform((s) => s.split('~').filter(Boolean))
    .pipe(z.array(indicatorCode).min(1).max(20))
    .optional()
    .describe('Indicator codes separated by ~ (default: the readiness components)'),
  peer: countryList.optional().describe('Peer economies to compare with, ISO3 separated by ~'),
  time: timeRange.optional(),
});

export const profileRow = z.object({
  indicator_code: z.string(),
  series: z.string().describe('ISO3 of the economy or a peer, or FEALAC_MEDIAN'),
  year: z.number().int(),
  value: z.number().nullable().describe('Value (for FEALAC_MEDIAN the median across the economies with a value; empty when fewer than median_min_economies have one: not enough data)'),
  n: z.number().int().nullable().describe('For FEALAC_MEDIAN: economies with a value that year (the n of the median, shown also where the median is empty)'),
  source_id: z.string().nullable().describe('Source record of the value (empty for FEALAC_MEDIAN, which is derived from all members\' values)'),
});

const weightItem = /^([A-Za-z0-9_.]+):(\d+(\.\d+)?)$/;

export const readinessQuery = z.object({
  weights: z
    .string()
    .transform((s, ctx) => {
      const out: { code: string; weight: number }[] = [];
      for (const part of s.split('~').filter(Boolean)) {
        const m = weightItem.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not CODE:weight (e.g. IT.NET.USER.ZS:2)` });
          return z.NEVER;
        }
        out.push({ code: m[1], weight: Number(m[2]) });
      }
      if (!out.length) {
        ctx.addIssue({ code: 'custom', message: 'needs at least one CODE:weight' });
        return z.NEVER;
      }
      return out;
    })
    .optional()
    .describe('Components and weights, CODE:weight separated by ~'),
  log: z
    .string()
    .transform((s) => s.split('~').filter(Boolean))
    .optional()
    .describe('Components to log-scale before normalising (default: secure servers), or "none"'),
  year: z.coerce.number().int().min(1990).max(2100).optional().describe('Last year of the window (default: latest year with data)'),
  window: z.coerce.number().int().min(1).max(30).optional().describe('Years in the window (default 6)'),
  maxMissing: z.coerce.number().int().min(0).max(10).optional().describe('Most components an economy may miss and still get a score (default 1)'),
  peer: countryList.optional().describe('Peers: vs_peers = score - median of their scores'),
});

export const readinessRow = z.object({
  iso3: z.string(),
  name: z.string().describe('English name'),
  score: z.number().nullable().describe('Puente readiness index 0-100; empty when too many components are missing'),
  rank: z.number().int().nullable(),
  percentile: z.number().nullable(),
  vs_median: z.number().nullable().describe('Score minus the FEALAC median score'),
  vs_peers: z.number().nullable().describe('Score minus the median score of the chosen peers'),
  available: z.number().int().describe('Components with a value in the window'),
  missing: z.array(z.string()).describe('Codes of the components without a value in the window'),
  reason: z.string().nullable().describe('Why there is no score'),
});
