import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
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
import { coverageRequest, entriesRequest, saveText, useCoverage, useEntries, type CoverageRow, type Entry } from '../support/support-api';
import { CheckedLink, EconomySelect, SupportSubnav, Trust } from '../support/SupportParts';
import { EntryWorkflow } from '../workflow/EntryWorkflow';
import { ENTRY_FORM, ENTRY_SCHEMA } from './entry-fields';
import '../support/support.css';

/** Who to call in each economy: the directory of public bodies, its coverage and downloads. */
export default function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('directory.title'));
  const url = useUrlState();
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const economy = url.get('economy');
  const role = url.get('role');
  const selectedId = url.get('entry');
  const req = entriesRequest({ economy, role });
  const entries = useEntries(req);
  const coverage = useCoverage();
  const [vcardError, setVcardError] = useState(false);

  const columns = useMemo<ColumnDef<Entry, unknown>[]>(
    () => [
      { id: 'economy', header: t('table.country'), accessorFn: (r) => countryName(r.iso3, lang) },
      { id: 'role', header: t('directory.col.role'), accessorFn: (r) => t(`directory.role.${r.role}`, { defaultValue: r.role }) },
      {
        id: 'name',
        header: t('directory.col.name'),
        accessorFn: (r) => r.name_local,
        cell: (c) => (
          <>
            <EntryName e={c.row.original} />
            <div className="small">
              <LangLink to={`/directory?${new URLSearchParams({ ...(economy ? { economy } : {}), entry: c.row.original.id }).toString()}`} data-testid="entry-open">
                {t('workflow.forms.edit')}
              </LangLink>
            </div>
          </>
        ),
        meta: { className: 'wide' },
      },
      { id: 'url', header: t('directory.col.url'), accessorFn: (r) => r.official_url ?? '', cell: (c) => <CheckedLink url={c.row.original.official_url} ok={c.row.original.url_ok} status={c.row.original.url_status} checkedAt={c.row.original.url_checked_at} /> },
      {
        id: 'source',
        header: t('directory.col.source'),
        accessorFn: (r) => r.source_type ?? '',
        cell: (c) =>
          c.row.original.source_url ? (
            <a href={c.row.original.source_url} rel="noopener noreferrer external" target="_blank">
              {c.row.original.source_type ?? t('directory.col.source')}
            </a>
          ) : (
            <MissingValue />
          ),
      },
      { id: 'as_of', header: t('directory.col.asOf'), accessorFn: (r) => r.as_of ?? undefined, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : String(c.getValue())) },
      { id: 'trust', header: t('support.col.trust'), accessorFn: (r) => r.trust ?? '', cell: (c) => <Trust grade={c.row.original.trust} /> },
    ],
    [t, lang, economy],
  );
  const selected = selectedId ? entries.data?.rows.find((r) => r.id === selectedId) : undefined;

  const roles = coverage.data?.roles ?? [];
  const covColumns = useMemo<ColumnDef<CoverageRow, unknown>[]>(
    () => [
      { id: 'iso3', header: t('table.country'), accessorFn: (r) => countryName(String(r.iso3), lang), cell: (c) => <LangLink to={`/directory?economy=${c.row.original.iso3}`}>{String(c.getValue())}</LangLink> },
      { id: 'roles_covered', header: t('directory.col.covered'), accessorFn: (r) => r.roles_covered, meta: { numeric: true } },
      ...roles.map(
        (r): ColumnDef<CoverageRow, unknown> => ({
          id: r,
          header: t(`directory.roleShort.${r}`, { defaultValue: r }),
          accessorFn: (row) => row[r],
          meta: { numeric: true, srLabel: t(`directory.role.${r}`, { defaultValue: r }) },
          cell: (c) => (Number(c.getValue()) > 0 ? <span className="cell--present">{String(c.getValue())}</span> : <span className="cell--absent" title={t('directory.gap')}>0<span className="sr-only"> {t('directory.gap')}</span></span>),
        }),
      ),
    ],
    [t, lang, roles],
  );

  const downloadVcard = async () => {
    setVcardError(false);
    try {
      const res = await fetch(`/api/directory/vcard${economy ? `?economy=${encodeURIComponent(economy)}` : ''}`, { headers: { accept: 'application/json' } });
      const body = (await res.json()) as { ok: boolean; vcard: string; filename: string };
      if (!body.ok) throw new Error('vcard');
      saveText(body.vcard, body.filename, 'text/vcard');
    } catch {
      setVcardError(true);
    }
  };

  return (
    <div className="page" data-testid="page-directory">
      <h1>{t('directory.title')}</h1>
      <SupportSubnav current="directory" />
      <p className="lead">{t('directory.lead')}</p>
      {selectedId && entries.data && (
        <section className="card" aria-labelledby="dir-entry-h" data-testid="directory-entry">
          {selected ? (
            <>
              <div className="card__head">
                <h2 id="dir-entry-h">
                  <span lang="">{selected.name_local}</span>
                </h2>
                <button type="button" className="button--link" onClick={() => url.set({ entry: null }, { push: true })}>
                  {t('workflow.forms.close')}
                </button>
              </div>
              <dl className="facts" data-testid="directory-entry-facts">
                <dt>{t('workflow.forms.name_en')}</dt>
                <dd data-testid="entry-name-en">{selected.name_en ?? <MissingValue />}</dd>
                <dt>{t('table.country')}</dt>
                <dd>{countryName(selected.iso3, lang)}</dd>
                <dt>{t('directory.col.role')}</dt>
                <dd>{t(`directory.role.${selected.role}`, { defaultValue: selected.role })}</dd>
                <dt>{t('directory.col.url')}</dt>
                <dd>
                  <CheckedLink url={selected.official_url} ok={selected.url_ok} status={selected.url_status} checkedAt={selected.url_checked_at} />
                </dd>
                <dt>{t('directory.col.asOf')}</dt>
                <dd>{selected.as_of ?? <MissingValue />}</dd>
                <dt>{t('support.col.trust')}</dt>
                <dd>
                  <Trust grade={selected.trust} />
                </dd>
                <dt>{t('workflow.forms.note')}</dt>
                <dd>{selected.note ?? <MissingValue />}</dd>
              </dl>
              <EntryWorkflow entity="directory_entries" entityId={selected.id} economy={selected.iso3} doc={selected as unknown as Record<string, unknown>} fields={ENTRY_FORM} schema={ENTRY_SCHEMA} />
            </>
          ) : (
            <p id="dir-entry-h" data-testid="directory-entry-missing">
              {t('workflow.forms.noEntry')}
            </p>
          )}
        </section>
      )}
      <section className="card" aria-labelledby="dir-list-h" aria-busy={entries.isFetching}>
        <div className="card__head">
          <h2 id="dir-list-h">{economy ? t('directory.listTitleOne', { country: countryName(economy, lang) }) : t('directory.listTitle')}</h2>
          <div className="controls">
            <DownloadMenu request={req} filename={`puente-directory-${economy ?? 'all'}`} />
            <button type="button" className="button" onClick={downloadVcard} data-testid="directory-vcard">
              {t('directory.vcard')}
            </button>
          </div>
        </div>
        {vcardError && <p role="alert">{t('directory.vcardError')}</p>}
        <div className="controls support-filters">
          <EconomySelect options={members} value={economy} onChange={(v) => url.set({ economy: v }, { push: true })} label={t('support.economy')} testid="directory-economy" allowEmpty />
        </div>
        <p className="muted small">{t('directory.note')}</p>
        {entries.isPending && <Loading />}
        {entries.isError && <ErrorBox error={entries.error} onRetry={() => entries.refetch()} />}
        {entries.data && <DataTable data={entries.data.rows} columns={columns} caption={t('directory.listTitle')} captionHidden getRowId={(r) => r.id} testid="directory-table" />}
        <SourceLine sources={entries.data?.sources} />
      </section>
      <section className="card" aria-labelledby="dir-cov-h" aria-busy={coverage.isFetching}>
        <div className="card__head">
          <h2 id="dir-cov-h">{t('directory.coverageTitle')}</h2>
          <DownloadMenu request={coverageRequest()} filename="puente-directory-coverage" />
        </div>
        <p className="muted small">{t('directory.coverageNote')}</p>
        {coverage.isError && <ErrorBox error={coverage.error} onRetry={() => coverage.refetch()} />}
        {coverage.data && (
          <DataTable data={coverage.data.rows} columns={covColumns} caption={t('directory.coverageTitle')} captionHidden getRowId={(r) => String(r.iso3)} pageSize={0} testid="directory-coverage" />
        )}
      </section>
    </div>
  );
}

/** Names in the local language and English, with "to be verified" and any known change. */
export function EntryName({ e }: { e: Entry }) {
  const { t, i18n } = useTranslation();
  const change = i18n.language === 'es' ? (e.change_note_es ?? e.change_note) : e.change_note;
  return (
    <>
      <span lang="">{e.name_local}</span>
      {e.name_en && e.name_en !== e.name_local && <div className="muted small">{e.name_en}</div>}
      {e.to_verify && (
        <span className="badge badge--partial" data-testid="to-verify">
          {t('directory.toVerify')}
        </span>
      )}
      {e.change_kind && (
        <div className="change" data-testid="known-change">
          {t(`directory.change.${e.change_kind}`)}
          {e.change_year ? ` (${e.change_year})` : ''}: {change}
        </div>
      )}
    </>
  );
}
