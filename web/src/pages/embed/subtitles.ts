// The "what / where / when" line of a chart that has an embed route, shared by its page and the
// chart-only route so the two say the same.
import type { TFunction } from 'i18next';
import type { ReadinessEnvelope } from '../../api';
import { countryName } from '../../lib/country-names';

/** Readiness: scale, reference year and window, the peers highlighted. */
export function readinessSubtitle(t: TFunction, data: ReadinessEnvelope | undefined, peers: readonly string[], lang: string): string {
  const parts = [`${t('readiness.col.score')} 0–100`, t('chart.export.allEconomies')];
  if (data?.year) parts.push(`${t('readiness.year')}: ${data.year}`);
  if (data?.window) parts.push(`${t('readiness.window')}: ${t('readiness.years', { count: data.window })}`);
  if (peers.length) parts.push(`${t('readiness.peers')}: ${peers.map((p) => countryName(p, lang)).join(', ')}`);
  return parts.join(' · ');
}
