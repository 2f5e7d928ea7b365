// Answers for the non-regulatory indicators (and the few regulatory ones a legal baseline settles)
// from the treaty / model-law table, the de minimis table and the UNCTAD cyberlaw tracker.
// Pure: no I/O. Every answer carries the rows it rests on and their sources; what the inputs do
// not settle stays unknown (score null), with the reason, never a guessed 0 or 1.

export interface TreatyInput {
  iso3: string;
  instrument: string;
  status: string;
  date: string | null;
  source_id: string;
}

export interface DeMinimisInput {
  iso3: string;
  kind: string;
  amount: string;
  amount_value: number | null;
  currency: string | null;
  usd_approx: number | null;
  channel: string | null;
  effective_from: string | null;
  notes?: string | null;
  source_id: string;
}

export interface CyberlawInput {
  iso3: string;
  area: string;
  status: string;
  flagged: string | null;
  source_id: string;
}

export interface DerivedAnswer {
  iso3: string;
  indicator_id: string;
  /** Framework score the inputs settle; null = unknown. */
  score: number | null;
  explanation: string;
  /** What the answer rests on, e.g. "treaty:wipo_pct=party", "de_minimis:PER duty 200 USD". */
  inputs: string[];
  source_ids: string[];
}

/** De minimis thresholds (USD) of RDTII 12.5: none => 1, < 200 => 0.5, >= 200 => 0. */
export const DE_MINIMIS_USD = 200;

type TreatyMap = Map<string, TreatyInput>;

function byInstrument(rows: TreatyInput[]): TreatyMap {
  return new Map(rows.map((r) => [r.instrument, r]));
}

function answer(iso3: string, indicator_id: string, score: number | null, explanation: string, rows: { source_id: string }[], inputs: string[]): DerivedAnswer {
  return { iso3, indicator_id, score, explanation, inputs, source_ids: [...new Set(rows.map((r) => r.source_id))] };
}

const tag = (t: TreatyInput) => `treaty:${t.instrument}=${t.status}`;

/** A binary "not in treaty X" indicator: listed statuses => 0, others known => 1, unknown stays unknown. */
function binaryTreaty(iso3: string, id: string, t: TreatyInput | undefined, inStatuses: string[], outStatuses: string[], what: string): DerivedAnswer {
  if (!t) return answer(iso3, id, null, `no ${what} status recorded`, [], []);
  if (inStatuses.includes(t.status)) return answer(iso3, id, 0, `${what}: ${t.status}${t.date ? ` (${t.date})` : ''}`, [t], [tag(t)]);
  if (outStatuses.includes(t.status)) return answer(iso3, id, 1, `${what}: ${t.status}`, [t], [tag(t)]);
  return answer(iso3, id, null, `${what}: ${t.status} (not confirmed)`, [t], [tag(t)]);
}

function ita(iso3: string, m: TreatyMap): DerivedAnswer {
  const one = m.get('ita_i');
  const two = m.get('ita_ii');
  const rows = [one, two].filter((x): x is TreatyInput => !!x);
  const inputs = rows.map(tag);
  if (!one || one.status === 'unknown') return answer(iso3, '1.3', null, 'ITA I participation not confirmed', rows, inputs);
  if (one.status === 'not_participant') return answer(iso3, '1.3', 1, 'not an ITA participant', rows, inputs);
  if (two?.status === 'participant') return answer(iso3, '1.3', 0, 'ITA I and ITA II participant', rows, inputs);
  if (two?.status === 'not_participant') return answer(iso3, '1.3', 0.5, 'ITA I participant, not in ITA II', rows, inputs);
  return answer(iso3, '1.3', null, 'ITA I participant; ITA II participation not confirmed (0 or 0.5)', rows, inputs);
}

function gpa(iso3: string, t: TreatyInput | undefined): DerivedAnswer {
  if (!t || t.status === 'unknown') return answer(iso3, '2.4', null, 'GPA status not confirmed', t ? [t] : [], t ? [tag(t)] : []);
  if (t.status === 'party') {
    // The categories turn on the coverage of CPC 752, 754 and 84 in the party's schedule, which the table does not record.
    return answer(iso3, '2.4', null, 'GPA party; coverage of CPC 752, 754, 84 not recorded (0 or 0.5 or 1)', [t], [tag(t)]);
  }
  return answer(iso3, '2.4', 1, `not a GPA party (${t.status})`, [t], [tag(t)]);
}

const CYBER_ET = 'Electronic Transactions';

/** UNCITRAL model laws: on UNCITRAL's list => notified (0); otherwise the cyberlaw tracker tells domestic adoption. */
function modelLaw(iso3: string, id: string, t: TreatyInput | undefined, what: string, et: CyberlawInput | undefined, etMeansAdoption: boolean): DerivedAnswer {
  const rows: { source_id: string }[] = t ? [t] : [];
  const inputs = t ? [tag(t)] : [];
  if (!t || t.status === 'unknown') return answer(iso3, id, null, `${what}: not confirmed`, rows, inputs);
  if (t.status === 'enacted') return answer(iso3, id, 0, `${what}: on UNCITRAL's list of enacting States${t.date ? ` (${t.date})` : ''}`, rows, inputs);
  // not_enacted: not on UNCITRAL's list. Domestic adoption is read from the tracker's e-transactions area.
  if (!et || et.status === 'No Data') return answer(iso3, id, null, `${what}: not on UNCITRAL's list; domestic adoption not known`, rows, inputs);
  const both = [...rows, et];
  const both_inputs = [...inputs, `cyberlaw:${et.area}=${et.status}`];
  if (et.flagged) return answer(iso3, id, null, `${what}: not on UNCITRAL's list; cyberlaw status flagged (${et.flagged})`, both, both_inputs);
  if (et.status === 'No Legislation' || et.status === 'Draft Legislation') {
    return answer(iso3, id, 1, `${what}: not on UNCITRAL's list, and no electronic-transactions law in force (UNCTAD: ${et.status})`, both, both_inputs);
  }
  if (etMeansAdoption) return answer(iso3, id, 0.5, `${what}: not on UNCITRAL's list, but an electronic-transactions law is in force (UNCTAD)`, both, both_inputs);
  return answer(iso3, id, null, `${what}: not on UNCITRAL's list; an electronic-transactions law exists but may not cover it`, both, both_inputs);
}

/** A "lack of framework" indicator from a cyberlaw area: no law in force => 1; a law => `present` (null = cannot tell). */
function cyberLack(iso3: string, id: string, s: CyberlawInput | undefined, present: number | null, what: string): DerivedAnswer {
  if (!s || s.status === 'No Data') return answer(iso3, id, null, `${what}: no data in the UNCTAD cyberlaw tracker`, s ? [s] : [], s ? [`cyberlaw:${s.area}=${s.status}`] : []);
  const inputs = [`cyberlaw:${s.area}=${s.status}`];
  if (s.flagged) return answer(iso3, id, null, `${what}: tracker says "${s.status}" but the value is flagged (${s.flagged}); left unknown`, [s], inputs);
  if (s.status === 'No Legislation' || s.status === 'Draft Legislation') return answer(iso3, id, 1, `${what}: no law in force (UNCTAD: ${s.status})`, [s], inputs);
  if (present === null) return answer(iso3, id, null, `${what}: a law is in force (UNCTAD); its scope is not assessed`, [s], inputs);
  return answer(iso3, id, present, `${what}: a law is in force (UNCTAD)`, [s], inputs);
}

// ---------------------------------------------------------------- de minimis (12.5)

const DATE = /(\d{4}(?:-\d{2}(?:-\d{2})?)?)/;

/** Start of a period as YYYY-MM-DD ("2019" -> 2019-01-01), end as its last day. */
function startOf(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}
function endOf(d: string): string {
  return d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d;
}

/**
 * Whether a de minimis row is in force on `today` (YYYY-MM-DD), judged from the free text of its
 * effective_from: "2019-12-01", "2018 (Customs Notification ...)", "2010-10-01 (until 2019-11-30)",
 * "... - repealed 2025-02-18", "historical (until ...)", "pre-2023", "2028-04-01 (planned)",
 * "not stated" / "long-standing" (in force, start unknown).
 */
export function inForce(effective: string | null, today: string): boolean {
  const text = (effective ?? '').toLowerCase().trim();
  if (/planned/.test(text)) return false; // a plan is not law, whatever its date
  const until = /(?:until|repealed)\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)/.exec(text)?.[1];
  if (until && endOf(until) < today) return false;
  if (/^(historical|pre-)/.test(text) && !until) return false;
  const from = DATE.exec(text.split(/until|repealed|\(/)[0])?.[1];
  if (from && startOf(from) > today) return false;
  return true;
}

/** The threshold of an amount as the source words it: "200", "200 per shipment (...)", "400 and 4 kg"; null for "10 x minimum wage". */
export function amountValue(amount: string): number | null {
  const m = /^\s*(\d[\d,]*(?:\.\d+)?)(?=\s*$|\s*\(|\s+(?:per|and)\b|\s*\/)/.exec(amount);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

export function isNone(amount: string): boolean {
  return /^\s*none/i.test(amount);
}

/** USD value of a threshold row: the source's USD figure, or the amount when it is in USD. */
export function usdOf(r: Pick<DeMinimisInput, 'usd_approx' | 'amount_value' | 'currency'>): number | null {
  if (r.usd_approx !== null && r.usd_approx !== undefined) return r.usd_approx;
  if (r.amount_value !== null && r.currency && /^USD\b/.test(r.currency.trim())) return r.amount_value;
  return null;
}

/**
 * RDTII 12.5 from the duty thresholds in force on `today`. An economy with several channels
 * (postal, courier, certified platforms) is scored on its most generous duty threshold: the route
 * an MSME can use. Rows without a USD figure (no FX conversion is done) cannot be compared.
 */
export function deMinimisAnswer(iso3: string, rows: DeMinimisInput[], today: string): DerivedAnswer {
  const duty = rows.filter((r) => r.kind === 'duty' || r.kind === 'both');
  if (!duty.length) return answer(iso3, '12.5', null, 'no duty de minimis recorded', [], []);
  // The source marks preferential regimes (e.g. China's cross-border e-commerce quotas) as "not a true de minimis".
  const current = duty.filter((r) => inForce(r.effective_from, today) && !/not a (true )?de minimis/i.test(r.notes ?? ''));
  if (!current.length) return answer(iso3, '12.5', null, `no duty de minimis row in force on ${today}`, duty, []);
  const describe = (r: DeMinimisInput) => `de_minimis:${r.kind} ${r.amount} ${r.currency ?? ''}${r.channel ? ` [${r.channel}]` : ''}`.trim();
  const inputs = current.map(describe);
  const thresholds = current.filter((r) => !isNone(r.amount));
  if (!thresholds.length) return answer(iso3, '12.5', 1, 'no duty de minimis in force', current, inputs);
  const usd = thresholds.map(usdOf);
  const best = Math.max(...usd.filter((u): u is number => u !== null));
  if (Number.isFinite(best) && best >= DE_MINIMIS_USD) return answer(iso3, '12.5', 0, `duty de minimis of about USD ${best} (>= ${DE_MINIMIS_USD})`, current, inputs);
  if (usd.some((u) => u === null)) {
    return answer(iso3, '12.5', null, 'a duty de minimis in force has no USD figure in the source (no FX conversion is made)', current, inputs);
  }
  return answer(iso3, '12.5', 0.5, `duty de minimis of about USD ${best} (< ${DE_MINIMIS_USD})`, current, inputs);
}

// ---------------------------------------------------------------- all of them

export interface DeriveInputs {
  treaties: TreatyInput[];
  deMinimis: DeMinimisInput[];
  cyberlaw: CyberlawInput[];
  /** YYYY-MM-DD: which de minimis regime is in force. */
  today: string;
}

/** Indicators this module can answer from the non-regulatory tables. */
export const DERIVED_INDICATORS = ['1.3', '2.4', '4.4', '4.7', '4.8', '5.6', '6.5', '7.1', '12.5', '12.9', '12.10', '12.11', '12.12', '12.13'] as const;

/** Every derived answer of one economy, unknown ones included (score null, with the reason). */
export function deriveAnswers(iso3: string, inputs: DeriveInputs): DerivedAnswer[] {
  const t = byInstrument(inputs.treaties.filter((r) => r.iso3 === iso3));
  const cyber = new Map(inputs.cyberlaw.filter((r) => r.iso3 === iso3).map((r) => [r.area, r]));
  const et = cyber.get(CYBER_ET);
  return [
    ita(iso3, t),
    gpa(iso3, t.get('wto_gpa')),
    binaryTreaty(iso3, '4.4', t.get('wipo_pct'), ['party'], ['not_party', 'signatory'], 'WIPO PCT'),
    binaryTreaty(iso3, '4.7', t.get('wipo_wct'), ['party'], ['not_party', 'signatory'], 'WIPO Copyright Treaty'),
    binaryTreaty(iso3, '4.8', t.get('wipo_wppt'), ['party'], ['not_party', 'signatory'], 'WIPO Performances and Phonograms Treaty'),
    binaryTreaty(iso3, '5.6', t.get('wto_telecom_reference_paper'), ['committed_full', 'committed_partial'], ['not_committed'], 'WTO telecom Reference Paper'),
    // "party" is the only confirmed status the table uses; its absence is not "no agreement".
    binaryTreaty(iso3, '6.5', t.get('data_flow_agreements'), ['party'], [], 'binding agreement with data-transfer commitments'),
    cyberLack(iso3, '7.1', cyber.get('Privacy and Data Protection'), null, 'data protection law'),
    deMinimisAnswer(iso3, inputs.deMinimis.filter((r) => r.iso3 === iso3), inputs.today),
    cyberLack(iso3, '12.9', cyber.get('Consumer Protection'), 0, 'online consumer protection law'),
    binaryTreaty(iso3, '12.10', t.get('un_ecc_2005'), ['party'], ['not_party', 'signatory'], 'UN Electronic Communications Convention'),
    modelLaw(iso3, '12.11', t.get('uncitral_mlec_1996'), 'UNCITRAL Model Law on Electronic Commerce', et, true),
    modelLaw(iso3, '12.12', t.get('uncitral_mles_2001'), 'UNCITRAL Model Law on Electronic Signatures', et, true),
    modelLaw(iso3, '12.13', t.get('uncitral_mletr_2017'), 'UNCITRAL Model Law on Electronic Transferable Records', et, false),
  ];
}

/** Observatory score of a cyberlaw status (METHODS §4): 1 / 0.5 / 0 / unknown. */
export function cyberlawScore(status: string): number | null {
  return status === 'Legislation' ? 1 : status === 'Draft Legislation' ? 0.5 : status === 'No Legislation' ? 0 : null;
}

/** Known doubts about the tracker's values (../shared/data/README.md): shown and flagged, never fixed. */
export const CYBERLAW_FLAGS: { iso3: string; area: string; status: string; note: string }[] = [
  {
    iso3: 'SGP',
    area: 'Consumer Protection',
    status: 'No Legislation',
    note: 'The Consumer Protection (Fair Trading) Act exists; the tracker\'s "No Legislation" is shown as the source gives it',
  },
];
