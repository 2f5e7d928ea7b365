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
/**
 * Colours for the series of one chart (Dark2 and Paired, each at least 3:1 against white): none
 * repeats, and none is the focus, median or grey of the other marks. A chart with more series than
 * this draws the first HIGHLIGHTED in colour and the rest in OVERFLOW_GREY (seriesColor).
 */
export const SERIES_COLORS = ['#d95f02', '#7570b3', '#e7298a', '#66a61e', '#1f78b4', '#b8860b', '#008b8b', '#6a3d9a', '#e31a1c', '#a6761d', '#33a02c', '#b15928'];
export const OVERFLOW_GREY = '#9aa4ad';
/** How many series keep a colour when a chart has more series than SERIES_COLORS. */
export const HIGHLIGHTED = 6;

/**
 * The colour of series `index` of `count` in one chart: distinct colours while they last; beyond
 * the palette, highlight plus grey (the first HIGHLIGHTED series in colour, the others grey), so
 * two series are never told apart by a colour that repeats.
 */
export function seriesColor(index: number, count: number): string {
  if (count <= SERIES_COLORS.length) return SERIES_COLORS[index] ?? OVERFLOW_GREY;
  return index < HIGHLIGHTED ? SERIES_COLORS[index] : OVERFLOW_GREY;
}
/** Sequential, light to dark; the lightest is still clearly not the grey of "no data". */
export const SEQUENTIAL = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'];

export function pickSequential(n: number): string[] {
  if (n <= 1) return [SEQUENTIAL[4]];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(SEQUENTIAL[Math.round((i * (SEQUENTIAL.length - 1)) / (n - 1))]);
  return out;
}
