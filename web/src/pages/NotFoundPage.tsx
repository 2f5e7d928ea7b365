import { useTranslation } from 'react-i18next';
import { LangLink } from '../components/LangLink';
import { useDocumentTitle } from '../lib/use-document-title';

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page" data-testid="page-not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <LangLink to="/">{t('notFound.home')}</LangLink>
      </p>
    </div>
  );
}
