import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { withLang } from '../../lib/url-state';
import { CaseLabel, TokenField } from './CaseLabel';
import { casesRequest, useCases, useCaseWrites, useEditorToken, type CaseRow } from './processes-api';

export default function ProcessesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('processes.title'));
  const cases = useCases();
  const rows = cases.data?.rows ?? [];

  const num = (v: number | null, digits = 1) => (v === null ? <MissingValue /> : formatNumber(v, lang, digits));
  const columns = useMemo<ColumnDef<CaseRow, unknown>[]>(
    () => [
      {
        id: 'title',
        header: t('processes.col.case'),
        accessorKey: 'title',
        cell: (c) => (
          <LangLink to={`/processes/${encodeURIComponent(c.row.original.id)}`} data-testid={`case-link-${c.row.original.id}`}>
            {String(c.getValue())}
          </LangLink>
        ),
      },
      { id: 'label', header: t('processes.col.label'), accessorKey: 'label', cell: (c) => <CaseLabel label={String(c.getValue())} /> },
      { id: 'status', header: t('processes.col.status'), accessorKey: 'status', cell: (c) => t(`processes.status.${String(c.getValue())}`) },
      { id: 'exporter', header: t('processes.col.exporter'), accessorFn: (r) => r.exporter ?? undefined, cell: (c) => (c.getValue() as string) ?? <MissingValue /> },
      { id: 'steps', header: t('processes.col.steps'), accessorKey: 'steps', meta: { numeric: true } },
      { id: 'elapsed_days', header: t('processes.col.elapsed'), accessorFn: (r) => r.elapsed_days ?? undefined, meta: { numeric: true }, cell: (c) => num(c.row.original.elapsed_days) },
      { id: 'sum_days', header: t('processes.col.sum'), accessorFn: (r) => r.sum_days ?? undefined, meta: { numeric: true }, cell: (c) => num(c.row.original.sum_days) },
      { id: 'cost_usd', header: t('processes.col.cost'), accessorFn: (r) => r.cost_usd ?? undefined, meta: { numeric: true }, cell: (c) => num(c.row.original.cost_usd, 2) },
    ],
    [t, lang],
  );

  return (
    <div className="page" data-testid="page-processes">
      <h1>{t('processes.title')}</h1>
      <p className="lead">{t('processes.lead')}</p>
      <p>{t('processes.labelsExplained')}</p>
      <SyntheticBanner sources={cases.data?.sources} />
      <div className="controls">
        <DownloadMenu request={casesRequest()} filename="puente-bpa-cases" />
      </div>
      {cases.isPending && <Loading />}
      {cases.isError && <ErrorBox error={cases.error} onRetry={() => cases.refetch()} />}
      {cases.data && (
        <>
          <DataTable data={rows} columns={columns} caption={t('processes.caption', { count: rows.length })} getRowId={(r) => r.id} pageSize={0} testid="case-table" />
          <SourceLine sources={cases.data.sources} />
        </>
      )}
      <NewCase />
    </div>
  );
}

function NewCase() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token, setToken] = useEditorToken();
  const writes = useCaseWrites(token);
  const ids = { token: useId(), id: useId(), title: useId(), exporter: useId(), importJson: useId() };
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [exporter, setExporter] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const done = (newId: string) => navigate(withLang(`/processes/${encodeURIComponent(newId)}`, window.location.search));
  const fail = (e: unknown) => setStatus({ ok: false, text: (e as Error).message });

  return (
    <section className="bpa-section" aria-labelledby="bpa-new">
      <h2 id="bpa-new">{t('processes.editor.newTitle')}</h2>
      <p>{t('processes.editor.tokenHelp')}</p>
      <form
        className="bpa-form"
        onSubmit={(e) => {
          e.preventDefault();
          writes
            .create({ id: id.trim(), title: title.trim(), exporter: exporter.trim().toUpperCase() || null, label: 'PARTIAL' })
            .then((r) => done(r.case.id))
            .catch(fail);
        }}
      >
        <TokenField token={token} onChange={setToken} id={ids.token} />
        <div className="field">
          <label htmlFor={ids.id} className="field-label">{t('processes.editor.caseId')}</label>
          <input id={ids.id} required pattern="[A-Za-z0-9_.\-]{1,80}" value={id} onChange={(e) => setId(e.target.value)} data-testid="new-case-id" />
        </div>
        <div className="field">
          <label htmlFor={ids.title} className="field-label">{t('processes.editor.caseTitle')}</label>
          <input id={ids.title} required value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-case-title" />
        </div>
        <div className="field">
          <label htmlFor={ids.exporter} className="field-label">{t('processes.editor.exporter')}</label>
          <input id={ids.exporter} maxLength={3} value={exporter} onChange={(e) => setExporter(e.target.value)} data-testid="new-case-exporter" />
        </div>
        <div className="field">
          <button type="submit" className="button" data-testid="new-case-submit">{t('processes.editor.create')}</button>
        </div>
      </form>
      <div className="bpa-actions">
        <div className="field">
          <label htmlFor={ids.importJson} className="field-label">{t('processes.editor.importJson')}</label>
          <input
            id={ids.importJson}
            type="file"
            accept=".json,application/json"
            data-testid="import-json"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              try {
                const doc = JSON.parse(await file.text());
                const r = await writes.create(doc);
                done(r.case.id);
              } catch (err) {
                fail(err);
              }
            }}
          />
        </div>
      </div>
      {status && (
        <p className={`bpa-status ${status.ok ? '' : 'bpa-status--error'}`} role={status.ok ? 'status' : 'alert'} data-testid="editor-status">
          {status.text}
        </p>
      )}
    </section>
  );
}
