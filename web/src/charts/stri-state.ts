// Pure state for the Digital STRI charts: stacked bars of the five policy-area contributions (one
// bar per economy, or per year), least restrictive first. A row without a value is left out of
// the bars and listed (never drawn as a zero-length bar).
import type { StriArea } from '../../../src/modules/regulation/stri/schema';

/** The five areas in the OECD's order, with the wide-row column that holds each contribution. */
export const STRI_AREA_COLUMNS: readonly { area: StriArea; column: AreaColumn }[] = [
  { area: 'CLAS1_6', column: 'infrastructure' },
  { area: 'CLAS1_7', column: 'electronic_transactions' },
  { area: 'CLAS1_8', column: 'payment_systems' },
  { area: 'CLAS1_9', column: 'intellectual_property' },
  { area: 'CLAS1_10', column: 'other_barriers' },
];
export type AreaColumn = 'infrastructure' | 'electronic_transactions' | 'payment_systems' | 'intellectual_property' | 'other_barriers';

/** Colour-blind-safe categorical colours (Okabe–Ito), one per area. */
export const STRI_AREA_COLORS: Record<StriArea, string> = {
  CLAS1_6: '#0072b2',
  CLAS1_7: '#e69f00',
  CLAS1_8: '#009e73',
  CLAS1_9: '#cc79a7',
  CLAS1_10: '#56b4e9',
};

export type StackInput = { key: string; label: string; stri: number | null; highlight?: boolean } & Record<AreaColumn, number | null>;

export interface StackSegment {
  key: string;
  area: StriArea;
  value: number;
  x1: number;
  x2: number;
}

export interface StackBar {
  key: string;
  label: string;
  total: number;
  highlight: boolean;
}

export interface StackState {
  bars: StackBar[];
  segments: StackSegment[];
  /** Keys without an overall value: listed apart. */
  omitted: string[];
  max: number;
}

/**
 * `order`: 'value' sorts least restrictive first (a ranking); 'input' keeps the given order
 * (years). A contribution that is missing while the index is known is left out of the stack.
 */
export function striStackState(input: readonly StackInput[], order: 'value' | 'input' = 'value'): StackState {
  const known = input.filter((r) => r.stri !== null && Number.isFinite(r.stri));
  const sorted = order === 'value' ? [...known].sort((a, b) => a.stri! - b.stri! || a.label.localeCompare(b.label)) : known;
  const segments: StackSegment[] = [];
  for (const r of sorted) {
    let x = 0;
    for (const { area, column } of STRI_AREA_COLUMNS) {
      const v = r[column];
      if (v === null || !Number.isFinite(v)) continue;
      segments.push({ key: r.key, area, value: v, x1: x, x2: x + v });
      x += v;
    }
  }
  return {
    bars: sorted.map((r) => ({ key: r.key, label: r.label, total: r.stri!, highlight: !!r.highlight })),
    segments,
    omitted: input.filter((r) => r.stri === null || !Number.isFinite(r.stri)).map((r) => r.key),
    max: sorted.reduce((m, r) => Math.max(m, r.stri!), 0),
  };
}
