import { useTranslation } from 'react-i18next';
import { LangLink } from '../components/LangLink';
import { useDocumentTitle } from '../lib/use-document-title';

/**
 * An unknown address, or an unknown object (country, marketplace, indicator) on a known one: the
 * page of a missing object shows this instead of its controls and downloads.
 */
export default function NotFoundPage({ what, back }: { what?: string; back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page" data-testid="page-not-found">
      <h1>{t('notFound.title')}</h1>
      {what ? <p data-testid="not-found-what">{what}</p> : <p>{t('notFound.body')}</p>}
      <ul className="plain-list">
        {back && (
          <li>
            <LangLink to={back.to} data-testid="not-found-back">
              {back.label}
            </LangLink>
          </li>
        )}
        <li>
          <LangLink to="/">{t('notFound.home')}</LangLink>
        </li>
      </ul>
    </div>
  );
}
