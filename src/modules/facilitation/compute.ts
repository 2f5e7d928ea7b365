// Pure calculations of the trade facilitation tracker (METHODS §5): scores from statuses and from
// published group scores, pooled averages with their n, the implementation sequence's next
// measures and the peer gaps. No I/O.
import type { GapRow, NextRow, ScoreRecord, ScoreRow, Stage, Status, TfAverage, TfFramework, TfGroup, TfMeasure, TfSequence } from './schema.js';
import { STAGES } from './schema.js';

export const OVERALL = 'overall';

/** Percentages are published with two decimals: a computed value that rounds to another is a disagreement. */
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const disagrees = (published: number, computed: number) => Math.abs(published - round2(computed)) > 0.005 + 1e-9;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export const coreGroups = (fw: TfFramework): TfGroup[] => fw.groups.filter((g) => g.core);
export const corePoints = (fw: TfFramework) => 3 * fw.rules.core_measures;
export const measuresOf = (fw: TfFramework, group: string): TfMeasure[] => fw.measures.filter((m) => m.group === group);

/**
 * The framework's measure for a data file's label "group: name" (the prefix as the file writes
 * it, the name as the survey page shows it or one of its aliases); a message when there is none.
 */
export function matchMeasure(fw: TfFramework, label: string): { measure: TfMeasure } | { problem: string } {
  const at = label.indexOf(':');
  if (at < 0) return { problem: `"${label}" has no group prefix ("transparency: ...")` };
  const prefix = norm(label.slice(0, at));
  const name = norm(label.slice(at + 1));
  const groups = fw.groups.filter((g) => g.prefixes.some((p) => norm(p) === prefix));
  if (!groups.length) return { problem: `"${label.slice(0, at).trim()}" is not a group prefix of the ${fw.title} (${[...new Set(fw.groups.flatMap((g) => g.prefixes))].join(', ')})` };
  const ids = new Set(groups.map((g) => g.id));
  const found = fw.measures.find((m) => ids.has(m.group) && [m.name, ...(m.aliases ?? [])].some((n) => norm(n) === name));
  return found ? { measure: found } : { problem: `"${label.slice(at + 1).trim()}" is not a measure of ${groups.map((g) => g.name).join(' or ')} in the ${fw.title} ${fw.version} framework` };
}

export interface GroupComputation {
  group: string;
  /** Group % from statuses, or null with the reason. */
  pct: number | null;
  known: number;
  scored: number;
  reason: 'complete' | 'incomplete' | 'membership_unverified';
}

/**
 * Group % = Σ statuses / (3 n) × 100 where every scored measure of the group has a status. A core
 * group listing more measures than it scores (paperless trade: 10 listed, 9 scored, which one is
 * out not verified) cannot be computed from statuses at all: its published value stands alone.
 */
export function groupFromStatuses(fw: TfFramework, group: TfGroup, statuses: ReadonlyMap<string, Status>): GroupComputation {
  const listed = measuresOf(fw, group.id);
  const scored = group.scored ?? listed.length;
  const known = listed.filter((m) => statuses.has(m.id));
  if (listed.length !== scored) return { group: group.id, pct: null, known: known.length, scored, reason: 'membership_unverified' };
  if (known.length < scored || scored === 0) return { group: group.id, pct: null, known: known.length, scored, reason: 'incomplete' };
  const sum = known.reduce((s, m) => s + statuses.get(m.id)!, 0);
  return { group: group.id, pct: (sum / (3 * scored)) * 100, known: known.length, scored, reason: 'complete' };
}

/** Scores of the core groups from statuses, and the overall % when all of them are complete. */
export function scoresFromStatuses(fw: TfFramework, statuses: ReadonlyMap<string, Status>): { groups: GroupComputation[]; overall: number | null } {
  const groups = coreGroups(fw).map((g) => groupFromStatuses(fw, g, statuses));
  const complete = groups.every((g) => g.pct !== null);
  const points = groups.reduce((s, g) => s + ((g.pct ?? 0) / 100) * 3 * g.scored, 0);
  return { groups, overall: complete ? (points / corePoints(fw)) * 100 : null };
}

/** Points of a published group % (n measures): pct × 3n / 100, an integer when the % is exact. */
export const pointsOf = (pct: number, n: number) => (pct / 100) * 3 * n;

/**
 * Overall % from the five published core group percentages: Σ points / 93 × 100 (Mexico 2025:
 * 12 + 21 + 6 + 26 + 9 = 74 points, 74/93 = 79.57 %). Null unless every core group is given.
 */
export function overallFromGroups(fw: TfFramework, pcts: Readonly<Record<string, number | undefined>>): { points: number; overall: number } | null {
  const core = coreGroups(fw);
  if (core.some((g) => pcts[g.id] === undefined)) return null;
  const points = core.reduce((s, g) => s + Math.round(pointsOf(pcts[g.id]!, g.scored!)), 0);
  return { points, overall: (points / corePoints(fw)) * 100 };
}

/** The value shown for one economy, round and group: untfsurvey.org (not secondary) first. */
export function headline(records: readonly ScoreRecord[]): { value: ScoreRecord; conflict: boolean } | null {
  if (!records.length) return null;
  const sorted = [...records].sort((a, b) => Number(a.secondary) - Number(b.secondary) || a.source_id.localeCompare(b.source_id));
  const values = new Set(records.map((r) => r.score_pct));
  return { value: sorted[0], conflict: values.size > 1 };
}

/**
 * Pooled average (METHODS §5): Σ points over economies / (3 × measures × economies). With whole
 * groups per economy this equals the mean of their percentages. Below `minN` economies: no value.
 */
export function pooledAverage(items: readonly { pct: number; measures: number; secondary: boolean }[], minN: number): TfAverage {
  const n = items.length;
  const secondary_n = items.filter((i) => i.secondary).length;
  if (n < minN || n === 0) return { value: null, n, secondary_n, min_n: minN, enough_data: false };
  const points = items.reduce((s, i) => s + pointsOf(i.pct, i.measures), 0);
  const max = items.reduce((s, i) => s + 3 * i.measures, 0);
  return { value: (points / max) * 100, n, secondary_n, min_n: minN, enough_data: true };
}

export interface KnownStatus {
  status: Status;
  round: number;
}

/** Latest known status of each measure up to a round (a later round replaces an earlier one). */
export function latestStatuses(records: readonly { measure: string; round: number; status: Status }[], upTo?: number | null): Map<string, KnownStatus> {
  const out = new Map<string, KnownStatus>();
  for (const r of records) {
    if (upTo != null && r.round > upTo) continue;
    const had = out.get(r.measure);
    if (!had || had.round < r.round) out.set(r.measure, { status: r.status, round: r.round });
  }
  return out;
}

export interface PeerShare {
  known: number;
  implementing: number;
  share: number | null;
}

export function peerShare(measure: string, peers: ReadonlyMap<string, ReadonlyMap<string, KnownStatus>>, implementedMin: number, minN: number): PeerShare {
  let known = 0;
  let implementing = 0;
  for (const statuses of peers.values()) {
    const s = statuses.get(measure);
    if (!s) continue;
    known++;
    if (s.status >= implementedMin) implementing++;
  }
  return { known, implementing, share: known >= minN && known > 0 ? implementing / known : null };
}

export interface NextOptions {
  prereqMin: number;
  implementedMin: number;
  peerMin: number;
}

export interface HeldBack {
  measure: string;
  stage: Stage;
  waiting_for: { measure: string; status: number | null }[];
}

/**
 * The next measures of the implementation sequence for an economy: steps tracked by a survey
 * measure that the economy is not known to implement (status below `implementedMin`, or no
 * status: shown as unknown, never as 0), whose prerequisites all have a known status of at least
 * `prereqMin`. Ordered by stage, then by the share of peers implementing it (unknown share last),
 * then by the sequence's own order. A prerequisite without a known status holds the step back.
 */
export function nextMeasures(
  fw: TfFramework,
  seq: TfSequence,
  own: ReadonlyMap<string, KnownStatus>,
  peers: ReadonlyMap<string, ReadonlyMap<string, KnownStatus>>,
  o: NextOptions,
): { rows: NextRow[]; held_back: HeldBack[] } {
  const names = new Map(fw.measures.map((m) => [m.id, m.name]));
  const prereqs = (measure: string) => seq.links.filter((l) => l.to === measure);
  const candidates: (Omit<NextRow, 'rank'> & { order: number })[] = [];
  const held: HeldBack[] = [];
  seq.steps.forEach((step, order) => {
    if (!step.measure) return;
    const mine = own.get(step.measure);
    if (mine && mine.status >= o.implementedMin) return;
    const links = prereqs(step.measure);
    const unmet = links.filter((l) => (own.get(l.from)?.status ?? -1) < o.prereqMin);
    if (unmet.length) {
      held.push({ measure: step.measure, stage: step.stage, waiting_for: unmet.map((l) => ({ measure: l.from, status: own.get(l.from)?.status ?? null })) });
      return;
    }
    const share = peerShare(step.measure, peers, o.implementedMin, o.peerMin);
    const why = [
      `Stage ${step.stage} of the sequence${step.alt_stages.length ? ` (the study also allows ${step.alt_stages.join(' or ')})` : ''}`,
      mine ? `status ${mine.status} in ${mine.round}, below ${o.implementedMin}` : 'status not known: verify before planning',
      links.length ? `prerequisites met: ${links.map((l) => `${names.get(l.from) ?? l.from} (${own.get(l.from)!.status})`).join(', ')}` : 'no prerequisite',
      share.share === null ? `peers: not enough data (${share.known} with a status, ${o.peerMin} needed)` : `${share.implementing} of ${share.known} peers with a status implement it`,
    ].join('; ');
    candidates.push({
      order,
      step: step.id,
      stage: step.stage,
      measure: step.measure,
      measure_name: names.get(step.measure) ?? step.measure,
      status: mine?.status ?? null,
      status_round: mine?.round ?? null,
      peers_known: share.known,
      peers_implementing: share.implementing,
      peer_share: share.share,
      why,
    });
  });
  candidates.sort(
    (a, b) =>
      STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) ||
      (b.peer_share ?? -1) - (a.peer_share ?? -1) ||
      a.order - b.order,
  );
  return { rows: candidates.map(({ order: _o, ...r }, i) => ({ rank: i + 1, ...r })), held_back: held };
}

/**
 * "Measures that most of your peers implement and you do not": the economy's status is known and
 * below `implementedMin`, at least `peerMin` peers have a status, and more than half of them
 * implement it. Measures whose own status is unknown are counted apart, never listed as gaps.
 */
export function peerGaps(fw: TfFramework, own: ReadonlyMap<string, KnownStatus>, peers: ReadonlyMap<string, ReadonlyMap<string, KnownStatus>>, o: Omit<NextOptions, 'prereqMin'>): { rows: GapRow[]; unknown_own: number } {
  const rows: GapRow[] = [];
  let unknownOwn = 0;
  for (const m of fw.measures) {
    const share = peerShare(m.id, peers, o.implementedMin, o.peerMin);
    if (share.share === null || share.share <= 0.5) continue;
    const mine = own.get(m.id);
    if (!mine) {
      unknownOwn++;
      continue;
    }
    if (mine.status >= o.implementedMin) continue;
    rows.push({ measure: m.id, group: m.group, measure_name: m.name, status: mine.status, status_round: mine.round, peers_known: share.known, peers_implementing: share.implementing, peer_share: share.share });
  }
  rows.sort((a, b) => b.peer_share - a.peer_share || a.status - b.status);
  return { rows, unknown_own: unknownOwn };
}

/** The stage of each survey measure in a sequence (null when the sequence does not place it). */
export function stageOf(seq: TfSequence | null, measure: string): Stage | null {
  return seq?.steps.find((s) => s.measure === measure)?.stage ?? null;
}

/**
 * One row per economy, round and score (overall first, then the core groups): the published
 * headline (untfsurvey.org before secondary figures; other values listed), the score computed from
 * the same round's statuses where its group is complete (overall: from the five published group
 * scores when statuses cannot give it), and whether the two disagree.
 */
export function scoreRows(fw: TfFramework, scores: readonly ScoreRecord[], statuses: readonly { iso3: string; round: number; measure: string; status: Status }[], hostOf: (sourceId: string) => string = (s) => s): ScoreRow[] {
  const keys = new Set([...scores, ...statuses].map((r) => `${r.iso3}|${r.round}`));
  const groups = [OVERALL, ...coreGroups(fw).map((g) => g.id)];
  const out: ScoreRow[] = [];
  for (const key of [...keys].sort()) {
    const [iso3, r] = key.split('|');
    const round = Number(r);
    const mine = scores.filter((s) => s.iso3 === iso3 && s.round === round);
    const st = new Map(statuses.filter((s) => s.iso3 === iso3 && s.round === round).map((s) => [s.measure, s.status] as const));
    const fromStatuses = st.size ? scoresFromStatuses(fw, st) : null;
    const heads = new Map(groups.map((g) => [g, headline(mine.filter((s) => s.grp === g))]));
    const published = Object.fromEntries(groups.filter((g) => g !== OVERALL && heads.get(g)).map((g) => [g, heads.get(g)!.value.score_pct]));
    const fromGroups = overallFromGroups(fw, published);
    for (const g of groups) {
      const head = heads.get(g) ?? null;
      let computed: number | null = null;
      let from: ScoreRow['computed_from'] = null;
      if (g === OVERALL) {
        if (fromStatuses?.overall != null) [computed, from] = [fromStatuses.overall, 'statuses'];
        else if (fromGroups) [computed, from] = [fromGroups.overall, 'group_scores'];
      } else {
        const c = fromStatuses?.groups.find((x) => x.group === g)?.pct ?? null;
        if (c !== null) [computed, from] = [c, 'statuses'];
      }
      if (!head && computed === null) continue;
      const others = head ? mine.filter((s) => s.grp === g && s !== head.value && s.score_pct !== head.value.score_pct) : [];
      out.push({
        iso3,
        round,
        group: g,
        score_pct: head ? head.value.score_pct : round2(computed!),
        basis: head ? 'published' : 'computed',
        secondary: head ? head.value.secondary : false,
        published_pct: head ? head.value.score_pct : null,
        computed_pct: computed === null ? null : round2(computed),
        computed_from: from,
        disagreement: head !== null && computed !== null && disagrees(head.value.score_pct, computed),
        other_values: others.length ? others.map((o) => `${o.score_pct} (${o.secondary ? 'secondary: ' : ''}${hostOf(o.source_id)})`).join('; ') : null,
        note: head ? head.value.note : null,
        source_id: head ? head.value.source_id : null,
      });
    }
  }
  return out;
}
