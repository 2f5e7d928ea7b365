import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { isMethodologyModule, loadMethodology } from '../../lib/methodology';
import { useDocumentTitle } from '../../lib/use-document-title';
import NotFoundPage from '../NotFoundPage';
import './methodology.css';

/**
 * /methodology/:module: what every number of a module means, its formulas, sources and limits,
 * from the same file as docs/methodology.md. A language without a translation yet shows the
 * English text under a visible note, never silently.
 */
export default function MethodologyPage() {
  const { module } = useParams();
  const { t } = useTranslation();
  if (!isMethodologyModule(module)) {
    return <NotFoundPage what={t('methodology.unknown', { module: module ?? '' })} back={{ to: '/methodology', label: t('methodology.all') }} />;
  }
  return <MethodologyText module={module} />;
}

function MethodologyText({ module }: { module: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const text = useQuery({ queryKey: ['methodology', module, lang], queryFn: () => loadMethodology(module, lang), staleTime: Infinity });
  useDocumentTitle(text.data ? `${text.data.title} · ${t('methodology.title')}` : t('methodology.title'));
  const langName = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return (
    <div className="page methodology" data-testid="page-methodology">
      <p className="breadcrumb">
        <LangLink to="/methodology">{t('methodology.title')}</LangLink>
      </p>
      {text.isPending ? (
        <>
          <h1>{t('methodology.title')}</h1>
          <Loading />
        </>
      ) : text.isError ? (
        <>
          <h1>{t('methodology.title')}</h1>
          <ErrorBox error={text.error} onRetry={() => void text.refetch()} />
        </>
      ) : (
        <>
          {!text.data.translated && (
            <p className="methodology__untranslated" role="note" data-testid="methodology-untranslated">
              {t('methodology.untranslated', { language: langName })}
            </p>
          )}
          <article lang={text.data.lang} className="methodology__text" data-testid="methodology-text" data-lang={text.data.lang}>
            <h1>{text.data.title}</h1>
            <div dangerouslySetInnerHTML={{ __html: text.data.html }} />
          </article>
        </>
      )}
    </div>
  );
}
