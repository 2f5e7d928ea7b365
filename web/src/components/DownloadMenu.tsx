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
    document.addEventListener('click', onDoc);
    el.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', onDoc);
      el.removeEventListener('keydown', onKey);
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
