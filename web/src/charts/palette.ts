// Colours chosen for contrast on white and for colour-blind readers (ColorBrewer Dark2, YlGnBu).
export const REGION_COLORS: Record<string, string> = {
  'East Asia': '#c2550a',
  'Latin America': '#13806b',
};
export const GROUP_HIGHLIGHT = '#5b4bb7';
export const MEMBER_MUTED = '#c9d3dc';
export const NON_MEMBER = '#eef1f4';
export const NO_DATA_BASE = '#f4f4f4';
export const NO_DATA_LINE = '#7d8790';
export const FOCUS_COLOR = '#0b4f6c';
export const MEDIAN_COLOR = '#5f6b76';
export const BAR_COLOR = '#7fa7bd';
export const SERIES_COLORS = ['#d95f02', '#7570b3', '#e7298a', '#66a61e', '#b8860b', '#a6761d', '#1f78b4', '#666666', '#b15928', '#6a3d9a', '#33a02c', '#e31a1c'];
/** Sequential, light to dark; the lightest is still clearly not the grey of "no data". */
export const SEQUENTIAL = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'];

export function pickSequential(n: number): string[] {
  if (n <= 1) return [SEQUENTIAL[4]];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(SEQUENTIAL[Math.round((i * (SEQUENTIAL.length - 1)) / (n - 1))]);
  return out;
}
