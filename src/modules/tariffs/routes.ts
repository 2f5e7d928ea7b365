import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Api } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import { iso3Param, memberCodes } from '../countries/index.js';
import { AS_OF, COLUMNS_BY_DESTINATION, RULES_OF_ORIGIN_URL } from './agreements.js';
import { answerSources, tariffAnswer } from './answer.js';
import { agreementRow, agencyContact, answerLine, editionRow, hsParam, lookupQuery, lookupRow, officialLink, scheduleInfo, type TariffAnswer } from './schema.js';
import { linksOf, listEditions, sourcesOf } from './store.js';

/** One row per line and rate (the applied MFN rate, then every column), as the CSV has it. */
export function lookupRows(a: TariffAnswer): z.infer<typeof lookupRow>[] {
  const edition = a.schedule?.edition ?? '';
  const columns = COLUMNS_BY_DESTINATION[a.destination] ?? [];
  return a.lines.flatMap((l) => {
    const common = { code: l.code, hs6: l.hs6, description: l.description, description_local: l.description_local, edition };
    const reading = (p: (typeof l.columns)[number]['parsed']) => ({ kind: p?.kind ?? null, percent: p?.percent ?? null, amount: p?.amount ?? null, currency: p?.currency ?? null, unit: p?.unit ?? null, bracketed: p ? p.bracketed : null });
    return [
      { ...common, rate: 'mfn_applied', agreement_name: l.mfn.column, origin_may_claim: null, text: l.mfn.text, ...reading(l.mfn.parsed) },
      ...l.columns.map((c) => {
        const col = columns.find((x) => x.id === c.column);
        const agreement = col?.kind === 'agreement';
        return { ...common, rate: c.column, agreement_name: col?.name_en ?? null, origin_may_claim: agreement && a.origin ? col!.parties.includes(a.origin) : null, text: c.text, ...reading(c.parsed) };
      }),
    ];
  });
}

async function checkEconomy(db: Kysely<any>, param: string, iso3: string | undefined) {
  if (iso3) checkKnown(param, iso3, await memberCodes(db), { what: 'FEALAC economy' });
}

export function tariffRoutes(api: Api): void {
  const tag = 'tariffs';

  api.data({
    path: '/api/tariffs/editions',
    tag,
    summary: 'National tariff schedules Puente holds: one row per destination and edition, with publisher, licence and size',
    row: editionRow,
    async handler({ ctx }) {
      const rows = await listEditions(ctx.db.kysely);
      return { rows: rows.map(({ source_id: _s, ...r }) => r), sources: await sourcesOf(ctx.db.kysely, rows.map((r) => r.source_id)), title: 'Tariff schedules: editions' };
    },
  });

  api.data({
    path: '/api/tariffs/agreements',
    tag,
    summary: 'Rate columns of each schedule: which column is which rate or agreement, and which FEALAC economies are party to it',
    description: `Parties are those for which the agreement is in force with the destination, from its official lists (as of ${AS_OF}; \`source\`). Filter \`destination=\`.`,
    query: z.object({ destination: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166 alpha-3 code such as JPN').transform((s) => s.toUpperCase()).optional() }),
    row: agreementRow,
    async handler({ query }) {
      const destinations = Object.keys(COLUMNS_BY_DESTINATION);
      if (query.destination) checkKnown('destination', query.destination, destinations, { what: 'destination with a schedule in Puente' });
      const rows = (query.destination ? [query.destination] : destinations).flatMap((d) =>
        COLUMNS_BY_DESTINATION[d].map((c) => ({ destination: d, column: c.id, column_key: c.key, kind: c.kind, name_en: c.name_en, name_es: c.name_es, parties: c.parties, source: c.source, note: c.note ?? null, as_of: AS_OF })),
      );
      return { rows, title: 'Tariff rate columns and agreements' };
    },
  });

  api.data({
    path: '/api/tariffs/{iso3}/{hs}',
    tag,
    summary: 'What the destination\'s customs charges on an HS code: the applied MFN rate and the origin\'s preferential rates, line by line, verbatim and parsed',
    description: [
      '`iso3` is the destination, `hs` an HS heading, subheading or national line. `origin=` lists the preferential rates that economy may claim (each only if the goods meet the agreement\'s rules of origin: ' + RULES_OF_ORIGIN_URL + '); `date=` picks the edition in force on that date; `value=` and `currency=` (default USD) give the duty on that customs value where the rate is free or ad valorem, in the destination\'s currency and in US$ at the dated official rate.',
      'Rows: one per line and rate (`mfn_applied` first, then every non-empty rate column) with the verbatim `text` and its reading (`kind` = free | ad_valorem | specific | not_parsed). The nested answer is in `lines`; `schedule` names the edition, source and licence. Where Puente has no schedule for the destination, `schedule` is null, `message` says so and `official_link` / `agency` say where to look.',
    ].join('\n\n'),
    params: z.object({ iso3: iso3Param.shape.iso3, hs: hsParam }),
    query: lookupQuery,
    row: lookupRow,
    fields: {
      destination: z.string(),
      origin: z.string().nullable(),
      date: z.string().nullable(),
      schedule: scheduleInfo.nullable(),
      message: z.string().nullable(),
      reason: z.enum(['no_schedule', 'no_edition', 'no_line']).nullable().describe('no_schedule | no_edition (none in force on date=) | no_line (none under the code)'),
      official_link: officialLink.nullable(),
      agency: agencyContact.nullable(),
      lines: z.array(answerLine),
      lines_truncated: z.boolean().describe('More lines matched than the 100 shown: ask for a longer code'),
    },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      await checkEconomy(db, 'iso3', params.iso3);
      await checkEconomy(db, 'origin', query.origin);
      if (query.currency && query.value === undefined) throw new ApiError(400, 'currency= needs value=');
      const a = await tariffAnswer(db, { destination: params.iso3, origin: query.origin, hs: params.hs, date: query.date, value: query.value, currency: query.currency });
      return {
        rows: lookupRows(a),
        fields: { destination: a.destination, origin: a.origin, date: a.date, schedule: a.schedule, message: a.message, reason: a.reason, official_link: a.officialLink, agency: a.agency, lines: a.lines, lines_truncated: a.truncated },
        sources: await answerSources(db, a),
        title: a.schedule ? `Tariff of ${a.destination} (edition ${a.schedule.edition}) on HS ${params.hs}${a.origin ? ` from ${a.origin}` : ''}` : `${a.message}`,
      };
    },
  });
}
