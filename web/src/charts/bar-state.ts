// Pure state for ranked horizontal bars (readiness scores).
export type BarRole = 'focus' | 'peer' | null;

export interface BarInput {
  key: string;
  label: string;
  value: number | null;
  role?: BarRole;
}

export interface BarState {
  bars: Required<BarInput & { value: number }>[];
  omitted: string[];
  max: number;
}

/** Sorted by value, largest first; missing values are omitted (listed, not drawn as zero). */
export function barState(input: readonly BarInput[]): BarState {
  const bars = input
    .filter((b): b is BarInput & { value: number } => b.value !== null && Number.isFinite(b.value))
    .map((b) => ({ ...b, role: b.role ?? null }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  return {
    bars,
    omitted: input.filter((b) => b.value === null || !Number.isFinite(b.value)).map((b) => b.key),
    max: bars.reduce((m, b) => Math.max(m, b.value), 0),
  };
}
