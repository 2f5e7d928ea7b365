import { useTranslation } from 'react-i18next';
import type { Source } from '../api';

/** Anything built on synthetic data says so, visibly, above the content. */
export function SyntheticBanner({ sources, force = false }: { sources?: readonly Source[]; force?: boolean }) {
  const { t } = useTranslation();
  const synthetic = force || (sources ?? []).some((s) => s.synthetic);
  if (!synthetic) return null;
  return (
    <div className="synthetic-banner" role="note" data-testid="synthetic-banner">
      <strong>{t('synthetic.title')}</strong> {t('synthetic.body')}
    </div>
  );
}
