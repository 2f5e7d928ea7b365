import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { YearRange } from '../lib/query-string';

/** Two selects for `time=from..to`; either end may stay open ("Any"). */
export function YearRangeField({ range, years, onChange }: { range: YearRange; years: readonly number[]; onChange: (r: YearRange) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const pick = (v: string) => (v ? Number(v) : null);
  return (
    <fieldset className="field year-range">
      <legend className="field-label">{t('filters.years')}</legend>
      <div className="year-range__row">
        <label htmlFor={`${id}-from`} className="sr-only">
          {t('filters.from')}
        </label>
        <select id={`${id}-from`} value={range.from ?? ''} onChange={(e) => onChange({ from: pick(e.target.value), to: range.to })} data-testid="time-from">
          <option value="">{t('filters.any')}</option>
          {years.map((y) => (
            <option key={y} value={y} disabled={range.to !== null && y > range.to}>
              {y}
            </option>
          ))}
        </select>
        <span aria-hidden="true">–</span>
        <label htmlFor={`${id}-to`} className="sr-only">
          {t('filters.to')}
        </label>
        <select id={`${id}-to`} value={range.to ?? ''} onChange={(e) => onChange({ from: range.from, to: pick(e.target.value) })} data-testid="time-to">
          <option value="">{t('filters.any')}</option>
          {years.map((y) => (
            <option key={y} value={y} disabled={range.from !== null && y < range.from}>
              {y}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
