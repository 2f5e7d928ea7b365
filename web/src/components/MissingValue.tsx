import { useTranslation } from 'react-i18next';

/** Unknown is not zero: a dash that says why it is there. */
export function MissingValue({ label }: { label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t('common.missing');
  return (
    <span className="missing" role="img" title={text} aria-label={text} data-testid="missing-value">
      —
    </span>
  );
}
