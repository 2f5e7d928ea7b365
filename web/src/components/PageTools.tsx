import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { methodologyForPath } from '../lib/methodology-modules';
import { TOUR_PARAM, tourForPath, type TourDef } from '../tours/tours';
import { LangLink } from './LangLink';

/** How long an arriving tour waits for its first step's element (the page's first answers). */
const AUTOSTART_WAIT_MS = 8000;

/**
 * Above every module page: "Tour of this page" (a workshop tour, issue #15) and the link to the
 * module's methodology. Both depend only on the address, so they paint with the page's frame.
 */
export function PageTools() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const tour = tourForPath(pathname);
  const methodology = methodologyForPath(pathname);
  const button = useRef<HTMLButtonElement>(null);
  const running = useRef<{ destroy: () => void } | null>(null);

  const start = useCallback(
    async (def: TourDef) => {
      if (running.current) return;
      const { runTour } = await import('../tours/run-tour');
      running.current = runTour(
        def,
        {
          steps: def.steps.map((_, i) => ({ title: t(`tour.${def.id}.s${i + 1}.title`), body: t(`tour.${def.id}.s${i + 1}.body`) })),
          next: t('tour.next'),
          prev: t('tour.prev'),
          done: t('tour.done'),
          close: t('tour.close'),
          progress: t('tour.progress', { current: '{{current}}', total: '{{total}}' }),
        },
        button.current,
        () => {
          running.current = null;
        },
      );
    },
    [t],
  );

  // A workshop link (`?tour=<id>`) starts the page's tour once its first step is on the page.
  const wanted = new URLSearchParams(search).get(TOUR_PARAM);
  const autostarted = useRef<string | null>(null);
  useEffect(() => {
    if (!tour || wanted !== tour.id || autostarted.current === pathname) return;
    autostarted.current = pathname;
    const began = Date.now();
    const timer = setInterval(() => {
      if (document.querySelector(tour.steps[0].element) || Date.now() - began > AUTOSTART_WAIT_MS) {
        clearInterval(timer);
        void start(tour);
      }
    }, 200);
    return () => clearInterval(timer);
  }, [tour, wanted, pathname, start]);

  // Leaving the page ends its tour.
  useEffect(() => () => running.current?.destroy(), [pathname]);

  if (!tour && !methodology) return null;
  return (
    <div className="page-tools" data-testid="page-tools">
      {tour && (
        <button ref={button} type="button" className="button button--small" onClick={() => void start(tour)} aria-haspopup="dialog" data-testid="tour-start">
          {t('tour.start')}
        </button>
      )}
      {methodology && (
        <LangLink to={`/methodology/${methodology}`} data-testid="page-methodology-link">
          {t('methodology.link')}
        </LangLink>
      )}
    </div>
  );
}
