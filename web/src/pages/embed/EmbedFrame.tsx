import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Source } from '../../api';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { pageOfEmbed } from '../../lib/embed';
import { LANG_PARAM } from '../../lib/languages';
import { useDocumentTitle } from '../../lib/use-document-title';

/** The query of a chart-only route, to give the chart the page's view. */
export interface EmbedQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A chart-only page (/embed/...), made to sit in another site's <iframe>: the chart's title and
 * subtitle, the chart, its source line (the same as on the full page) and a link back to that page,
 * which opens outside the frame.
 */
export function EmbedFrame({
  title,
  subtitle,
  sources,
  query,
  testid,
  children,
}: {
  title: string;
  subtitle?: string | null;
  sources: readonly Source[] | undefined;
  query: EmbedQuery;
  testid: string;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { pathname, search } = useLocation();
  useDocumentTitle(t('embed.docTitle', { title }));
  const params = new URLSearchParams(search);
  params.set(LANG_PARAM, i18n.language);
  const back = `${pageOfEmbed(pathname)}?${params.toString().replace(/%7E/gi, '~')}`;
  return (
    <div className="page embed-page" data-testid={testid}>
      <h1 data-testid="embed-title">{title}</h1>
      {subtitle && <p className="embed-page__subtitle">{subtitle}</p>}
      <SyntheticBanner sources={sources} />
      {query.isPending && <Loading />}
      {query.isError && <ErrorBox error={query.error} onRetry={() => query.refetch()} />}
      {children}
      <SourceLine sources={sources} />
      <p className="embed-page__back">
        <a href={back} target="_blank" rel="noopener" data-testid="embed-back">
          {t('embed.back')}
        </a>
      </p>
    </div>
  );
}

export function yearSpan(years: [number, number] | null | undefined): string | null {
  if (!years) return null;
  return years[0] === years[1] ? String(years[0]) : `${years[0]}–${years[1]}`;
}
