import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** Loading and error states shared by every page. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="loading__spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e = error instanceof ApiError ? error : null;
  const message =
    e?.status === 0 ? t('error.network') : e?.status === 404 ? t('error.notFound') : (e?.message ?? String(error));
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <strong>{t('error.title')}</strong> <span>{message}</span>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
