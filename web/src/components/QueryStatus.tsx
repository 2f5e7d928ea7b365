import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/**
 * Loading and error states shared by every page. A loading state holds the room of what it waits
 * for, so nothing below it moves when the answer arrives (issue #20): give `minHeight` (px) the
 * height of the chart or table it stands for; `inline` is a one-line status in running text.
 * Without either it keeps a block of the default height of a card's content.
 */
export function Loading({ label, minHeight, inline }: { label?: string; minHeight?: number; inline?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className={inline ? 'loading loading--inline' : 'loading loading--block'}
      role="status"
      aria-live="polite"
      data-testid="loading"
      style={minHeight !== undefined ? { minHeight } : undefined}
    >
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
