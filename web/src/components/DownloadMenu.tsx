import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl, twinUrl, type ApiRequest } from '../api';

/**
 * What you see is what you download: the links are the API twins (`.csv`, `.metadata.json`) of
 * the request the view itself made, with the same query string.
 */
export function DownloadMenu({ request, filename, label }: { request: ApiRequest; filename: string; label?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onDoc = (e: MouseEvent) => {
      if (el.open && !el.contains(e.target as Node)) el.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && el.open) {
        el.open = false;
        el.querySelector('summary')?.focus();
      }
    };
    // The panel opens under its button, aligned to the button's right edge; where that would leave
    // the screen (a button at the left of a phone), it is shifted back inside, 8 px from the edge.
    const onToggle = () => {
      const panel = el.querySelector<HTMLElement>('.download-menu__panel');
      if (!panel || !el.open) return;
      panel.style.transform = '';
      const r = panel.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const shift = r.left < 8 ? 8 - r.left : r.right > vw - 8 ? vw - 8 - r.right : 0;
      if (shift) panel.style.transform = `translateX(${Math.round(shift)}px)`;
    };
    document.addEventListener('click', onDoc);
    el.addEventListener('keydown', onKey);
    el.addEventListener('toggle', onToggle);
    return () => {
      document.removeEventListener('click', onDoc);
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('toggle', onToggle);
    };
  }, []);

  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '_');
  return (
    <details className="download-menu" ref={ref} data-testid="download-menu">
      <summary data-testid="download-menu-button">
        <span aria-hidden="true">⤓</span> {label ?? t('download.button')}
      </summary>
      <div className="download-menu__panel">
      <ul className="download-menu__list">
        <li>
          <a href={twinUrl(request, 'csv')} download={`${safe}.csv`} data-testid="download-csv">
            {t('download.csv')}
          </a>
        </li>
        <li>
          <a href={twinUrl(request, 'metadata.json')} download={`${safe}.metadata.json`} data-testid="download-metadata">
            {t('download.metadata')}
          </a>
        </li>
        <li>
          <a href={twinUrl(request, 'zip')} download={`${safe}.zip`} data-testid="download-zip">
            {t('download.zip')}
          </a>
        </li>
        <li>
          <a href={apiUrl(request)} target="_blank" rel="noopener" data-testid="download-json">
            {t('download.api')}
          </a>
        </li>
      </ul>
      <p className="download-menu__hint">{t('download.hint')}</p>
      </div>
    </details>
  );
}
