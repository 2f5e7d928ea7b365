import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { loadMethodologyTitles } from '../../lib/methodology';
import { useDocumentTitle } from '../../lib/use-document-title';
import './methodology.css';

/** /methodology: every module's methodology page, in the reader's language where it exists. */
export default function MethodologyIndexPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('methodology.title'));
  const titles = useQuery({ queryKey: ['methodology-titles', lang], queryFn: () => loadMethodologyTitles(lang), staleTime: Infinity });
  return (
    <div className="page methodology" data-testid="page-methodology-index">
      <h1>{t('methodology.title')}</h1>
      <p className="lead">{t('methodology.lead')}</p>
      {titles.isPending ? (
        <Loading />
      ) : titles.isError ? (
        <ErrorBox error={titles.error} onRetry={() => void titles.refetch()} />
      ) : (
        <ul className="methodology__list" data-testid="methodology-modules">
          {titles.data.map((m) => (
            <li key={m.module}>
              <LangLink to={`/methodology/${m.module}`} data-testid={`methodology-link-${m.module}`}>
                <span lang={m.translated ? undefined : 'en'}>{m.title}</span>
              </LangLink>
              {!m.translated && <span className="methodology__untranslated-tag"> ({t('methodology.untranslatedShort')})</span>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <LangLink to="/workshop">{t('workshop.title')}</LangLink>
      </p>
    </div>
  );
}
