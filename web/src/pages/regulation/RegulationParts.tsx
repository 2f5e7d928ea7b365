// Small pieces shared by the regulation pages.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegBasis } from '../../api';
import { LangLink } from '../../components/LangLink';
import { compareNames, countryName } from '../../lib/country-names';
import './regulation.css';

/** Unknown is not zero: an explicit, styled "unknown" that screen readers read as such. */
export function Unknown({ testid = 'reg-unknown' }: { testid?: string }) {
  const { t } = useTranslation();
  return (
    <span className="reg-unknown" title={t('regulation.unknownHint')} data-testid={testid} data-unknown="true">
      {t('regulation.unknown')}
    </span>
  );
}

export function BasisBadge({ basis }: { basis: RegBasis | string }) {
  const { t } = useTranslation();
  if (basis === 'escap') {
    return (
      <span className="badge reg-basis reg-basis--measures" data-basis="escap">
        {t('regData.basisEscap')}
      </span>
    );
  }
  const key = basis === 'measures' || basis === 'derived' ? basis : 'unknown';
  return (
    <span className={`badge reg-basis reg-basis--${key}`} data-basis={key}>
      {t(`regulation.basis.${key}`)}
    </span>
  );
}

/** Below the coverage gate: not a value to rank, colour or compare. */
export function NotEnough({ coverage, lang }: { coverage?: number; lang?: string }) {
  const { t } = useTranslation();
  const pct = coverage === undefined ? '' : ` (${new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(coverage)})`;
  return (
    <span className="reg-unknown" title={t('regData.notEnoughHint')} data-testid="reg-not-enough" data-not-enough="true">
      {t('regData.notEnough')}
      {pct}
    </span>
  );
}

/** Liberalising (lowers restrictiveness), neutral, or restricting. */
export function DirectionBadge({ direction }: { direction: 'liberalising' | 'neutral' | 'restricting' }) {
  const { t } = useTranslation();
  if (direction === 'restricting') return <RaisesBadge />;
  return (
    <span className={`badge reg-direction reg-direction--${direction}`} data-testid={`badge-${direction}`}>
      {t(`regData.direction.${direction}`)}
    </span>
  );
}

/** "As recorded" / "with the government's corrections": the URL's `scores=`; the default is said beside it. */
export function ScoreModeSwitch({ value, onChange }: { value: 'recorded' | 'corrected'; onChange: (v: 'recorded' | 'corrected') => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="reg-mode" data-testid="reg-score-mode">
      <legend className="field-label">{t('regData.mode.label')}</legend>
      {(['recorded', 'corrected'] as const).map((m) => (
        <label key={m} className="check check--small">
          <input type="radio" name="reg-score-mode" value={m} checked={value === m} onChange={() => onChange(m)} data-testid={`reg-score-mode-${m}`} /> {t(`regData.mode.${m}`)}
        </label>
      ))}
      <span className="muted small">{t('regData.mode.default')}</span>
    </fieldset>
  );
}

export function RaisesBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge reg-raises" data-testid="badge-raises" title={t('regulation.sim.raisesHint')}>
      {t('regulation.sim.raises')}
    </span>
  );
}

/** Links between the four regulation views. */
export function RegulationSubnav({ current }: { current: 'overview' | 'profile' | 'compare' | 'pair' | 'simulate' | 'stri' }) {
  const { t } = useTranslation();
  const items = [
    { id: 'overview', to: '/regulation', label: t('regulation.subnav.overview') },
    { id: 'compare', to: '/regulation/compare', label: t('regulation.subnav.compare') },
    { id: 'pair', to: '/regulation/pair', label: t('regulation.subnav.pair') },
    { id: 'simulate', to: '/regulation/simulate', label: t('regulation.subnav.simulate') },
    { id: 'stri', to: '/regulation/digital-stri', label: t('stri.subnav') },
  ];
  return (
    <nav className="reg-subnav" aria-label={t('regulation.subnav.label')}>
      {items.map((i) => (
        <LangLink key={i.id} to={i.to} aria-current={current === i.id ? 'page' : undefined} data-testid={`reg-subnav-${i.id}`}>
          {i.label}
        </LangLink>
      ))}
    </nav>
  );
}

/** One economy from the members, in the reader's language. */
export function EconomySelect({
  options,
  value,
  onChange,
  label,
  testid,
  allowEmpty = false,
}: {
  options: readonly string[];
  value: string | null;
  onChange: (iso3: string) => void;
  label: string;
  testid: string;
  allowEmpty?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const cmp = compareNames(i18n.language);
  const sorted = [...options].map((c) => ({ c, name: countryName(c, i18n.language) })).sort((a, b) => cmp(a.name, b.name));
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => e.target.value && onChange(e.target.value)} data-testid={testid}>
        {(allowEmpty || !value) && <option value="">{t('regulation.chooseEconomy')}</option>}
        {sorted.map(({ c, name }) => (
          <option key={c} value={c}>
            {name} ({c})
          </option>
        ))}
      </select>
    </div>
  );
}
