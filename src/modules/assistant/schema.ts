import { z } from 'zod';
import { countryList } from '../../platform/http/grammar.js';

// The export assistant's question and answer. The question is the URL (web and API use the same
// names): origin, destination (~ list), hs, kind, value, currency, weight, channel, traits, date.

export const KINDS = ['goods', 'services'] as const;
export const CHANNELS = ['marketplace', 'webshop', 'postal', 'courier'] as const;
/** Traits of the firm; each matches targets of the support vocabulary (compute.TRAIT_TARGETS). */
export const TRAITS = ['women_led', 'first_time', 'rural'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Trait = (typeof TRAITS)[number];

/**
 * The sections of an answer, in the order they are shown. Sections about the destination repeat
 * for each destination; `leaving` and `help` are about the origin and come once.
 * `tariffs` ("At B's customs, above the de minimis") comes from the tariffs module (issue #19).
 */
export const SECTION_IDS = ['buyers', 'border', 'tariffs', 'rules', 'leaving', 'help', 'both_ways'] as const;
export type SectionId = (typeof SECTION_IDS)[number];
/** Sections answered once per destination (the others once, about the origin). */
export const PER_DESTINATION: readonly SectionId[] = ['buyers', 'border', 'tariffs', 'rules', 'both_ways'];

const decimal = (what: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `must be a number >= 0 such as 150 or 2.5 (${what})`)
    .transform(Number);

const listOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const items = [...new Set(s.split('~').map((x) => x.trim()).filter(Boolean))];
      const bad = items.filter((x) => !(values as readonly string[]).includes(x));
      if (!items.length || bad.length) {
        ctx.addIssue({ code: 'custom', message: `${bad.length ? `"${bad.join('", "')}" not known; ` : ''}give ${what} separated by ~ (${values.join(', ')})` });
        return z.NEVER;
      }
      return items as T[number][];
    });

export const questionQuery = z.object({
  origin: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166 alpha-3 code such as PER')
    .transform((s) => s.toUpperCase())
    .describe('The seller\'s economy (ISO3), e.g. PER'),
  destination: countryList.describe('The buyers\' economies (ISO3, up to 5, separated by ~), e.g. JPN~KOR; an economy outside FEALAC is answered with what Puente holds (little)'),
  hs: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'must be an HS 2022 chapter, heading or subheading: 2, 4 or 6 digits such as 0901')
    .optional()
    .describe('The product: HS 2022 code (2, 4 or 6 digits); GET /api/assistant/hs searches the list'),
  kind: z.enum(KINDS).optional().describe('goods (default) or services'),
  value: decimal('value').optional().describe('Value of a typical shipment, in `currency`'),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as USD or PEN')
    .transform((s) => s.toUpperCase())
    .optional()
    .describe('Currency of `value` (default USD)'),
  weight: decimal('kg').optional().describe('Weight of a typical shipment in kg'),
  channel: z.enum(CHANNELS).optional().describe('How it is sold and shipped: marketplace (foreign marketplace), webshop (own web shop), postal, courier'),
  traits: listOf(TRAITS, 'traits').optional().describe('Traits of the firm, separated by ~: women_led, first_time, rural'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .optional()
    .describe('Date of the shipment, for the thresholds in force and the exchange rate (default today)'),
});
export type QuestionQuery = z.infer<typeof questionQuery>;

export const briefQuery = questionQuery.extend({
  lang: z.enum(['en', 'es', 'pt', 'zh', 'ja', 'ko']).optional().describe('Language of the brief (default en)'),
});

/** One fact of the answer: a row of the JSON envelope and of the CSV. */
export const itemRow = z.object({
  section: z.enum(SECTION_IDS).describe('Section of the answer'),
  destination: z.string().nullable().describe('The destination the fact is about; empty = about the origin'),
  key: z.string().describe('What the fact is (e.g. de_minimis, marketplace, programme, contact); labels in the app\'s languages'),
  subject: z.string().nullable().describe('What or whom it is about, as the source names it (a marketplace, a law area, a programme...)'),
  value: z.union([z.number(), z.string()]).nullable().describe('The value; empty = unknown (not zero)'),
  unit: z.string().nullable().describe('Unit or currency of value'),
  value_usd: z.number().nullable().describe('value in US$ at the dated official rate, where it is money and a rate is known'),
  status: z.string().nullable().describe('A finding coded: under | over | unknown (shipment vs threshold), category | general | no (product fit), in_force | planned | expired, trait | general (programme fit), differs | same...'),
  qualifier: z.string().nullable().describe('A second coded finding (e.g. foreign sellers yes/no/unknown; the de minimis kind duty/tax/both; fits/exceeds a channel\'s cap)'),
  detail: z.string().nullable().describe('Text as the source gives it (categories, basis, notes)'),
  url: z.string().nullable(),
  as_of: z.string().nullable().describe('Date of the value (source date, rate year, snapshot month); empty = not stated'),
  source_id: z.string().nullable(),
  synthetic: z.boolean().describe('true when the value comes from synthetic data'),
});
export type Item = z.infer<typeof itemRow>;

export const sectionSchema = z.object({
  id: z.enum(SECTION_IDS),
  destination: z.string().nullable(),
  status: z.enum(['answered', 'partial', 'missing']).describe('answered; partial (some parts missing); missing (nothing known)'),
  missing: z.array(z.string()).describe('What is missing and why (a dataset not imported, a module unavailable)'),
  items: z.number().int(),
});
export type Section = z.infer<typeof sectionSchema>;

export const productSchema = z.object({
  code: z.string(),
  level: z.number().int(),
  description: z.string(),
  section: z.string(),
  section_name: z.string(),
  chapter: z.string(),
});
export type Product = z.infer<typeof productSchema>;

export const questionSchema = z.object({
  origin: z.string(),
  destinations: z.array(z.string()),
  product: productSchema.nullable(),
  kind: z.enum(KINDS),
  value: z.number().nullable(),
  currency: z.string(),
  value_usd: z.number().nullable(),
  rate: z
    .object({ currency: z.string(), lcu_per_usd: z.number().nullable(), rate_year: z.number().int().nullable(), missing: z.string().nullable() })
    .describe('The official rate used for the shipment value'),
  weight_kg: z.number().nullable(),
  channel: z.enum(CHANNELS).nullable(),
  traits: z.array(z.enum(TRAITS)),
  date: z.string(),
});
export type Question = z.infer<typeof questionSchema>;

export const answerFields = {
  question: questionSchema,
  sections: z.array(sectionSchema).describe('The sections in order, each with its status and what is missing'),
  timings_ms: z.record(z.string(), z.number()).describe('Time each part took (the parts run in parallel)'),
};

export const hsRow = productSchema.extend({ score: z.number().nullable() });
export const hsQuery = z.object({
  q: z.string().min(1).max(80).describe('Words (English or Spanish) or the start of a code, e.g. café, coffee, 0901'),
  level: z
    .enum(['2', '4', '6'])
    .transform(Number)
    .optional()
    .describe('Only chapters (2), headings (4) or subheadings (6)'),
});
