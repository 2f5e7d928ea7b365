import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorCatalogRequest, useIndicatorCatalog, type IndicatorCatalogRow } from '../../api';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { formatInteger } from '../../lib/format';
import { indicatorLabel, topicLabel, unitLabel } from '../../lib/labels';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';

export default function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const searchId = useId();
  const topicId = useId();
  useDocumentTitle(t('indicators.title'));
  const req = indicatorCatalogRequest();
  const catalogue = useIndicatorCatalog();
  const q = (url.get('q') ?? '').trim().toLowerCase();
  const topic = url.get('topic') ?? '';
  const rows = catalogue.data?.rows ?? [];
  const topics = [...new Set(rows.map((r) => r.topic).filter((x): x is string => Boolean(x)))].sort();
  const shown = rows.filter(
    (r) =>
      (!topic || r.topic === topic) &&
      (!q || `${r.code} ${r.name} ${indicatorLabel(r, r.code, lang)} ${r.definition ?? ''}`.toLowerCase().includes(q)),
  );

  const columns = useMemo<ColumnDef<IndicatorCatalogRow, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('indicators.col.name'),
        accessorFn: (r) => indicatorLabel(r, r.code, lang),
        cell: (c) => (
          <LangLink to={`/indicators/${c.row.original.code}`} data-testid={`indicator-link-${c.row.original.code}`}>
            {String(c.getValue())}
          </LangLink>
        ),
      },
      { id: 'code', header: t('indicators.col.code'), accessorKey: 'code', cell: (c) => <code>{String(c.getValue())}</code> },
      { id: 'topic', header: t('indicators.col.topic'), accessorFn: (r) => topicLabel(r.topic, lang) || undefined },
      { id: 'unit', header: t('indicators.col.unit'), accessorFn: (r) => unitLabel(r, lang) ?? undefined },
      {
        id: 'countries',
        header: t('indicators.col.countries'),
        accessorKey: 'countries',
        meta: { numeric: true },
        cell: (c) => formatInteger(c.getValue() as number, lang),
      },
      {
        id: 'years',
        header: t('indicators.col.years'),
        accessorFn: (r) => r.max_year ?? undefined,
        meta: { numeric: true },
        cell: (c) => {
          const r = c.row.original;
          return r.min_year && r.max_year ? `${r.min_year}–${r.max_year}` : <MissingValue />;
        },
      },
      {
        id: 'values',
        header: t('indicators.col.values'),
        accessorKey: 'values',
        meta: { numeric: true },
        cell: (c) => formatInteger(c.getValue() as number, lang),
      },
    ],
    [t, lang],
  );

  return (
    <div className="page" data-testid="page-indicators">
      <h1>{t('indicators.title')}</h1>
      <p className="lead">{t('indicators.lead')}</p>
      <div className="controls controls--wrap">
        <div className="field">
          <label htmlFor={searchId} className="field-label">
            {t('indicators.search')}
          </label>
          <input
            id={searchId}
            type="search"
            value={url.get('q') ?? ''}
            onChange={(e) => url.set({ q: e.target.value })}
            data-testid="indicator-search"
          />
        </div>
        <div className="field">
          <label htmlFor={topicId} className="field-label">
            {t('indicators.col.topic')}
          </label>
          <select id={topicId} value={topic} onChange={(e) => url.set({ topic: e.target.value })} data-testid="indicator-topic">
            <option value="">{t('indicators.allTopics')}</option>
            {topics.map((tp) => (
              <option key={tp} value={tp}>
                {topicLabel(tp, lang)}
              </option>
            ))}
          </select>
        </div>
        <DownloadMenu request={req} filename="puente-indicators" />
      </div>
      {catalogue.isPending && <Loading />}
      {catalogue.isError && <ErrorBox error={catalogue.error} onRetry={() => catalogue.refetch()} />}
      {catalogue.data && (
        <DataTable
          data={shown}
          columns={columns}
          caption={t('indicators.caption', { count: shown.length })}
          sort={url.get('sort')}
          onSortChange={(s) => url.set({ sort: s })}
          getRowId={(r) => r.code}
          pageSize={0}
          testid="indicator-catalogue"
        />
      )}
    </div>
  );
}
