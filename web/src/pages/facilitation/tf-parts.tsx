// Small pieces shared by the trade facilitation pages.
import { useTranslation } from 'react-i18next';
import { LangLink } from '../../components/LangLink';
import { formatNumber } from '../../lib/format';
import type { TfAverage } from './tf-api';
import './facilitation.css';

export const CORE_GROUPS = ['transparency', 'formalities', 'institutional_arrangement_cooperation', 'paperless_trade', 'cross_border_paperless_trade'] as const;
export const SCORE_GROUPS = ['overall', ...CORE_GROUPS] as const;

/** A percentage as the survey publishes it: two decimals at most. */
export const pct = (v: number | null | undefined, lang: string) => (v === null || v === undefined ? null : formatNumber(v, lang, 2));

/** A status 0..3 as a labelled, coloured chip; no status is "unknown", never 0. */
export function StatusChip({ status }: { status: number | null | undefined }) {
  const { t } = useTranslation();
  if (status === null || status === undefined) {
    return (
      <span className="tf-status tf-status--unknown" data-status="unknown" title={t('facilitation.status.unknownHint')}>
        {t('facilitation.status.unknown')}
      </span>
    );
  }
  return (
    <span className={`tf-status tf-status--s${status}`} data-status={status} title={t(`facilitation.status.long${status}`)}>
      {status} · {t(`facilitation.status.s${status}`)}
    </span>
  );
}

export function SecondaryBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge tf-secondary" title={t('facilitation.secondaryHint')} data-secondary="true">
      {t('facilitation.secondary')}
    </span>
  );
}

/** An average with its n, or "not enough data" below its gate. */
export function AverageText({ avg, lang }: { avg: Pick<TfAverage, 'value' | 'n'> & { min_n?: number }; lang: string }) {
  const { t } = useTranslation();
  if (avg.value === null) return <span className="muted">{t('facilitation.notEnough', { n: avg.n })}</span>;
  return <span>{t('facilitation.avgWithN', { value: pct(avg.value, lang), n: avg.n })}</span>;
}

/** Name of a measure in the page's language (the survey's English name, marked, when none is translated). */
export function useMeasureName() {
  const { t, i18n } = useTranslation();
  return (id: string, fallback?: string) =>
    i18n.language === 'en' || i18n.getResource(i18n.language, 'translation', `facilitation.measure.${id}`) !== undefined
      ? t(`facilitation.measure.${id}`, { defaultValue: fallback ?? id })
      : `${fallback ?? id} (${t('content.inEnglish')})`;
}

export function FacilitationSubnav({ current, iso3 }: { current: 'compare' | 'economy'; iso3?: string }) {
  const { t } = useTranslation();
  return (
    <nav className="tf-subnav" aria-label={t('facilitation.subnavLabel')}>
      <LangLink to="/facilitation" aria-current={current === 'compare' ? 'page' : undefined} data-testid="tf-subnav-compare">
        {t('facilitation.compareTitle')}
      </LangLink>
      {iso3 && (
        <LangLink to={`/facilitation/${iso3}`} aria-current={current === 'economy' ? 'page' : undefined} data-testid="tf-subnav-economy">
          {t('facilitation.economyTab')}
        </LangLink>
      )}
    </nav>
  );
}
