import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { compareNames, countryName } from '../lib/country-names';

/**
 * Choose several countries: the chosen ones are removable chips, the rest are in a native
 * select (good on phones and for screen readers).
 */
export function CountryPicker({
  options,
  selected,
  onChange,
  label,
  max = 12,
  testid = 'country-picker',
}: {
  options: readonly string[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  label: string;
  max?: number;
  testid?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const cmp = compareNames(lang);
  const rest = options
    .filter((c) => !selected.includes(c))
    .map((c) => ({ c, name: countryName(c, lang) }))
    .sort((a, b) => cmp(a.name, b.name));
  const full = selected.length >= max;

  return (
    <div className="country-picker" data-testid={testid}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="country-picker__row">
        <select
          id={id}
          value=""
          disabled={full}
          data-testid={`${testid}-add`}
          onChange={(e) => {
            const v = e.target.value;
            if (v) onChange([...selected, v]);
          }}
        >
          <option value="">{full ? t('picker.full', { max }) : t('picker.add')}</option>
          {rest.map(({ c, name }) => (
            <option key={c} value={c}>
              {name} ({c})
            </option>
          ))}
        </select>
        {selected.length > 0 && (
          <button type="button" className="button button--link" onClick={() => onChange([])} data-testid={`${testid}-clear`}>
            {t('picker.clear')}
          </button>
        )}
      </div>
      {selected.length > 0 && (
        <ul className="chips" aria-label={t('picker.selected')}>
          {selected.map((c) => (
            <li key={c} className="chip" data-testid={`${testid}-chip-${c}`}>
              <span>{countryName(c, lang)}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('picker.remove', { name: countryName(c, lang) })}
                onClick={() => onChange(selected.filter((x) => x !== c))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
