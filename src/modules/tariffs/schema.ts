import { z } from 'zod';

// Shapes of the tariffs module (shared with the web app). No I/O.

export const parsedRate = z
  .object({
    kind: z.enum(['free', 'ad_valorem', 'specific', 'not_parsed']).describe('free | ad_valorem (percent) | specific (amount per unit) | not_parsed (read the verbatim text)'),
    percent: z.number().nullable().describe('Ad valorem rate, % of the customs value'),
    amount: z.number().nullable().describe('Specific duty per unit'),
    currency: z.string().nullable().describe('Currency of a specific duty (ISO 4217)'),
    unit: z.string().nullable().describe('Unit of a specific duty (kg, l, m2, ...)'),
    bracketed: z.boolean().describe('The publisher printed the rate in brackets (for the WTO column: a rate not applied)'),
  })
  .describe('A reading of the verbatim text; never a guess');
export type ParsedRate = z.infer<typeof parsedRate>;

export const rateCell = z.object({
  column: z.string().describe('Puente id of the rate column (general, temporary, wto, gsp, epa_per, cptpp, ...)'),
  text: z.string().nullable().describe('Verbatim text of the cell; null = the cell is empty (no rate in that column)'),
  parsed: parsedRate.nullable(),
});
export type RateCell = z.infer<typeof rateCell>;

export const appliedMfn = z.object({
  column: z.string().nullable().describe('The column whose rate applies (general, temporary or wto); null = not determined'),
  text: z.string().nullable(),
  parsed: parsedRate.nullable(),
  rule: z.string().describe('Why this column (Japan Customs\' reading of its schedule, docs/methodology.md#tariffs)'),
});
export type AppliedMfn = z.infer<typeof appliedMfn>;

export const preferentialRate = z.object({
  agreement: z.string().describe('Agreement id (the rate column)'),
  name: z.string().describe('Agreement name (English)'),
  name_es: z.string(),
  text: z.string().nullable().describe('Verbatim text; null = no concession listed in this agreement\'s column for the line'),
  parsed: parsedRate.nullable(),
  note: z.string().describe('Rules of origin must be met'),
});
export type PreferentialRate = z.infer<typeof preferentialRate>;

export const duty = z.object({
  destinationCurrency: z.string(),
  amount: z.number().nullable().describe('Duty in the destination currency at the applied rate; null = not computable (see missing)'),
  usd: z.number().nullable(),
  rateDate: z.string().nullable().describe('Year of the official exchange rates used'),
  basis: z.enum(['mfn', 'preferential']),
  agreement: z.string().nullable(),
  missing: z.string().nullable(),
});
export type Duty = z.infer<typeof duty>;

export const answerLine = z.object({
  code: z.string().describe('National line: HS 6 + national digits (0901.21.000)'),
  hs6: z.string(),
  description: z.string().nullable().describe('English description of the HS 6 subheading (HS 2022); null = not in the code list'),
  description_local: z.string().describe('The line\'s description in the publisher\'s language, verbatim'),
  mfn: appliedMfn,
  columns: z.array(rateCell).describe('Every non-empty rate column of the line, verbatim and parsed'),
  preferential: z.array(preferentialRate),
  duty: duty.nullable().describe('Duty on the given value at the applied MFN rate (free and ad valorem rates only); null when no value was given'),
  duty_preferential: duty.nullable().describe('Duty at the lowest free or ad valorem preferential rate the origin may claim; null when none or no value'),
  inherited: z.record(z.string(), z.string()).describe('Rate columns printed on a heading above the line: column id -> the heading\'s code'),
  unit: z.string().nullable().describe('Statistical unit(s)'),
});
export type AnswerLine = z.infer<typeof answerLine>;

export const scheduleInfo = z.object({
  destination: z.string(),
  edition: z.string().describe('Date the edition applies from'),
  edition_id: z.string(),
  publisher: z.string(),
  source: z.string().describe('Where the schedule was obtained'),
  licence: z.string(),
  url: z.string().describe('The publisher\'s official page'),
  editions: z.array(z.string()).describe('Every edition Puente holds for the destination'),
});
export type ScheduleInfo = z.infer<typeof scheduleInfo>;

export const officialLink = z.object({ iso3: z.string(), kind: z.string(), url: z.string(), note: z.string().nullable() });
export const agencyContact = z.object({ name: z.string(), url: z.string().nullable() });

export const tariffAnswerShape = z.object({
  destination: z.string(),
  origin: z.string().nullable(),
  hs: z.string(),
  date: z.string().nullable(),
  schedule: scheduleInfo.nullable(),
  message: z.string().nullable().describe('Why there are no lines (no schedule, no edition in force, no line under the code)'),
  reason: z.enum(['no_schedule', 'no_edition', 'no_line']).nullable().describe('The message as a code: no_schedule (none in Puente), no_edition (none in force on the date), no_line (none under the HS code)'),
  officialLink: officialLink.nullable(),
  agency: agencyContact.nullable(),
  value: z.number().nullable(),
  currency: z.string().nullable(),
  lines: z.array(answerLine),
  truncated: z.boolean(),
});
export type TariffAnswer = z.infer<typeof tariffAnswerShape>;

export const hsParam = z.string().regex(/^\d{4}(\.?\d{2})?(\.?\d{1,4})?$/, 'must be an HS code of 4 to 10 digits, such as 0901, 0901.21 or 090121').describe('HS code: heading, subheading or national line (0901.21, 090121, 0901.21.000)');

export const lookupQuery = z.object({
  origin: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166 alpha-3 code such as PER')
    .transform((s) => s.toUpperCase())
    .optional()
    .describe('Origin economy (ISO3): its preferential rates'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional().describe('The edition in force on this date (default: the latest)'),
  value: z.coerce.number().positive('must be a positive amount').finite().optional().describe('Customs value of the shipment, for the duty'),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as USD').transform((s) => s.toUpperCase()).optional().describe('Currency of value (default USD)'),
});

export const lookupRow = z.object({
  code: z.string(),
  hs6: z.string(),
  description: z.string().nullable(),
  description_local: z.string(),
  rate: z.string().describe('mfn_applied | a rate column id (general, wto, gsp, epa_per, ...)'),
  agreement_name: z.string().nullable(),
  origin_may_claim: z.boolean().nullable().describe('The origin is party to the agreement (null for MFN columns and when no origin is given)'),
  text: z.string().nullable().describe('Verbatim text'),
  kind: z.string().nullable(),
  percent: z.number().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  unit: z.string().nullable(),
  bracketed: z.boolean().nullable(),
  edition: z.string(),
});

export const editionRow = z.object({
  id: z.string(),
  destination: z.string(),
  edition: z.string(),
  publisher: z.string(),
  url: z.string(),
  licence: z.string(),
  lines: z.number().int().describe('Rated lines'),
  chapters: z.number().int(),
  imported_at: z.string(),
});

export const agreementRow = z.object({
  destination: z.string(),
  column: z.string(),
  column_key: z.string().describe('The column\'s key in the publisher\'s file, verbatim'),
  kind: z.string(),
  name_en: z.string(),
  name_es: z.string(),
  parties: z.array(z.string()).describe('FEALAC economies party to the agreement (in force)'),
  source: z.string().nullable(),
  note: z.string().nullable(),
  as_of: z.string(),
});
