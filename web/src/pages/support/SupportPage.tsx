import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries } from '../../api';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { programmesRequest, usePrograms, useUnplaced, useVocab, type Programme } from './support-api';
import { CheckedLink, CodeSelect, EconomySelect, SupportSubnav, Trust, useVocabLabel } from './SupportParts';
import './support.css';

/** The inventory: programmes by economy, type, target, policy area, scope; full-text search. */
export default function SupportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('support.title'));
  const url = useUrlState();
  const labelOf = useVocabLabel();
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const vocab = useVocab();
  const codes = (kind: string) => vocab.data?.rows.filter((r) => r.kind === kind).map((r) => r.code) ?? [];
  const filter = {
    economy: url.get('economy'),
    type: url.get('type'),
    target: url.get('target'),
    area: url.get('area'),
    border: url.get('border'),
    ecommerce: url.get('ecommerce'),
    q: url.get('q'),
  };
  const req = programmesRequest(filter);
  const list = usePrograms(req);
  const rows = list.data?.rows ?? [];
  const [text, setText] = useState(filter.q ?? '');
  useEffect(() => setText(filter.q ?? ''), [filter.q]);
  const searchId = useId();

  const columns = useMemo<ColumnDef<Programme, unknown>[]>(
    () => [
      { id: 'economy', header: t('table.country'), accessorFn: (r) => countryName(r.iso3, lang) },
      {
        id: 'programme',
        header: t('support.col.programme'),
        accessorFn: (r) => r.programme,
        cell: (c) => (
          <>
            <LangLink to={`/support/programmes/${c.row.original.id}`} data-testid={`programme-link-${c.row.original.id}`}>
              {c.row.original.programme}
            </LangLink>
            {c.row.original.programme_en && c.row.original.programme_en !== c.row.original.programme && <div className="muted small">{c.row.original.programme_en}</div>}
          </>
        ),
        meta: { className: 'wide' },
      },
      { id: 'agency', header: t('support.col.agency'), accessorFn: (r) => r.agency ?? undefined, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : String(c.getValue())) },
      { id: 'year', header: t('support.col.year'), accessorFn: (r) => r.year_started ?? undefined, meta: { numeric: true }, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : String(c.getValue())) },
      { id: 'types', header: t('support.col.types'), accessorFn: (r) => r.types.map((x) => labelOf('type', x)).join(', ') || undefined, cell: (c) => (c.getValue() === undefined ? <span className="muted">{t('support.unplacedShort')}</span> : String(c.getValue())) },
      { id: 'targets', header: t('support.col.targets'), accessorFn: (r) => r.targets.map((x) => labelOf('target', x)).join(', ') || undefined, cell: (c) => (c.getValue() === undefined ? <span className="muted">{t('support.unplacedShort')}</span> : String(c.getValue())) },
      { id: 'border', header: t('support.col.border'), accessorFn: (r) => (r.border_scope ? labelOf('border', r.border_scope) : undefined), cell: (c) => (c.getValue() === undefined ? <MissingValue /> : String(c.getValue())) },
      { id: 'ecommerce', header: t('support.col.ecommerce'), accessorFn: (r) => (r.ecommerce_focus && r.ecommerce_focus !== 'unknown' ? t(`support.yesPartialNo.${r.ecommerce_focus}`) : undefined), cell: (c) => (c.getValue() === undefined ? <MissingValue /> : String(c.getValue())) },
      { id: 'trust', header: t('support.col.trust'), accessorFn: (r) => r.trust ?? '', cell: (c) => <Trust grade={c.row.original.trust} /> },
      { id: 'link', header: t('support.col.link'), accessorFn: (r) => r.url ?? '', cell: (c) => <CheckedLink url={c.row.original.url} ok={c.row.original.url_ok} status={c.row.original.url_status} checkedAt={c.row.original.url_checked_at} /> },
    ],
    [t, lang, labelOf],
  );

  return (
    <div className="page" data-testid="page-support">
      <h1>{t('support.title')}</h1>
      <SupportSubnav current="inventory" />
      <p className="lead">{t('support.lead')}</p>
      <section className="card" aria-labelledby="support-filters-h">
        <h2 id="support-filters-h">{t('support.filters')}</h2>
        <form
          className="controls support-filters"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            url.set({ q: text.trim() || null }, { push: true });
          }}
        >
          <div className="field">
            <label htmlFor={searchId} className="field-label">
              {t('support.search')}
            </label>
            <input id={searchId} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('support.searchPlaceholder')} data-testid="support-search" />
          </div>
          <button type="submit" className="button" data-testid="support-search-go">
            {t('support.searchGo')}
          </button>
        </form>
        <div className="controls support-filters">
          <EconomySelect options={members} value={filter.economy} onChange={(v) => url.set({ economy: v }, { push: true })} label={t('support.economy')} testid="support-economy" allowEmpty />
          <CodeSelect codes={codes('type')} kind="type" value={filter.type} onChange={(v) => url.set({ type: v }, { push: true })} label={t('support.col.types')} testid="support-type" />
          <CodeSelect codes={codes('target')} kind="target" value={filter.target} onChange={(v) => url.set({ target: v }, { push: true })} label={t('support.col.targets')} testid="support-target" />
          <CodeSelect codes={codes('area')} kind="area" value={filter.area} onChange={(v) => url.set({ area: v }, { push: true })} label={t('support.area')} testid="support-area" />
          <CodeSelect codes={codes('border_scope')} kind="border" value={filter.border} onChange={(v) => url.set({ border: v }, { push: true })} label={t('support.col.border')} testid="support-border" />
          <CodeSelect codes={['yes', 'partial', 'no']} kind={'ecommerce' as never} value={filter.ecommerce} onChange={(v) => url.set({ ecommerce: v }, { push: true })} label={t('support.col.ecommerce')} testid="support-ecommerce" />
        </div>
      </section>
      <section className="card" aria-labelledby="support-list-h" aria-busy={list.isFetching}>
        <div className="card__head">
          <div>
            <h2 id="support-list-h">{t('support.listTitle', { count: rows.length })}</h2>
            <p className="muted small">{t('support.listNote')}</p>
          </div>
          <DownloadMenu request={req} filename="puente-support-programmes" />
        </div>
        {list.isPending && <Loading />}
        {list.isError && <ErrorBox error={list.error} onRetry={() => list.refetch()} />}
        {list.data && (rows.length ? <DataTable data={rows} columns={columns} caption={t('support.listTitle', { count: rows.length })} captionHidden getRowId={(r) => r.id} testid="support-table" /> : <p data-testid="support-empty">{t('support.none')}</p>)}
        <SourceLine sources={list.data?.sources} />
      </section>
      <UnplacedSection />
    </div>
  );
}

/** What the mapping cannot place is listed, not guessed. */
function UnplacedSection() {
  const { t } = useTranslation();
  const q = useUnplaced();
  const vocab = useVocab();
  return (
    <section className="card" aria-labelledby="support-unplaced-h" data-testid="support-unplaced">
      <h2 id="support-unplaced-h">{t('support.unplacedTitle')}</h2>
      <p className="muted small">{t('support.unplacedLead', { version: vocab.data?.mapping_version ?? '' })}</p>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {q.data && (
        <ul className="support-unplaced">
          {q.data.rows.map((u) => (
            <li key={`${u.kind}-${u.term}`}>
              <span className="badge">{t(`support.kind.${u.kind}`)}</span> “{u.term}” <span className="muted small">({t(`support.reason.${u.reason}`)}; {t('support.programmesCount', { count: u.programmes })})</span>{' '}
              {u.ids.slice(0, 3).map((id) => (
                <LangLink key={id} to={`/support/programmes/${id}`} className="small">
                  {t('support.open')}
                </LangLink>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
