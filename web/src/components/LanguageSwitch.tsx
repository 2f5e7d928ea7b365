import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANG_PARAM, isLang, storeLang } from '../lib/languages';
import { useUrlState } from '../lib/url-state';

/** Writes `?lang=` (the Layout applies it) and remembers the choice for next time. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const url = useUrlState();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" className="language-switch__icon">
          <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M2.5 12h19M12 2.5c2.6 2.8 3.9 6 3.9 9.5s-1.3 6.7-3.9 9.5c-2.6-2.8-3.9-6-3.9-9.5s1.3-6.7 3.9-9.5z" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>{' '}
        <span className="language-switch__label">{t('layout.language')}</span>
      </label>
      <select
        id={id}
        value={i18n.language}
        data-testid="language-switch"
        // The visible label text is hidden on phones: the select keeps its name.
        aria-label={t('layout.language')}
        onChange={(e) => {
          const lang = e.target.value;
          if (!isLang(lang)) return;
          storeLang(lang);
          url.set({ [LANG_PARAM]: lang });
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </div>
  );
}
