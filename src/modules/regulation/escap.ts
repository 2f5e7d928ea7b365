// ESCAP RDTII 2.1 measure records -> indicator scores (docs/methodology.md#regulation).
//
// Pure: no I/O. ESCAP codes one row per measure with the measure's own score under the RDTII
// criteria (`raw_score`), not the indicator's score. The indicator's score follows the framework's
// rules exactly as for any other measure record (scoreIndicator): the category a measure's score
// identifies, then the most (or least) restrictive of them, the escalation rules, and for count
// indicators (1.4) the number of measures the scores stand for.
//
// The government verification loop: Thailand's focal points marked measures "Correct" or "Not
// correct" and ESCAP wrote what it did about it (`gov_verification_action`). "With the
// government's corrections" applies what that loop settled: a stated new score ("Change the score
// to 0.00") replaces the recorded one; "Maintain ..." keeps it; a measure the government disputes
// without a recorded decision ("TO CHECK", or no action) is set aside, not scored.

import { scoreIndicator, type IndicatorScore } from './compute.js';
import type { Indicator } from './framework.js';

export { ESCAP_ATTRIBUTION, ESCAP_LICENSE, SCORE_MODES, DEFAULT_SCORE_MODE, type ScoreMode } from './schema.js';
import type { ScoreMode } from './schema.js';

export type Correction = 'kept' | 'changed' | 'set_aside';

const EPS = 1e-9;

/** The category of `indicator` whose score is `score`; a RangeError names the scores it has. */
export function categoryForScore(indicator: Indicator, score: number): string {
  // For a count indicator the categories are tallies: 0.5 on 1.4 is two measures (1.4.c).
  const o = indicator.options.find((c) => c.score !== null && Math.abs(c.score - score) < EPS);
  if (o) return o.id;
  const scores = indicator.options.map((c) => c.score).filter((s) => s !== null);
  throw new RangeError(`score ${score} is not a score of indicator ${indicator.id} (${scores.join(', ')})`);
}

/**
 * What the verification loop settled for one measure: nothing (not marked "Not correct"), the
 * recorded score kept, a new score, or the measure set aside while its dispute is open.
 */
export function readCorrection(feedback: string | null, action: string | null, rawScore: number): { correction: Correction | null; correctedScore: number | null } {
  if ((feedback ?? '').trim().toLowerCase() !== 'not correct') return { correction: null, correctedScore: rawScore };
  const text = (action ?? '').trim();
  const changed = /change\s+(?:the\s+)?score\s+to\s+([01](?:\.\d+)?)/i.exec(text);
  if (changed) return { correction: 'changed', correctedScore: Number(changed[1]) };
  if (!text || /^to\s+check\b/i.test(text)) return { correction: 'set_aside', correctedScore: null };
  // ESCAP answered (keeping the score, updating the text): the recorded score stands.
  return { correction: 'kept', correctedScore: rawScore };
}

export interface EscapMeasureScore {
  id: string;
  raw_score: number;
  corrected_score: number | null;
  correction: Correction | null;
}

/** The score each measure counts with in a mode; null = set aside. */
export function measureScore(m: EscapMeasureScore, mode: ScoreMode): number | null {
  return mode === 'corrected' ? m.corrected_score : m.raw_score;
}

export interface EscapIndicatorScore extends IndicatorScore {
  /** The measures scored (ids), and those set aside in this mode. */
  scored: string[];
  setAside: string[];
}

/**
 * One indicator's score from ESCAP measure records, by the framework's rules.
 * ordinal / binary: each measure's category is the one its score identifies; scoreIndicator
 * then takes the most (least) restrictive and applies the escalation rules.
 * count: each measure's score stands for score / step measures (ESCAP codes two trade-defence
 * duties in one row as 0.5); the per_measure rule scores their sum.
 * Every measure set aside => unknown.
 */
export function scoreFromEscap(indicator: Indicator, measures: EscapMeasureScore[], mode: ScoreMode): EscapIndicatorScore {
  const scored = measures.filter((m) => measureScore(m, mode) !== null);
  const setAside = measures.filter((m) => measureScore(m, mode) === null).map((m) => m.id);
  const ids = scored.map((m) => m.id);
  const note = setAside.length ? `; ${setAside.length} measure(s) disputed by the government set aside` : '';
  if (!scored.length) {
    return { score: null, categoryId: null, basis: `unknown: every ESCAP measure is set aside${note}`, kind: 'unknown', scored: ids, setAside };
  }
  if (indicator.type === 'formula') throw new RangeError(`${indicator.id}: a formula indicator is not scored from measures`);
  if (indicator.type === 'count') {
    const rule = indicator.rules.find((r) => r.kind === 'per_measure');
    if (!rule) throw new RangeError(`${indicator.id}: count indicator without a per_measure rule`);
    let n = 0;
    for (const m of scored) {
      const s = measureScore(m, mode) as number;
      const k = s / rule.step;
      if (Math.abs(k - Math.round(k)) > EPS) throw new RangeError(`${indicator.id}: measure ${m.id} scores ${s}, not a multiple of ${rule.step}`);
      n += Math.round(k);
    }
    const r = scoreIndicator(indicator, { value: n, absenceConfirmed: n === 0 });
    return { ...r, basis: `ESCAP: ${r.basis} (from ${scored.length} record(s))${note}`, scored: ids, setAside };
  }
  const r = scoreIndicator(indicator, {
    measures: scored.map((m) => ({ categoryId: categoryForScore(indicator, measureScore(m, mode) as number), status: 'in_force' as const })),
  });
  return { ...r, basis: `ESCAP: ${r.basis}${note}`, scored: ids, setAside };
}

// ---------------------------------------------------------------------------------------------
// The legal inventory names indicators by ESCAP's short labels; these are the framework's ids.

const INVENTORY_LABELS: Record<string, string> = {
  'Trade defence measures': '1.4',
  'Foreign exclusions': '2.1',
  'Specific requirements': '2.2',
  'Limitations in procurement bidding': '2.3',
  'Foreign equity limits': '3.1',
  'Joint venture requirements': '3.2',
  'Nationality or residency requirements': '3.3',
  'Investment screenings': '3.4',
  'Commercial presence requirements': '3.5',
  'Patent application issues': '4.01',
  'Patent enforcement issues: civil/administrative/provisional remedies and measures': '4.2',
  'Patent enforcement issues: others': '4.3',
  'Lack of copyright framework and exceptions': '4.5',
  'Online copyright enforcement issues: civil/administrative/provisional remedies and measures': '4.6',
  'Mandatory disclosure of trade secrets': '4.9',
  'Lack of effective trade secrets legal framework': '4.10',
  'Lack of passive infrastructure sharing': '5.1',
  'Foreign equity limits in telecom sector': '5.2',
  'Shares owned by the Government': '5.3',
  'Lack of functional/accounting separation': '5.4',
  'Licensing requirements in telecom sector': '5.5',
  'Lack of independent telecom authority': '5.7',
  'Ban & local processing requirements': '6.1',
  'Local storage requirements': '6.2',
  'Infrastructure requirements': '6.3',
  'Conditional flow regimes': '6.4',
  'Not in agreement with binding commitments on data transfer': '6.5',
  'Lack of comprehensive legal framework for data protection': '7.1',
  'Lack of dedicated legal framework for cybersecurity': '7.2',
  'Minimum period of data retention requirements': '7.3',
  'Data Protection Impact Assessment or Data Protection Officer requirements': '7.4',
  'Requirements to allow government access to personal data': '7.5',
  'Lack of safe harbor for copyright infringements': '8.1',
  'Lack of safe harbor for other illegal activities': '8.2',
  'User identity requirements': '8.3',
  'Monitoring requirements': '8.4',
  'Blocking/filtering': '9.1',
  'Online advertising restrictions': '9.3',
  'Licensing requirements': '9.4',
  'Import bans': '10.1',
  'Other import restrictions': '10.2',
  'Local content requirements': '10.3',
  'Export restrictions': '10.4',
  'Technical standard issues': '11.1',
  'Self-certification limitations': '11.2',
  'Product screening & testing requirements': '11.3',
  'Encryption standard issues': '11.4',
  'Foreign equity limits in e-commerce sector': '12.1',
  'Online purchases and delivery limitations': '12.2',
  'Licensing scheme for e-commerce providers (B2B and B2C)': '12.3',
  'Online payment limitations: mandate local bank account': '12.4.1',
  'Online payment limitations: mandate currency used for international payments': '12.4.2',
  'Online payment limitations: deviate national standards': '12.4.3',
  'Online payment limitations: licensing requirements': '12.4.4',
  'Online payment limitations: ceiling on the maximum amount': '12.4.5',
  'Online payment limitations: mandate specific intermediaries': '12.4.6',
  'Online payment limitations: others restrictions': '12.4.7',
  'Low De Minimis': '12.5',
  'Imposition of custom duties on electronic transmission': '12.6',
  'Domain name requirements': '12.7',
  'Local presence requirements for online service providers': '12.8',
};

/** The framework indicator of a legal-inventory label (its first line; ESCAP adds notes below); null when unknown. */
export function inventoryIndicator(label: string): string | null {
  const first = label.split('\n')[0].trim();
  return INVENTORY_LABELS[first] ?? null;
}

/** "a | b; c" (ESCAP joins a cell's URLs with " | ", and writes "; " between a cell's laws). */
export function splitUrls(text: string | null): string[] {
  if (!text) return [];
  const found = text.match(/https?:\/\/[^\s|;]+[^\s|;.,)]/g) ?? [];
  return [...new Set(found)];
}
