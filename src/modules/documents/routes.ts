import type { Context } from 'hono';
import { z } from 'zod';
import type { Api, Env, SourceRow } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { codeListsAt } from './codelists.js';
import { CodeCheckError, DocumentRequestError, generateDocument, type DocumentFormat } from './generate.js';
import { InvalidCiiError } from './invoice-xml.js';
import { searchPlaces } from './pickers.js';
import { DOCUMENT_KINDS, documentJsonSchema, shipmentSchema, type DocumentKind } from './schema.js';

const FORMATS: Record<DocumentKind, DocumentFormat[]> = { invoice: ['pdf', 'xml', 'json'], 'packing-list': ['pdf', 'json'], cn23: ['pdf', 'json'] };

/** ?format= wins; else the Accept header; else PDF. */
export function pickFormat(kind: DocumentKind, query: string | undefined, accept: string | undefined): DocumentFormat {
  const allowed = FORMATS[kind];
  if (query !== undefined) {
    if (!allowed.includes(query as DocumentFormat)) throw new ApiError(400, `Bad query: format: the ${kind} comes as ${allowed.join(', ')}`, [`format: one of ${allowed.join(', ')}`]);
    return query as DocumentFormat;
  }
  const a = (accept ?? '').toLowerCase();
  if (a.includes('application/pdf')) return 'pdf';
  if (kind === 'invoice' && /application\/xml|text\/xml/.test(a)) return 'xml';
  if (a.includes('application/json')) return 'json';
  return 'pdf';
}

const UNLOCODE_SOURCE: SourceRow = {
  id: 'unlocode-2023-2',
  publisher: 'UN/CEFACT',
  title: 'UN/LOCODE 2023-2 (uncefact/vocab-locode), places of the 36 FEALAC economies',
  url: 'https://github.com/uncefact/vocab-locode',
  license: 'MIT',
  retrieved_at: null,
  synthetic: false,
};

export function documentRoutes(api: Api): void {
  const lists = () => codeListsAt(api.ctx.config.PUENTE_CODELISTS_DIR);
  for (const kind of DOCUMENT_KINDS) {
    api.json({
      method: 'post',
      path: `/api/documents/${kind}`,
      tag: 'documents',
      auth: 'public',
      summary: kind === 'invoice' ? 'A commercial invoice (PDF, CII D16B XML or JSON) from a shipment' : kind === 'packing-list' ? 'A packing list (PDF or JSON) from a shipment' : 'CN 23 customs declaration data (PDF or JSON) for a postal shipment',
      description:
        'Computes the document from the shipment in the body; nothing is stored or logged. Format by `?format=pdf|xml|json` or the Accept header (default PDF; XML is the invoice only, a UN/CEFACT Cross Industry Invoice D16B checked against the schemas). Labels in `?lang=en|es` (default: Accept-Language, then English). Codes are checked against HS 2022, ISO 4217, ISO 3166, UN/ECE Rec 20 and 21, Incoterms 2020 and UN/LOCODE; every problem is named in a 400.',
      body: shipmentSchema,
      response: documentJsonSchema,
      raw: true,
      produces: kind === 'invoice' ? { 'application/pdf': 'The invoice on the UN Layout Key', 'application/xml': 'CII D16B invoice' } : { 'application/pdf': 'The document on the UN Layout Key' },
      handler: async (c: Context<Env>, shipment) => {
        const format = pickFormat(kind, c.req.query('format'), c.req.header('accept'));
        const langQuery = c.req.query('lang');
        if (langQuery !== undefined && !['en', 'es'].includes(langQuery)) throw new ApiError(400, 'Bad query: lang: en or es', ['lang: en or es']);
        const lang = langQuery ?? (c.req.header('accept-language') ?? 'en').slice(0, 2);
        try {
          const doc = await generateDocument(kind, format, shipment, lists(), lang);
          if (format === 'json') return { ok: true, ...(doc.body as Record<string, unknown>) };
          return new Response(doc.body as BodyInit, {
            headers: { 'Content-Type': doc.contentType, 'Content-Disposition': `attachment; filename="${doc.filename}"`, 'X-Content-Type-Options': 'nosniff' },
          });
        } catch (err) {
          if (err instanceof CodeCheckError || err instanceof DocumentRequestError) throw new ApiError(400, `Bad body: ${err.errors.join('; ')}`, err.errors);
          if (err instanceof InvalidCiiError) throw new ApiError(422, 'The invoice could not be made valid CII D16B from this shipment', err.errors);
          throw err;
        }
      },
    });
  }

  api.data({
    path: '/api/documents/places',
    tag: 'documents',
    summary: 'UN/LOCODE places of the 36 FEALAC economies, found by name',
    description: 'For the documents form: a place by name (with or without diacritics) or by code → its UN/LOCODE.',
    query: z.object({
      q: z.string().trim().min(1).max(100).describe('Part of the name or code (Callao, PECLL, Tokyo)').openapi({ example: 'Callao' }),
      country: z.string().regex(/^[A-Z]{3}$/).optional().describe('Only this economy (ISO 3166-1 alpha-3)'),
    }),
    row: z.object({ locode: z.string(), name: z.string(), iso3: z.string(), subdivision: z.string().nullable() }),
    handler: async ({ query }) => ({ rows: searchPlaces(lists(), query.q, query.country).map((p) => ({ locode: p.locode, name: p.name, iso3: p.iso3, subdivision: p.subdivision })), sources: [UNLOCODE_SOURCE], title: 'UN/LOCODE places' }),
  });
}
