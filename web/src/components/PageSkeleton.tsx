import { useTranslation } from 'react-i18next';

/**
 * What a page shows while its code loads (the Suspense fallback of Layout): the shape of a page
 * (a heading, an intro, a card) drawn at once, in the room the page will take. The main area is at
 * least a screen tall, so when the page replaces it nothing that was on screen moves (issue #20:
 * the first view paints at once instead of waiting, hidden, for the page's answers).
 *
 * Pages reserve the room of what they wait for themselves: `Loading` with the height of the
 * chart or table it stands for, `PlotFigure` with its height or aspect ratio, `SkeletonLines`
 * for text that follows from an answer.
 */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="page-skeleton" role="status" aria-live="polite" data-testid="loading">
      <span className="sr-only">{t('common.loading')}</span>
      <div className="page-skeleton__heading" aria-hidden="true" />
      <SkeletonLines lines={2} />
      <div className="page-skeleton__card" aria-hidden="true" />
    </div>
  );
}

/** Grey lines in the place of text that is still on its way (decorative: the status says loading). */
export function SkeletonLines({ lines = 1 }: { lines?: number }) {
  return (
    <div className="skeleton-lines" aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton-lines__line" />
      ))}
    </div>
  );
}
