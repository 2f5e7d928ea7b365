import { z } from 'zod';
import type { Api } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/module.js';
import { iso3Param } from '../countries/index.js';
import { countryOf, gatherBrief } from './gather.js';
import { countryBriefPdf } from './pdf.js';
import { BRIEF_LANGUAGES, briefPdfQuery, briefSchema, type Brief } from './schema.js';

export function settingsOf(ctx: AppContext) {
  const c = ctx.config;
  return { medianMin: c.PUENTE_MEDIAN_MIN_ECONOMIES, tfAverageMin: c.PUENTE_TF_AVERAGE_MIN_ECONOMIES, striMedianMin: c.PUENTE_STRI_MEDIAN_MIN_N, minCoverage: c.PUENTE_REG_MIN_COVERAGE };
}

export async function briefOf(ctx: AppContext, iso3: string): Promise<Brief> {
  const code = iso3.toUpperCase();
  const country = await countryOf(ctx.db.kysely, code);
  if (!country) throw new ApiError(404, `${code} is not one of the 36 FEALAC economies`);
  return gatherBrief(ctx.db.kysely, country, settingsOf(ctx), ctx.clock().toISOString().slice(0, 10));
}

/** Query parameters of a route that takes none but those named: a 400 naming the stray one. */
function queryOf(url: string, allowed: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) {
    if (k in raw) throw new ApiError(400, `Bad query: "${k}" is given more than once`);
    if (!allowed.includes(k)) throw new ApiError(400, `Bad query: unknown query parameter "${k}"${allowed.length ? ` (this route takes ${allowed.join(', ')})` : ' (this route takes none)'}`, [`unknown query parameter "${k}"`]);
    raw[k] = v;
  }
  return raw;
}

const ABOUT =
  'The country brief joins what every module holds for one economy: key indicators against the FEALAC median (with n), the readiness index (rank among the scored economies, median with n), marketplaces (open popularity lists; partner traffic only where imported, flagged SYNTHETIC when it is), regulation (RDTII pillar scores gated by coverage, OECD Digital STRI or "not covered"), trade facilitation (latest score, round, FEALAC average with n), support programmes (count by policy area, a few named), directory contacts (export promotion, customs, SME agency, postal operator) and tariff schedules held, each block with its sources. Missing values are null ("no data"), never 0. See docs/briefs.md.';

export function briefRoutes(api: Api): void {
  api.json({
    method: 'get',
    path: '/api/countries/{iso3}/brief',
    tag: 'briefs',
    summary: 'The country brief of one economy as data: exactly what the printable page and the PDF show',
    description: `${ABOUT} The PDF: /api/countries/{iso3}/brief.pdf?lang=en|es|pt|zh|ja|ko.`,
    params: iso3Param,
    response: z.object({ ok: z.literal(true), brief: briefSchema }),
    async handler(c) {
      queryOf(c.req.url, []);
      return { brief: await briefOf(api.ctx, c.req.param('iso3')!) };
    },
  });

  api.json({
    method: 'get',
    path: '/api/countries/{iso3}/brief.pdf',
    tag: 'briefs',
    summary: 'The country brief of one economy as a printable PDF (two to four A4 pages) in one of the six languages',
    description: `${ABOUT} \`lang\`: ${BRIEF_LANGUAGES.join(', ')} (default en).`,
    params: iso3Param,
    response: z.object({ ok: z.literal(true) }).describe('Not answered: the route answers application/pdf'),
    produces: { 'application/pdf': 'The brief (PDF, A4)' },
    async handler(c) {
      const parsed = briefPdfQuery.strict().safeParse(queryOf(c.req.url, ['lang']));
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new ApiError(400, `Bad query: ${errors.join('; ')}`, errors);
      }
      const lang = parsed.data.lang ?? 'en';
      const brief = await briefOf(api.ctx, c.req.param('iso3')!);
      const pdf = await countryBriefPdf(brief, lang);
      return new Response(new Uint8Array(pdf), {
        status: 200,
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="puente-brief-${brief.iso3}-${lang}.pdf"`,
          ...(brief.synthetic ? { 'X-Puente-Synthetic': 'true' } : {}),
        },
      });
    },
  });
}
