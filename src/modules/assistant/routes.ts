import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Api } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import type { AppContext } from '../../platform/module.js';
import { listCountries } from '../countries/index.js';
import { assembleAnswer, type Answer, type AnswerSettings } from './answer.js';
import { HS_SOURCE, productOf, searchHs } from './hs.js';
import { briefPdf } from './pdf.js';
import { answerFields, briefQuery, hsQuery, hsRow, itemRow, questionQuery, type QuestionQuery } from './schema.js';

const require = createRequire(import.meta.url);
for (const lang of ['en', 'es', 'pt', 'zh', 'ja', 'ko']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

const MAX_DESTINATIONS = 5;

export function settingsOf(ctx: AppContext): AnswerSettings {
  const c = ctx.config;
  return {
    minCoverage: c.PUENTE_REG_MIN_COVERAGE,
    bpa: { variability: c.PUENTE_BPA_VARIABILITY, manyActors: c.PUENTE_BPA_MANY_ACTORS },
    tf: { prereqMin: c.PUENTE_TF_PREREQ_MIN_STATUS, implementedMin: c.PUENTE_TF_IMPLEMENTED_MIN_STATUS, peerMin: c.PUENTE_TF_PEER_MIN_ECONOMIES },
  };
}

/** Codes that name nothing are 400s naming the parameter (origin: a FEALAC member; destination: any ISO 3166 economy). */
async function checkQuestion(db: Kysely<any>, q: QuestionQuery): Promise<void> {
  checkKnown('origin', q.origin, (await listCountries(db)).map((c) => c.iso3), { what: 'FEALAC economy' });
  if (q.destination.length > MAX_DESTINATIONS) throw new ApiError(400, `destination: at most ${MAX_DESTINATIONS} economies, not ${q.destination.length}`);
  checkKnown('destination', q.destination, Object.keys(countries.getAlpha3Codes()), { what: 'ISO 3166 alpha-3 code' });
  if (q.hs && !productOf(q.hs)) throw new ApiError(400, `hs: "${q.hs}" is not an HS 2022 code (GET /api/assistant/hs?q=... searches the list)`);
}

const today = (ctx: AppContext) => ctx.clock().toISOString().slice(0, 10);

export async function answerFor(ctx: AppContext, q: QuestionQuery): Promise<Answer> {
  await checkQuestion(ctx.db.kysely, q);
  return assembleAnswer(ctx.db.kysely, q, settingsOf(ctx), today(ctx));
}

/** Economy names in a language: the FEALAC names in English, the package's otherwise. */
export function namer(answer: Answer, lang: string): (iso3: string) => string {
  return (iso3) => (lang === 'en' ? answer.names[iso3] : null) ?? countries.getName(iso3, lang) ?? countries.getName(iso3, 'en') ?? iso3;
}

export function assistantRoutes(api: Api): void {
  api.data({
    path: '/api/assistant',
    tag: 'assistant',
    summary: 'The export assistant: one MSME question (origin, destinations, product, shipment, channel, traits) answered from every module',
    description:
      'One row per fact of the answer, in the order of its sections: where buyers in each destination shop (marketplaces, open popularity ranks, product fit, foreign sellers), at its border (de minimis thresholds in force on `date` in their currency and in US$ at the dated official rate, the shipment under or over), its rules that matter to a seller (Cyberlaw Tracker areas beside the origin\'s, RDTII pillars 6, 7 and 12 gated by coverage), both ways (GeoDist distance, readiness indicators), leaving the origin (low-value export channels against the shipment, trade facilitation score and next measures, BPA cases for the channel, Doing Business), and help at home (programmes fitting the firm\'s traits, directory contacts). ' +
      'Named fields: `question` (as understood, with the shipment in US$), `sections` (in order, each with `status` answered/partial/missing and what is `missing`), `timings_ms` (each part; they run in parallel). ' +
      'A module or dataset that is missing leaves its section saying so; the answer is never an error for it. The brief as PDF: /api/assistant/brief.pdf with the same parameters and `lang`.',
    query: questionQuery,
    row: itemRow,
    fields: answerFields,
    async handler({ query, ctx }) {
      const a = await answerFor(ctx, query);
      const synthetic = a.items.some((i) => i.synthetic);
      return {
        rows: a.items,
        fields: { question: a.question, sections: a.sections, timings_ms: a.timings_ms },
        sources: a.sources,
        title: `Export assistant: ${a.question.origin} to ${a.question.destinations.join(', ')}${a.question.product ? `, HS ${a.question.product.code}` : ''}${synthetic ? ' (includes SYNTHETIC data)' : ''}`,
      };
    },
  });

  api.data({
    path: '/api/assistant/hs',
    tag: 'assistant',
    summary: 'Search the HS 2022 code list (English descriptions, Spanish words of chapters, code prefixes)',
    description:
      'The list is carried by Puente (UN Comtrade HS 2022, versioned). It has no Spanish text: Spanish words written for Puente find sections and chapters, and through them their headings and subheadings. `q` is words or the start of a code; `level` keeps chapters (2), headings (4) or subheadings (6). At most 50 rows.',
    query: hsQuery,
    row: hsRow,
    async handler({ query }) {
      return { rows: searchHs(query.q, { level: query.level }), sources: [HS_SOURCE], title: `HS 2022 codes matching "${query.q}"` };
    },
  });

  // The PDF brief: not a data view (no CSV twin), declared in the OpenAPI document here.
  const path = '/api/assistant/brief.pdf';
  api.registry.registerPath({
    method: 'get',
    path,
    operationId: 'getAssistantBriefPdf',
    tags: ['assistant'],
    summary: 'The export assistant\'s answer as a printable PDF brief, in English or Spanish, with its sources and date',
    security: [],
    request: { query: briefQuery },
    responses: {
      200: { description: 'The brief (application/pdf)', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
      400: { description: 'Bad request: a malformed or unknown parameter (the answer names it)', content: { 'application/json': { schema: z.object({ ok: z.literal(false), error: z.string(), errors: z.array(z.string()), status: z.number().int() }) } } },
    },
  });
  api.routes.push({ method: 'GET', path, twins: false });
  api.app.get(path, async (c) => {
    const ctx = api.ctx;
    const raw: Record<string, string> = {};
    for (const [k, v] of new URL(c.req.url).searchParams) {
      if (k in raw) throw new ApiError(400, `Bad query: "${k}" is given more than once; give it once (lists use ~)`);
      raw[k] = v;
    }
    const parsed = briefQuery.strict().safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown query parameter${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` : `${i.path.join('.')}: ${i.message}`));
      throw new ApiError(400, `Bad query: ${errors.join('; ')}`, errors);
    }
    const { lang, ...q } = parsed.data;
    const answer = await answerFor(ctx, q);
    const language = lang ?? 'en';
    const pdf = await briefPdf(answer, language, today(ctx), namer(answer, language));
    const name = `puente-brief-${answer.question.origin}-${answer.question.destinations.join('-')}${answer.question.product ? `-${answer.question.product.code}` : ''}.pdf`;
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    });
  });
}
