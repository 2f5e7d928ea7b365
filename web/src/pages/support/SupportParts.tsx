import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LangLink } from '../../components/LangLink';
import { compareNames, countryName } from '../../lib/country-names';
import { formatDate } from '../../lib/format';

// Pieces the support and directory pages share: vocabulary labels, trust, link status, selects.

export type VocabKind = 'type' | 'target' | 'area' | 'border' | 'goods' | 'stage';

/** A vocabulary code in the reader's language (content translated in the i18n files). */
export function useVocabLabel(): (kind: VocabKind, code: string) => string {
  const { t } = useTranslation();
  return (kind, code) => t(`support.vocab.${kind}.${code}`, { defaultValue: code });
}

export function SupportSubnav({ current }: { current: 'inventory' | 'gaps' | 'directory' }) {
  const { t } = useTranslation();
  const items = [
    { id: 'inventory', to: '/support', label: t('support.subnav.inventory') },
    { id: 'gaps', to: '/support/gaps', label: t('support.subnav.gaps') },
    { id: 'directory', to: '/directory', label: t('support.subnav.directory') },
  ];
  return (
    <nav className="support-subnav" aria-label={t('support.subnav.label')}>
      {items.map((i) => (
        <LangLink key={i.id} to={i.to} aria-current={current === i.id ? 'page' : undefined} data-testid={`support-subnav-${i.id}`}>
          {i.label}
        </LangLink>
      ))}
    </nav>
  );
}

/** Trust grade with what it means (A official, B news or mirror, C weaker; missing = not stated). */
export function Trust({ grade }: { grade: string | null }) {
  const { t } = useTranslation();
  const label = grade ? t(`support.trust.${grade}`) : t('support.trust.none');
  return (
    <span className={`badge trust trust--${grade ?? 'none'}`} title={label} data-testid="trust">
      {grade ?? '?'}
      <span className="sr-only"> {label}</span>
    </span>
  );
}

/** A link with the result of the last link check: a broken one is shown as broken. */
export function CheckedLink({ url, ok, status, checkedAt, testid }: { url: string | null; ok: boolean | null; status: number | null; checkedAt: string | null; testid?: string }) {
  const { t, i18n } = useTranslation();
  if (!url) return <span className="muted">{t('support.link.notSeen')}</span>;
  let host = url;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    // keep the text
  }
  return (
    <span className="checked-link" data-testid={testid}>
      <a href={url} rel="noopener noreferrer external" target="_blank" className={ok === false ? 'link--broken' : undefined}>
        {host}
      </a>
      {ok === false && (
        <span className="badge badge--empty" data-testid="link-broken">
          {t('support.link.broken', { status: status ?? t('support.link.noAnswer') })}
        </span>
      )}
      {ok !== null && checkedAt && <span className="muted small"> {t('support.link.checked', { date: formatDate(checkedAt, i18n.language) })}</span>}
    </span>
  );
}

export function EconomySelect({ options, value, onChange, label, testid, allowEmpty = false }: { options: readonly string[]; value: string | null; onChange: (iso3: string | null) => void; label: string; testid: string; allowEmpty?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const cmp = compareNames(i18n.language);
  const sorted = [...options].map((c) => ({ c, name: countryName(c, i18n.language) })).sort((a, b) => cmp(a.name, b.name));
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testid}>
        {(allowEmpty || !value) && <option value="">{t('support.allEconomies')}</option>}
        {sorted.map(({ c, name }) => (
          <option key={c} value={c}>
            {name} ({c})
          </option>
        ))}
      </select>
    </div>
  );
}

export function CodeSelect({ codes, kind, value, onChange, label, testid }: { codes: readonly string[]; kind: VocabKind; value: string | null; onChange: (code: string | null) => void; label: string; testid: string }) {
  const { t } = useTranslation();
  const labelOf = useVocabLabel();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testid}>
        <option value="">{t('support.any')}</option>
        {codes.map((c) => (
          <option key={c} value={c}>
            {labelOf(kind, c)}
          </option>
        ))}
      </select>
    </div>
  );
}
