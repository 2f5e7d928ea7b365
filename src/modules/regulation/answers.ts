// Every indicator's answer for a set of economies, from what the database holds: the module's own
// measure records, ESCAP's RDTII measures (as recorded or with the government's corrections),
// and answers derived from treaties, de minimis and the cyberlaw tracker. I/O through store.ts;
// the scoring itself is compute.ts / escap.ts.

import type { Kysely } from 'kysely';
import { scoreIndicator, type Answers } from './compute.js';
import { deriveAnswers, type DerivedAnswer } from './derive.js';
import { scoreFromEscap, type ScoreMode } from './escap.js';
import { frameworkKey, indicatorsOf, type Framework } from './framework.js';
import { listCyberlaw, listDeMinimis, listEscapMeasures, listMeasures, listTreaties, type EscapMeasure } from './store.js';

export interface AnswerDetail {
  iso3: string;
  pillar: number;
  indicator_id: string;
  indicator: string;
  non_regulatory: boolean;
  category_id: string | null;
  category: string | null;
  score: number | null;
  basis: 'measures' | 'escap' | 'derived' | 'unknown';
  explanation: string | null;
  measures: string[];
  pending: string[];
  source_ids: string[];
  /** ESCAP measures the government marked "Not correct" (ids), and those set aside in this mode. */
  disputed: string[];
  set_aside: string[];
}

/** Instruments compared by the treaty Jaccard (METHODS §4): adopted = a confirmed positive status. */
export const JACCARD_INSTRUMENTS = ['ita_i', 'ita_ii', 'wto_gpa', 'wipo_pct', 'wipo_wct', 'wipo_wppt', 'wto_telecom_reference_paper', 'un_ecc_2005', 'uncitral_mlec_1996', 'uncitral_mles_2001', 'uncitral_mletr_2017'];
const ADOPTED = new Set(['participant', 'party', 'enacted', 'committed_full', 'committed_partial']);

export interface Loaded {
  details: Record<string, AnswerDetail[]>;
  answers: Record<string, Answers>;
  treaties: Record<string, Record<string, boolean | null>>;
  sourceIds: string[];
  /** ESCAP measure records of the economies, by economy. */
  escap: Record<string, EscapMeasure[]>;
}

/**
 * Every indicator's answer for each economy: from its in-force measure records where there are
 * any (pending ones listed, never scored), else derived from treaties / de minimis / cyberlaw,
 * else unknown.
 */
export async function loadAnswers(db: Kysely<any>, fw: Framework, economies: string[], today: string, mode: ScoreMode = 'recorded'): Promise<Loaded> {
  const key = frameworkKey(fw);
  const [measures, escap, treaties, deMinimis, cyber] = await Promise.all([
    listMeasures(db, { economies, framework: key }),
    listEscapMeasures(db, { economies, framework: key }),
    listTreaties(db, { economies }),
    listDeMinimis(db, { economies }),
    listCyberlaw(db, { economies }),
  ]);
  const out: Loaded = { details: {}, answers: {}, treaties: {}, sourceIds: [], escap: {} };
  for (const iso3 of economies) {
    const derived = new Map<string, DerivedAnswer>(
      deriveAnswers(iso3, { treaties, deMinimis, cyberlaw: cyber.statuses, today }).map((d) => [d.indicator_id, d]),
    );
    const mine = measures.filter((m) => m.iso3 === iso3);
    const escapMine = escap.filter((m) => m.iso3 === iso3);
    out.escap[iso3] = escapMine;
    const details: AnswerDetail[] = [];
    const answers: Answers = {};
    for (const { pillar, indicator } of indicatorsOf(fw)) {
      const recorded = mine.filter((m) => m.indicator_id === indicator.id);
      const usable = recorded.filter((m) => m.category_id !== null || indicator.type === 'count');
      const inForce = usable.filter((m) => m.status === 'in_force');
      const pending = recorded.filter((m) => m.status === 'pending').map((m) => m.id);
      const base = {
        iso3,
        pillar: pillar.pillar,
        indicator_id: indicator.id,
        indicator: indicator.name,
        non_regulatory: indicator.nonRegulatory,
        pending,
        disputed: [] as string[],
        set_aside: [] as string[],
      };
      let detail: AnswerDetail;
      if (inForce.length) {
        let scored;
        try {
          scored = scoreIndicator(indicator, { measures: usable.map((m) => ({ categoryId: m.category_id, status: m.status })) });
        } catch (err) {
          scored = { score: null, categoryId: null, basis: `measures cannot be scored: ${(err as Error).message}`, kind: 'unknown' as const };
        }
        detail = {
          ...base,
          category_id: scored.categoryId,
          category: indicator.options.find((o) => o.id === scored.categoryId)?.criterion ?? null,
          score: scored.score,
          basis: scored.score === null ? 'unknown' : 'measures',
          explanation: scored.basis,
          measures: inForce.map((m) => m.id),
          source_ids: [...new Set(inForce.map((m) => m.source_id).filter((s): s is string => !!s))],
        };
      } else if (escapMine.some((m) => m.indicator_id === indicator.id)) {
        // ESCAP's measures for the indicator, scored by the framework's rules in the chosen mode.
        const rows = escapMine.filter((m) => m.indicator_id === indicator.id);
        let scored;
        try {
          scored = scoreFromEscap(indicator, rows, mode);
        } catch (err) {
          scored = { score: null, categoryId: null, basis: `ESCAP measures cannot be scored: ${(err as Error).message}`, kind: 'unknown' as const, scored: [], setAside: [] };
        }
        detail = {
          ...base,
          category_id: scored.categoryId,
          category: indicator.options.find((o) => o.id === scored.categoryId)?.criterion ?? null,
          score: scored.score,
          basis: scored.score === null ? 'unknown' : 'escap',
          explanation: scored.basis,
          measures: scored.scored,
          disputed: rows.filter((m) => m.gov_feedback === 'Not correct').map((m) => m.id),
          set_aside: scored.setAside,
          source_ids: [...new Set(rows.map((m) => m.source_id))],
        };
      } else {
        const d = derived.get(indicator.id);
        const option = d && d.score !== null ? indicator.options.find((o) => o.score !== null && Math.abs(o.score - d.score!) < 1e-9) : undefined;
        detail = {
          ...base,
          category_id: option?.id ?? null,
          category: option?.criterion ?? null,
          score: d?.score ?? null,
          basis: d && d.score !== null ? 'derived' : 'unknown',
          explanation: d ? `${d.explanation}${d.inputs.length ? ` [${d.inputs.join('; ')}]` : ''}` : recorded.length ? `${recorded.length} measure(s) recorded, none in force with a category` : null,
          measures: [],
          source_ids: d?.source_ids ?? [],
        };
      }
      details.push(detail);
      if (detail.score !== null) answers[indicator.id] = { categoryId: detail.category_id, score: detail.score };
      out.sourceIds.push(...detail.source_ids);
    }
    out.details[iso3] = details;
    out.answers[iso3] = answers;
    const t = new Map(treaties.filter((r) => r.iso3 === iso3).map((r) => [r.instrument, r.status]));
    out.treaties[iso3] = Object.fromEntries(JACCARD_INSTRUMENTS.map((i) => [i, !t.has(i) || t.get(i) === 'unknown' ? null : ADOPTED.has(t.get(i)!)]));
    out.sourceIds.push(...treaties.filter((r) => r.iso3 === iso3).map((r) => r.source_id));
  }
  return out;
}

