import { useTranslation } from 'react-i18next';
import type { TrafficSummary } from '../../api';
import { MissingValue } from '../../components/MissingValue';
import { formatInteger } from '../../lib/format';
import { compact, growth, percent } from './marketplace-view';

/** Headline figures of a view; an unknown figure is a dash with its reason, never 0. */
export function Headline({ summary, testid = 'headline', omit = [] }: { summary: TrafficSummary | undefined; testid?: string; omit?: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = summary;
  const items: { key: string; label: string; value: string; note?: string }[] = [
    { key: 'visits', label: t('marketplaces.headline.visits'), value: compact(s?.visits, lang), note: s?.first_month ? `${s.first_month} – ${s.last_month}` : undefined },
    { key: 'yoy', label: t('marketplaces.headline.yoy'), value: growth(s?.yoy, lang), note: s?.yoy_year ? String(s.yoy_year) : undefined },
    { key: 'cagr', label: t('marketplaces.headline.cagr'), value: growth(s?.cagr, lang), note: s?.cagr_from ? `${s.cagr_from}–${s.cagr_to}` : undefined },
    { key: 'cross-border', label: t('marketplaces.headline.crossBorder'), value: percent(s?.cross_border_share, lang) },
    { key: 'bi-regional', label: t('marketplaces.headline.biRegional'), value: percent(s?.bi_regional_share, lang) },
    { key: 'hhi', label: t('marketplaces.headline.hhi'), value: s?.hhi === null || s?.hhi === undefined ? '' : formatInteger(s.hhi, lang) },
    { key: 'top3', label: t('marketplaces.headline.top3'), value: percent(s?.top3_share, lang) },
    { key: 'marketplaces', label: t('marketplaces.headline.marketplaces'), value: s ? formatInteger(s.marketplaces, lang) : '' },
  ];
  return (
    <dl className="facts headline" data-testid={testid}>
      {items.filter((i) => !omit.includes(i.key)).map((i) => (
        <div key={i.key} data-testid={`${testid}-${i.key}`}>
          <dt>{i.label}</dt>
          <dd>
            {i.value === '' ? <MissingValue label={t('marketplaces.unknownFigure')} /> : <strong>{i.value}</strong>}
            {i.note && i.value !== '' ? <span className="muted small"> ({i.note})</span> : null}
            {/* Every figure derived from synthetic visits says so where it is shown. */}
            {s?.synthetic && i.value !== '' ? (
              <>
                {' '}
                <span className="badge badge--synthetic" data-testid={`${testid}-${i.key}-synthetic`}>
                  {t('synthetic.badge')}
                </span>
              </>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
