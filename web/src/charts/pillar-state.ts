// Pure state for pillar score bars: known pillars are bars; unknown ones are rows marked
// missing (drawn as "unknown", never as a zero-length bar).
export interface PillarInput {
  id: string;
  label: string;
  score: number | null;
  coverage: number;
  after?: number | null;
}
export interface PillarBar extends PillarInput {
  missing: boolean;
}
export interface PillarState {
  rows: PillarBar[];
  known: number;
}

export function pillarState(input: readonly PillarInput[]): PillarState {
  const rows = input.map((p) => ({ ...p, score: p.score !== null && Number.isFinite(p.score) ? p.score : null, missing: p.score === null || !Number.isFinite(p.score) }));
  return { rows, known: rows.filter((r) => !r.missing).length };
}
