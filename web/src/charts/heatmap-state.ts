// Pure state for a square economy × economy matrix (regulatory distance H or D). A cell with no
// value is kept and marked missing: it is drawn as missing, never as 0.
export interface HeatCell {
  row: string;
  col: string;
  value: number | null;
  coverage: number;
  diagonal: boolean;
}
export interface HeatmapState {
  /** Row keys (and column keys when `colKeys` is absent: a square economy × economy matrix). */
  keys: string[];
  colKeys?: string[];
  cells: HeatCell[];
  missing: number;
  max: number;
}

export function heatmapState(keys: readonly string[], value: readonly (readonly (number | null)[])[], coverage: readonly (readonly number[])[]): HeatmapState {
  const cells: HeatCell[] = [];
  keys.forEach((row, i) =>
    keys.forEach((col, j) => {
      const v = value[i]?.[j];
      cells.push({ row, col, value: v === null || v === undefined || !Number.isFinite(v) ? null : v, coverage: coverage[i]?.[j] ?? 0, diagonal: i === j });
    }),
  );
  const off = cells.filter((c) => !c.diagonal);
  return {
    keys: [...keys],
    cells,
    missing: off.filter((c) => c.value === null).length / 2,
    max: off.reduce((m, c) => Math.max(m, c.value ?? 0), 0),
  };
}

/** A rows × columns grid (e.g. economies × pillars); `cells` gives each known or unknown value with its coverage. */
export function gridState(rowKeys: readonly string[], colKeys: readonly string[], cells: readonly { row: string; col: string; value: number | null; coverage: number }[]): HeatmapState {
  const out: HeatCell[] = cells.map((c) => ({ ...c, value: c.value === null || !Number.isFinite(c.value) ? null : c.value, diagonal: false }));
  return { keys: [...rowKeys], colKeys: [...colKeys], cells: out, missing: out.filter((c) => c.value === null).length, max: out.reduce((m, c) => Math.max(m, c.value ?? 0), 0) };
}
