// One shipment, as data: the schema the API, the CLI and the web form share. Codes follow the
// international lists (checked against them in compute.ts); amounts and weights are decimal text
// or numbers as given, and every total is computed, never typed.
import { z } from 'zod';

/** Free text in a name or address: bounded, one line, no control characters. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), 'control characters are not allowed');
const optionalText = (max: number) => text(max).optional();

/** A decimal given as text ("12.50") or a number; at most `places` decimals, positive, bounded. */
const decimal = (places: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
    .refine((v) => new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`).test(v), `a non-negative decimal with at most ${places} decimals (e.g. "12.5")`)
    .refine((v) => Number(v) <= max, `at most ${max}`);

export const countryCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as PER');
export const locodeCode = z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'a UN/LOCODE such as PECLL (country + 3 characters)');

export const partySchema = z
  .object({
    name: text(200).describe('Legal name, in any script'),
    address: optionalText(300),
    city: optionalText(100),
    postcode: optionalText(20),
    country: countryCode.describe('ISO 3166-1 alpha-3'),
    tax_id: optionalText(40).describe('Tax or trader identifier (RUC, 法人番号, VAT ...)'),
    email: z.email().max(200).optional(),
  })
  .strict();

export const itemSchema = z
  .object({
    hs: z
      .string()
      .transform((s) => s.replace(/[.\s]/g, ''))
      .pipe(z.string().regex(/^\d{6}$/, 'a 6-digit HS 2022 subheading such as 0901.21'))
      .describe('HS 2022 subheading (6 digits; dots allowed: 0901.21)'),
    description: text(300),
    quantity: decimal(3, 1e9).describe('Quantity in `unit`, up to 3 decimals'),
    unit: z.string().regex(/^[A-Z0-9]{2,3}$/, 'a UN/ECE Recommendation 20 unit code such as KGM').describe('UN/ECE Rec 20 unit (KGM, H87 ...)'),
    unit_price: decimal(6, 1e12).describe('Price of one unit in the shipment currency, up to 6 decimals'),
    net_weight_kg: decimal(3, 1e7).describe('Net weight of the line in kg'),
    gross_weight_kg: decimal(3, 1e7).describe('Gross weight of the line in kg (with packing)'),
    origin: countryCode.describe('Country of origin, ISO 3166-1 alpha-3'),
  })
  .strict();

export const packageSchema = z
  .object({
    type: z.string().regex(/^[A-Z0-9]{2}$/, 'a UN/ECE Recommendation 21 package code such as BX').describe('UN/ECE Rec 21 package type (BX box, CT carton, BG bag ...)'),
    count: z.number().int().min(1).max(100000),
    marks: optionalText(200).describe('Shipping marks and numbers'),
  })
  .strict();

export const TRANSPORT_MODES = { sea: '1', rail: '2', road: '3', air: '4', postal: '5', multimodal: '8' } as const;
export const CHANNELS = ['marketplace', 'webshop', 'postal', 'courier'] as const;
export const CN23_CATEGORIES = ['gift', 'documents', 'commercial_sample', 'returned_goods', 'sale_of_goods', 'other'] as const;

export const shipmentSchema = z
  .object({
    document: z
      .object({
        number: text(35).describe('Invoice number'),
        date: z.iso.date().describe('Issue date (YYYY-MM-DD)'),
      })
      .strict(),
    seller: partySchema,
    buyer: partySchema,
    consignee: partySchema.optional().describe('Who receives the goods, when not the buyer'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    items: z.array(itemSchema).min(1).max(200),
    packages: z.array(packageSchema).min(1).max(200),
    delivery: z
      .object({
        incoterm: z.string().regex(/^[A-Z]{3}$/, 'an Incoterms 2020 code such as FCA'),
        place: locodeCode.describe('Named place of the Incoterm, as UN/LOCODE'),
      })
      .strict(),
    loading: locodeCode.optional().describe('Place of loading (UN/LOCODE)'),
    discharge: locodeCode.optional().describe('Place of discharge (UN/LOCODE)'),
    transport_mode: z.enum(Object.keys(TRANSPORT_MODES) as [keyof typeof TRANSPORT_MODES, ...(keyof typeof TRANSPORT_MODES)[]]).describe('Mode of transport (UN/ECE Rec 19)'),
    channel: z.enum(CHANNELS).describe('How the goods go: marketplace, webshop, postal or courier'),
    cn23: z
      .object({
        category: z.enum(CN23_CATEGORIES),
        explanation: optionalText(200),
        licence: optionalText(35),
        certificate: optionalText(35),
        comments: optionalText(300),
      })
      .strict()
      .optional()
      .describe('Postal customs data (CN 23): category of item and references'),
  })
  .strict();

export type Shipment = z.infer<typeof shipmentSchema>;
export type ShipmentInput = z.input<typeof shipmentSchema>;

export const DOCUMENT_KINDS = ['invoice', 'packing-list', 'cn23'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const LANGUAGES = ['en', 'es'] as const;

/** One line with its computed amount. */
export const lineSchema = z.object({
  line: z.number().int(),
  hs: z.string(),
  description: z.string(),
  quantity: z.string(),
  unit: z.string(),
  unit_price: z.string(),
  amount_minor: z.number().int().describe('quantity × unit_price, in the currency minor unit, rounded half away from zero'),
  amount: z.string().describe('amount_minor as decimal text'),
  net_weight_kg: z.string(),
  gross_weight_kg: z.string(),
  origin: z.string(),
});

export const totalsSchema = z.object({
  currency: z.string(),
  minor_unit: z.number().int().describe('Decimals of the currency (ISO 4217)'),
  lines: z.array(lineSchema),
  total_minor: z.number().int().describe('Sum of the rounded line amounts, in minor units'),
  total: z.string(),
  net_weight_kg: z.string(),
  gross_weight_kg: z.string(),
  packages: z.number().int(),
});
export type Totals = z.infer<typeof totalsSchema>;

export const documentJsonSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string().describe('"Commercial invoice", "Packing list" or "CN 23 data" in the asked language'),
  shipment: z.record(z.string(), z.any()).describe('The shipment as checked'),
  totals: totalsSchema,
  cn23: z
    .object({
      category: z.string(),
      contents: z.array(z.object({ description: z.string(), quantity: z.string(), net_weight_kg: z.string(), value: z.string(), hs: z.string(), origin: z.string() })),
      total_gross_weight_kg: z.string(),
      total_value: z.string(),
      licence: z.string().nullable(),
      certificate: z.string().nullable(),
      invoice: z.string(),
    })
    .optional(),
});
