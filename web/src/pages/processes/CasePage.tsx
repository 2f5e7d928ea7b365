import type { ColumnDef } from '@tanstack/react-table';
import { EntryWorkflow } from '../workflow/EntryWorkflow';
import { CASE_FORM, CASE_SCHEMA } from './case-fields';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { twinUrl } from '../../api';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { formatNumber, formatSigned } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { withLang } from '../../lib/url-state';
import { effectivePredecessors, flatSteps, removeStep } from '../../../../src/modules/processes/compute';
import { CaseLabel, CaseLabelNote, TokenField } from './CaseLabel';
import {
  bottlenecksRequest,
  caseRequest,
  documentsRequest,
  useBottlenecks,
  useCase,
  useCaseWrites,
  useDocuments,
  useEditorToken,
  type BenchmarkRow,
  type BottleneckRow,
  type BpaCase,
  type CaseEnvelope,
  type DeltaOut,
  type DocumentRow,
  type StepRow,
} from './processes-api';
import { Swimlanes } from './Swimlanes';
import { TimeChart } from './TimeChart';

export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useCase(id);
  useDocumentTitle(q.data ? `${q.data.case.title} (${t(`processes.label.${q.data.case.label}`)})` : t('processes.title'));
  return (
    <div className="page" data-testid="page-process-case">
      <p>
        <LangLink to="/processes">← {t('processes.back')}</LangLink>
      </p>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {q.data && <CaseView data={q.data} />}
    </div>
  );
}

function CaseView({ data }: { data: CaseEnvelope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const c = data.case;
  const a = data.analysis;
  const num = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? <MissingValue /> : formatNumber(v, lang, digits));
  const flat = useMemo(() => flatSteps(c), [c]);
  const preds = useMemo(() => effectivePredecessors(flat), [flat]);
  const byStep = new Map(data.rows.map((r) => [r.step_id, r]));
  const laneSteps = useMemo(
    () => flat.map((f) => ({ id: f.step.id, seq: f.seq, name: f.step.name, actors: f.step.actors, predecessors: preds.get(f.step.id)!, days: byStep.get(f.step.id)?.days ?? null, critical: byStep.get(f.step.id)?.critical ?? null })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flat, preds, data.rows],
  );
  const areas = new Map(flat.map((f) => [f.step.id, f.area]));
  const unknownTime = data.rows.filter((r) => r.days === null).length;
  const unknownCost = data.rows.filter((r) => r.cost_usd === null).length;

  return (
    <>
      <h1 data-testid="case-title">
        {c.title} <CaseLabel label={c.label} />
      </h1>
      <CaseLabelNote label={c.label} />
      <SyntheticBanner sources={data.sources} force={c.label === 'SYNTHETIC'} />
      <dl className="bpa-dl" data-testid="case-scope">
        <dt>{t('processes.scope.status')}</dt>
        <dd>
          {t(`processes.status.${c.status}`)}
          {c.baselineCaseId && (
            <>
              {' — '}
              {t('processes.scope.baseline')}: <LangLink to={`/processes/${encodeURIComponent(c.baselineCaseId)}`}>{c.baselineCaseId}</LangLink>
            </>
          )}
          {data.to_be.length > 0 && (
            <>
              {' — '}
              {t('processes.scope.toBe')}:{' '}
              {data.to_be.map((x, i) => (
                <span key={x}>
                  {i > 0 && ', '}
                  <LangLink to={`/processes/${encodeURIComponent(x)}`}>{x}</LangLink>
                </span>
              ))}
            </>
          )}
        </dd>
        <dt>{t('processes.scope.economies')}</dt>
        <dd>
          {c.exporter ?? <MissingValue />} → {c.importer ?? <MissingValue label={t('processes.scope.importerNotStated')} />}
        </dd>
        <dt>{t('processes.scope.channel')}</dt>
        <dd>{c.channelText ?? c.channel ?? <MissingValue />}</dd>
        {c.product && (
          <>
            <dt>{t('processes.scope.product')}</dt>
            <dd>{c.product}</dd>
          </>
        )}
        <dt>{t('processes.scope.asOf')}</dt>
        <dd>{c.asOf ?? c.asOfText ?? <MissingValue />}</dd>
        {c.completeness && (
          <>
            <dt>{t('processes.scope.completeness')}</dt>
            <dd>{c.completeness}</dd>
          </>
        )}
        <dt>{t('processes.scope.sources')}</dt>
        <dd>
          {c.sources.length ? (
            <ul>
              {c.sources.map((s, i) => (
                <li key={i}>{s.url ? <a href={s.url} rel="noopener noreferrer" target="_blank">{s.title ?? s.url}</a> : s.title}</li>
              ))}
            </ul>
          ) : (
            <MissingValue />
          )}
        </dd>
      </dl>

      <section className="bpa-section" aria-labelledby="bpa-totals">
        <h2 id="bpa-totals">{t('processes.totals.title')}</h2>
        <div className="bpa-totals" data-testid="case-totals">
          <Total label={t('processes.totals.elapsed')} value={num(a.elapsed_days)} testid="total-elapsed" />
          <Total label={t('processes.totals.sum')} value={num(a.sum_days)} testid="total-sum" />
          <Total label={t('processes.totals.cost')} value={num(a.cost_usd, 2)} testid="total-cost" />
          <Total label={t('processes.totals.oneTime')} value={num(a.one_time_cost_usd, 2)} testid="total-one-time" />
          <Total label={t('processes.totals.steps')} value={String(a.counts.steps)} testid="total-steps" />
          <Total label={t('processes.totals.actors')} value={String(a.counts.actors)} testid="total-actors" />
          <Total label={t('processes.totals.documents')} value={String(a.counts.documents)} testid="total-documents" />
        </div>
        {a.best_elapsed_days !== null && a.worst_elapsed_days !== null && (
          <p>{t('processes.totals.range', { best: formatNumber(a.best_elapsed_days, lang, 1), worst: formatNumber(a.worst_elapsed_days, lang, 1) })}</p>
        )}
        {a.critical_path.length > 0 && <p data-testid="critical-path">{t('processes.totals.criticalPath', { path: a.critical_path.join(' → ') })}</p>}
        {a.incomplete.length > 0 && (
          <div className="bpa-missing" data-testid="case-missing">
            <h3>{t('processes.missing.title')}</h3>
            <p>{t('processes.missing.counts', { time: unknownTime, cost: unknownCost, steps: data.rows.length })}</p>
            <ul>
              {a.incomplete.map((i) => (
                <li key={i.total}>
                  <strong>{t(`processes.missing.total.${i.total}`)}</strong>: {i.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        {a.rates.length > 0 && (
          <p data-testid="case-rates">
            {t('processes.totals.rates')}{' '}
            {a.rates.map((r) => (r.lcu_per_usd !== null ? `${r.currency} ${formatNumber(r.lcu_per_usd, lang, 4)}/US$${r.rate_year ? ` (${r.rate_year})` : ''}` : `${r.currency}: ${r.missing}`)).join('; ')}
          </p>
        )}
      </section>

      {data.baseline && <Deltas baseline={data.baseline} />}

      <section className="bpa-section" aria-labelledby="bpa-swim">
        <h2 id="bpa-swim">{t('processes.diagram.title')}</h2>
        <Swimlanes steps={laneSteps} areas={areas} caseId={c.id} label={c.label} title={c.title} sources={data.sources} />
      </section>

      <section className="bpa-section" aria-labelledby="bpa-time">
        <h2 id="bpa-time">{t('processes.chart.title')}</h2>
        <TimeChart rows={data.rows} label={c.label} share={{ meta: { title: `${t('processes.chart.title')} (${t(`processes.label.${c.label}`)})`, subtitle: c.title, sources: data.sources } }} />
      </section>

      <Steps data={data} />
      <Breakdowns data={data} />
      <Documents id={c.id} label={c.label} />
      <Bottlenecks id={c.id} />
      <Benchmark rows={data.benchmark} economy={c.exporter} />
      <SourceLine sources={data.sources} />
      {c.exporter ? (
        <EntryWorkflow entity="bpa_cases" entityId={c.id} economy={c.exporter} doc={c as unknown as Record<string, unknown>} fields={CASE_FORM} schema={CASE_SCHEMA} />
      ) : null}
      <Editor c={c} />
    </>
  );
}

function Total({ label, value, testid }: { label: string; value: React.ReactNode; testid: string }) {
  return (
    <div className="bpa-total" data-testid={testid}>
      <div className="bpa-total__label">{label}</div>
      <div className="bpa-total__value">{value}</div>
    </div>
  );
}

/** Counts are whole; days and dollars get two decimals. */
const digitsOf = (metric: string) => (['elapsed_days', 'sum_days', 'cost_usd'].includes(metric) ? 2 : 0);

function Deltas({ baseline }: { baseline: NonNullable<CaseEnvelope['baseline']> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns = useMemo<ColumnDef<DeltaOut, unknown>[]>(
    () => [
      { id: 'metric', header: t('processes.deltas.metric'), accessorFn: (d) => t(`processes.deltas.m.${d.metric}`) },
      { id: 'as_is', header: t('processes.deltas.asIs'), accessorFn: (d) => d.as_is ?? undefined, meta: { numeric: true }, cell: (c) => (c.row.original.as_is === null ? <MissingValue /> : formatNumber(c.row.original.as_is, lang, digitsOf(c.row.original.metric))) },
      { id: 'to_be', header: t('processes.deltas.toBe'), accessorFn: (d) => d.to_be ?? undefined, meta: { numeric: true }, cell: (c) => (c.row.original.to_be === null ? <MissingValue /> : formatNumber(c.row.original.to_be, lang, digitsOf(c.row.original.metric))) },
      {
        id: 'delta',
        header: t('processes.deltas.delta'),
        accessorFn: (d) => d.delta ?? undefined,
        meta: { numeric: true },
        cell: (c) => {
          const d = c.row.original.delta;
          if (d === null) return <MissingValue />;
          return <span className={d < 0 ? 'bpa-delta--down' : d > 0 ? 'bpa-delta--up' : ''} data-testid={`delta-${c.row.original.metric}`}>{formatSigned(d, lang, digitsOf(c.row.original.metric))}</span>;
        },
      },
    ],
    [t, lang],
  );
  return (
    <section className="bpa-section" aria-labelledby="bpa-deltas" data-testid="case-deltas">
      <h2 id="bpa-deltas">{t('processes.deltas.title')}</h2>
      {baseline.found ? (
        <>
          <p>
            {t('processes.deltas.lead')} <LangLink to={`/processes/${encodeURIComponent(baseline.id)}`}>{baseline.title ?? baseline.id}</LangLink>
          </p>
          <DataTable data={baseline.deltas} columns={columns} caption={t('processes.deltas.title')} captionHidden getRowId={(d) => d.metric} pageSize={0} testid="delta-table" />
          {baseline.removed_steps.length > 0 && <p data-testid="removed-steps">{t('processes.deltas.removed', { steps: baseline.removed_steps.join(', ') })}</p>}
          {baseline.added_steps.length > 0 && <p>{t('processes.deltas.added', { steps: baseline.added_steps.join(', ') })}</p>}
        </>
      ) : (
        <p className="bpa-missing">{t('processes.deltas.baselineMissing', { id: baseline.id })}</p>
      )}
    </section>
  );
}

function Steps({ data }: { data: CaseEnvelope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [token] = useEditorToken();
  const writes = useCaseWrites(token);
  const [status, setStatus] = useState<string | null>(null);
  const columns = useMemo<ColumnDef<StepRow, unknown>[]>(
    () => [
      { id: 'seq', header: '#', accessorKey: 'seq', meta: { numeric: true } },
      { id: 'step', header: t('processes.steps.step'), accessorKey: 'step', meta: { className: 'wide' } },
      { id: 'area', header: t('processes.steps.area'), accessorFn: (r) => r.area ?? undefined, cell: (c) => (c.row.original.area ? t(`processes.area.${c.row.original.area}`) : <MissingValue label={t('processes.steps.notStated')} />) },
      { id: 'actors', header: t('processes.steps.actors'), accessorKey: 'actors', cell: (c) => (c.row.original.actors ? c.row.original.actors : <MissingValue label={t('processes.steps.notStated')} />) },
      { id: 'days', header: t('processes.steps.days'), accessorFn: (r) => r.days ?? undefined, meta: { numeric: true }, cell: (c) => (c.row.original.days === null ? <span>{c.row.original.time_text ? `“${c.row.original.time_text}”` : <MissingValue />}</span> : formatNumber(c.row.original.days, lang, 2)) },
      { id: 'cost', header: t('processes.steps.cost'), accessorFn: (r) => r.cost_usd ?? undefined, meta: { numeric: true }, cell: (c) => (c.row.original.cost_usd === null ? <span>{c.row.original.cost_text ? `“${c.row.original.cost_text}”` : <MissingValue />}</span> : formatNumber(c.row.original.cost_usd, lang, 2)) },
      { id: 'one_time', header: t('processes.steps.oneTime'), accessorFn: (r) => (r.one_time === null ? undefined : r.one_time ? 1 : 0), cell: (c) => (c.row.original.one_time === null ? <MissingValue /> : c.row.original.one_time ? t('processes.yes') : t('processes.no')) },
      { id: 'slack', header: t('processes.steps.slack'), accessorFn: (r) => r.slack ?? undefined, meta: { numeric: true }, cell: (c) => (c.row.original.slack === null ? <MissingValue /> : formatNumber(c.row.original.slack, lang, 2)) },
      {
        id: 'remove',
        header: t('processes.steps.edit'),
        enableSorting: false,
        cell: (c) => (
          <button
            type="button"
            className="button button--small"
            disabled={!token}
            data-testid={`remove-step-${c.row.original.step_id}`}
            aria-label={t('processes.steps.removeLabel', { step: `${c.row.original.seq}. ${c.row.original.step}` })}
            onClick={() => {
              writes
                .replace(removeStep(data.case, c.row.original.step_id) as BpaCase)
                .then(() => setStatus(t('processes.editor.saved')))
                .catch((e: Error) => setStatus(e.message));
            }}
          >
            {t('processes.steps.remove')}
          </button>
        ),
      },
    ],
    [t, lang, token, data.case, writes],
  );
  return (
    <section className="bpa-section" aria-labelledby="bpa-steps">
      <h2 id="bpa-steps">{t('processes.steps.title')}</h2>
      <div className="controls">
        <DownloadMenu request={caseRequest(data.case.id)} filename={`puente-bpa-${data.case.id}`} label={t('processes.steps.download')} />
      </div>
      {!token && <p>{t('processes.steps.tokenHint')}</p>}
      <DataTable data={data.rows} columns={columns} caption={t('processes.steps.caption', { count: data.rows.length })} getRowId={(r) => r.step_id} pageSize={0} testid="step-table" />
      {status && <p className="bpa-status" role="status" data-testid="steps-status">{status}</p>}
    </section>
  );
}

function Breakdowns({ data }: { data: CaseEnvelope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pct = (v: number | null) => (v === null ? <MissingValue /> : `${formatNumber(v * 100, lang, 1)} %`);
  type B = CaseEnvelope['analysis']['by_area'][number];
  const columns = (kind: 'area' | 'actor'): ColumnDef<B, unknown>[] => [
    { id: 'key', header: t(`processes.breakdown.${kind}`), accessorFn: (b) => (b.key === null ? t('processes.steps.notStated') : kind === 'area' ? t(`processes.area.${b.key}`) : b.key) },
    { id: 'steps', header: t('processes.breakdown.steps'), accessorKey: 'steps', meta: { numeric: true } },
    { id: 'time_share', header: t('processes.breakdown.timeShare'), accessorFn: (b) => b.time_share ?? undefined, meta: { numeric: true }, cell: (c) => pct(c.row.original.time_share) },
    { id: 'elapsed_share', header: t('processes.breakdown.elapsedShare'), accessorFn: (b) => b.elapsed_share ?? undefined, meta: { numeric: true }, cell: (c) => pct(c.row.original.elapsed_share) },
    { id: 'cost_share', header: t('processes.breakdown.costShare'), accessorFn: (b) => b.cost_share ?? undefined, meta: { numeric: true }, cell: (c) => pct(c.row.original.cost_share) },
  ];
  return (
    <section className="bpa-section" aria-labelledby="bpa-breakdown">
      <h2 id="bpa-breakdown">{t('processes.breakdown.title')}</h2>
      <DataTable data={data.analysis.by_area} columns={columns('area')} caption={t('processes.breakdown.byArea')} getRowId={(b) => `area-${b.key}`} pageSize={0} testid="by-area" />
      <DataTable data={data.analysis.by_actor} columns={columns('actor')} caption={t('processes.breakdown.byActor')} getRowId={(b) => `actor-${b.key}`} pageSize={0} testid="by-actor" />
    </section>
  );
}

function Documents({ id, label }: { id: string; label: string }) {
  const { t } = useTranslation();
  const q = useDocuments(id);
  const columns = useMemo<ColumnDef<DocumentRow, unknown>[]>(
    () => [
      { id: 'document', header: t('processes.docs.document'), accessorKey: 'document' },
      { id: 'used_in', header: t('processes.docs.usedIn'), accessorKey: 'used_in' },
      { id: 'produced_in', header: t('processes.docs.producedIn'), accessorKey: 'produced_in' },
      { id: 'mentioned_in', header: t('processes.docs.mentionedIn'), accessorKey: 'mentioned_in' },
      { id: 'steps', header: t('processes.docs.steps'), accessorKey: 'steps', meta: { numeric: true } },
    ],
    [t],
  );
  return (
    <section className="bpa-section" aria-labelledby="bpa-docs">
      <h2 id="bpa-docs">{t('processes.docs.title')}</h2>
      <div className="controls">
        <DownloadMenu request={documentsRequest(id)} filename={`puente-bpa-${id}-documents`} />
      </div>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} />}
      {q.data &&
        (q.data.rows.length ? (
          <DataTable data={q.data.rows} columns={columns} caption={`${t('processes.docs.caption', { count: q.data.rows.length })} (${t(`processes.label.${label}`)})`} getRowId={(r) => r.document} pageSize={0} testid="document-table" />
        ) : (
          <p className="bpa-missing">{t('processes.docs.none')}</p>
        ))}
    </section>
  );
}

function Bottlenecks({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const q = useBottlenecks(id);
  const columns = useMemo<ColumnDef<BottleneckRow, unknown>[]>(
    () => [
      { id: 'rank', header: '#', accessorKey: 'rank', meta: { numeric: true } },
      { id: 'kind', header: t('processes.bottlenecks.kind'), accessorFn: (b) => t(`processes.bottlenecks.k.${b.kind}`) },
      { id: 'step_ids', header: t('processes.bottlenecks.steps'), accessorKey: 'step_ids' },
      { id: 'reason', header: t('processes.bottlenecks.reason'), accessorKey: 'reason', meta: { className: 'wide' } },
      { id: 'tf_measures', header: t('processes.bottlenecks.measures'), accessorKey: 'tf_measures', cell: (c) => <small>{String(c.getValue()).split('; ').join(' · ')}</small> },
    ],
    [t],
  );
  return (
    <section className="bpa-section" aria-labelledby="bpa-bottlenecks">
      <h2 id="bpa-bottlenecks">{t('processes.bottlenecks.title')}</h2>
      <p>{t('processes.bottlenecks.lead')}</p>
      <div className="controls">
        <DownloadMenu request={bottlenecksRequest(id)} filename={`puente-bpa-${id}-bottlenecks`} />
      </div>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} />}
      {q.data && <DataTable data={q.data.rows} columns={columns} caption={t('processes.bottlenecks.caption', { count: q.data.rows.length })} getRowId={(r) => String(r.rank)} pageSize={0} testid="bottleneck-table" />}
      <span hidden>{i18n.language}</span>
    </section>
  );
}

function Benchmark({ rows, economy }: { rows: BenchmarkRow[]; economy: string | null }) {
  const { t, i18n } = useTranslation();
  // The export side only: the case is an export.
  const exports = rows.filter((r) => /export/i.test(r.series));
  const latest = exports.filter((r) => r.year === Math.max(...exports.map((x) => x.year)));
  return (
    <section className="bpa-section" aria-labelledby="bpa-db" data-testid="case-benchmark">
      <h2 id="bpa-db">{t('processes.benchmark.title')}</h2>
      <p>{t('processes.benchmark.lead')}</p>
      {latest.length ? (
        <table className="data-table">
          <caption>{t('processes.benchmark.caption', { economy, year: latest[0].year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('processes.benchmark.series')}</th>
              <th scope="col">{t('processes.benchmark.value')}</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((r) => (
              <tr key={r.series_code}>
                <td>{r.series}</td>
                <td className="num">{r.value === null ? <MissingValue /> : `${formatNumber(r.value, i18n.language, 1)} ${r.unit === 'hours' ? t('processes.benchmark.hours') : t('processes.benchmark.score')}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="bpa-missing">{t('processes.benchmark.none')}</p>
      )}
    </section>
  );
}

function Editor({ c }: { c: BpaCase }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token, setToken] = useEditorToken();
  const writes = useCaseWrites(token);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { token: useId(), copy: useId(), csv: useId(), proc: useId(), name: useId(), actors: useId(), docsIn: useId(), docsOut: useId(), days: useId(), unit: useId(), cost: useId(), currency: useId(), preds: useId(), source: useId(), area: useId() };
  const [copyId, setCopyId] = useState(`${c.id}-to-be`.slice(0, 80));
  const blank = { proc: c.procedures[0]?.id ?? '__new', name: '', actors: '', docsIn: '', docsOut: '', days: '', unit: 'DAY', cost: '', currency: 'USD', preds: '', source: '', area: '' };
  const [step, setStep] = useState(blank);
  const ok = (text: string) => setStatus({ ok: true, text });
  const fail = (e: unknown) => setStatus({ ok: false, text: (e as Error).message });
  const list = (s: string) => s.split(';').map((x) => x.trim()).filter(Boolean);
  const jsonHref = useMemo(() => `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(c, null, 2))}`, [c]);

  const addStep = () => {
    const doc = structuredClone(c);
    const all = doc.procedures.flatMap((p) => p.steps.map((s) => s.id));
    let n = all.length + 1;
    while (all.includes(`s${n}`)) n++;
    let proc = doc.procedures.find((p) => p.id === step.proc);
    if (!proc) {
      let k = doc.procedures.length + 1;
      while (doc.procedures.some((p) => p.id === `p${k}`)) k++;
      proc = { id: `p${k}`, name: step.name, area: (step.area || null) as BpaCase['procedures'][number]['area'], subArea: null, steps: [] };
      doc.procedures.push(proc);
    }
    proc.steps.push({
      id: `s${n}`,
      name: step.name,
      actors: list(step.actors),
      documents: [...list(step.docsIn).map((name) => ({ name, direction: 'IN' as const, paper: null })), ...list(step.docsOut).map((name) => ({ name, direction: 'OUT' as const, paper: null }))],
      time: { min: null, avg: step.days === '' ? null : Number(step.days), max: null, unit: step.unit as 'DAY' | 'HOUR', text: null },
      cost: step.cost === '' ? null : { amount: Number(step.cost), currency: step.currency.toUpperCase() || null, text: null },
      oneTime: null,
      predecessors: step.preds.trim() === '' ? null : step.preds.trim().toLowerCase() === 'none' ? [] : list(step.preds),
      physicalVisit: null,
      source: step.source || null,
      notes: null,
    });
    return writes.replace(doc);
  };

  return (
    <section className="bpa-section" aria-labelledby="bpa-editor" data-testid="case-editor">
      <h2 id="bpa-editor">{t('processes.editor.title')}</h2>
      <p>{t('processes.editor.tokenHelp')}</p>
      <div className="bpa-actions">
        <TokenField token={token} onChange={setToken} id={ids.token} />
      </div>
      <CaseDetails c={c} token={token} onSave={(doc) => writes.replace(doc).then(() => ok(t('processes.editor.saved'))).catch(fail)} />
      <h3>{t('processes.editor.copyTitle')}</h3>
      <form
        className="bpa-actions"
        onSubmit={(e) => {
          e.preventDefault();
          writes
            .copy(c.id, copyId.trim())
            .then((r) => navigate(withLang(`/processes/${encodeURIComponent(r.case.id)}`, window.location.search)))
            .catch(fail);
        }}
      >
        <div className="field">
          <label htmlFor={ids.copy} className="field-label">{t('processes.editor.newId')}</label>
          <input id={ids.copy} required pattern="[A-Za-z0-9_.\-]{1,80}" value={copyId} onChange={(e) => setCopyId(e.target.value)} data-testid="copy-id" />
        </div>
        <button type="submit" className="button" disabled={!token} data-testid="copy-to-be">{t('processes.editor.copy')}</button>
      </form>

      <h3>{t('processes.editor.addTitle')}</h3>
      <form
        className="bpa-form"
        onSubmit={(e) => {
          e.preventDefault();
          addStep()
            .then(() => {
              setStep(blank);
              ok(t('processes.editor.saved'));
            })
            .catch(fail);
        }}
      >
        <div className="field">
          <label htmlFor={ids.proc} className="field-label">{t('processes.editor.procedure')}</label>
          <select id={ids.proc} value={step.proc} onChange={(e) => setStep({ ...step, proc: e.target.value })}>
            {c.procedures.map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
            <option value="__new">{t('processes.editor.newProcedure')}</option>
          </select>
        </div>
        {step.proc === '__new' && (
          <div className="field">
            <label htmlFor={ids.area} className="field-label">{t('processes.steps.area')}</label>
            <select id={ids.area} value={step.area} onChange={(e) => setStep({ ...step, area: e.target.value })}>
              <option value="">{t('processes.steps.notStated')}</option>
              {['BUY', 'SHIP', 'PAY'].map((x) => (
                <option key={x} value={x}>{t(`processes.area.${x}`)}</option>
              ))}
            </select>
          </div>
        )}
        <Field id={ids.name} label={t('processes.steps.step')} value={step.name} onChange={(v) => setStep({ ...step, name: v })} required testid="add-step-name" />
        <Field id={ids.actors} label={t('processes.editor.actors')} value={step.actors} onChange={(v) => setStep({ ...step, actors: v })} />
        <Field id={ids.docsIn} label={t('processes.editor.docsIn')} value={step.docsIn} onChange={(v) => setStep({ ...step, docsIn: v })} />
        <Field id={ids.docsOut} label={t('processes.editor.docsOut')} value={step.docsOut} onChange={(v) => setStep({ ...step, docsOut: v })} />
        <Field id={ids.days} label={t('processes.editor.time')} value={step.days} onChange={(v) => setStep({ ...step, days: v })} type="number" />
        <div className="field">
          <label htmlFor={ids.unit} className="field-label">{t('processes.editor.unit')}</label>
          <select id={ids.unit} value={step.unit} onChange={(e) => setStep({ ...step, unit: e.target.value })}>
            <option value="DAY">{t('processes.editor.unitDay')}</option>
            <option value="HOUR">{t('processes.editor.unitHour')}</option>
          </select>
        </div>
        <Field id={ids.cost} label={t('processes.editor.cost')} value={step.cost} onChange={(v) => setStep({ ...step, cost: v })} type="number" />
        <Field id={ids.currency} label={t('processes.editor.currency')} value={step.currency} onChange={(v) => setStep({ ...step, currency: v })} />
        <Field id={ids.preds} label={t('processes.editor.predecessors')} value={step.preds} onChange={(v) => setStep({ ...step, preds: v })} />
        <Field id={ids.source} label={t('processes.editor.source')} value={step.source} onChange={(v) => setStep({ ...step, source: v })} />
        <div className="field">
          <button type="submit" className="button" disabled={!token} data-testid="add-step">{t('processes.editor.add')}</button>
        </div>
      </form>

      <h3>{t('processes.editor.importExport')}</h3>
      <div className="bpa-actions">
        <a className="button button--small" href={jsonHref} download={`puente-bpa-${c.id}.json`} data-testid="export-json">{t('processes.editor.exportJson')}</a>
        <a className="button button--small" href={twinUrl(caseRequest(c.id), 'csv')} download={`puente-bpa-${c.id}.csv`} data-testid="export-csv">{t('processes.editor.exportCsv')}</a>
        <div className="field">
          <label htmlFor={ids.csv} className="field-label">{t('processes.editor.importCsv')}</label>
          <input
            id={ids.csv}
            type="file"
            accept=".csv,text/csv"
            disabled={!token}
            data-testid="import-csv"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              try {
                await writes.importCsv(c.id, await file.text());
                ok(t('processes.editor.saved'));
              } catch (err) {
                fail(err);
              }
            }}
          />
        </div>
        <button
          type="button"
          className="button button--small"
          disabled={!token}
          data-testid="delete-case"
          onClick={() => {
            if (!window.confirm(t('processes.editor.deleteConfirm', { id: c.id }))) return;
            writes
              .remove(c.id)
              .then(() => navigate(withLang('/processes', window.location.search)))
              .catch(fail);
          }}
        >
          {t('processes.editor.delete')}
        </button>
      </div>
      {status && (
        <p className={`bpa-status ${status.ok ? '' : 'bpa-status--error'}`} role={status.ok ? 'status' : 'alert'} data-testid="editor-status">
          {status.text}
        </p>
      )}
    </section>
  );
}

function Field({ id, label, value, onChange, type = 'text', required = false, testid }: { id: string; label: string; value: string; onChange: (v: string) => void; type?: string; required?: boolean; testid?: string }) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">{label}</label>
      <input id={id} type={type} min={type === 'number' ? 0 : undefined} step={type === 'number' ? 'any' : undefined} required={required} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testid} />
    </div>
  );
}

/** The case's scope and sources, edited as a whole and saved with the rest of the document. */
function CaseDetails({ c, token, onSave }: { c: BpaCase; token: string; onSave: (doc: BpaCase) => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), exporter: useId(), importer: useId(), product: useId(), asOf: useId(), label: useId(), sourceUrl: useId(), sourceTitle: useId() };
  const [form, setForm] = useState({ title: c.title, exporter: c.exporter ?? '', importer: c.importer ?? '', product: c.product ?? '', asOf: c.asOf ?? '', label: c.label, sourceUrl: '', sourceTitle: '' });
  return (
    <>
      <h3>{t('processes.editor.detailsTitle')}</h3>
      <form
        className="bpa-form"
        onSubmit={(e) => {
          e.preventDefault();
          const sources = form.sourceUrl.trim() || form.sourceTitle.trim() ? [...c.sources, { url: form.sourceUrl.trim() || null, title: form.sourceTitle.trim() || null }] : c.sources;
          onSave({
            ...c,
            title: form.title.trim(),
            exporter: form.exporter.trim().toUpperCase() || null,
            importer: form.importer.trim().toUpperCase() || null,
            product: form.product.trim() || null,
            asOf: form.asOf.trim() || null,
            label: form.label,
            sources,
          });
          setForm({ ...form, sourceUrl: '', sourceTitle: '' });
        }}
      >
        <Field id={ids.title} label={t('processes.editor.caseTitle')} value={form.title} onChange={(v) => setForm({ ...form, title: v })} required />
        <Field id={ids.exporter} label={t('processes.editor.exporter')} value={form.exporter} onChange={(v) => setForm({ ...form, exporter: v })} />
        <Field id={ids.importer} label={t('processes.editor.importer')} value={form.importer} onChange={(v) => setForm({ ...form, importer: v })} />
        <Field id={ids.product} label={t('processes.scope.product')} value={form.product} onChange={(v) => setForm({ ...form, product: v })} />
        <Field id={ids.asOf} label={t('processes.editor.asOf')} value={form.asOf} onChange={(v) => setForm({ ...form, asOf: v })} />
        <div className="field">
          <label htmlFor={ids.label} className="field-label">{t('processes.col.label')}</label>
          <select id={ids.label} value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value as BpaCase['label'] })}>
            {(['PARTIAL', 'COMPLETE', 'SYNTHETIC'] as const).map((l) => (
              <option key={l} value={l}>{t(`processes.label.${l}`)}</option>
            ))}
          </select>
        </div>
        <Field id={ids.sourceUrl} label={t('processes.editor.sourceUrl')} value={form.sourceUrl} onChange={(v) => setForm({ ...form, sourceUrl: v })} testid="add-source-url" />
        <Field id={ids.sourceTitle} label={t('processes.editor.sourceTitle')} value={form.sourceTitle} onChange={(v) => setForm({ ...form, sourceTitle: v })} />
        <div className="field">
          <button type="submit" className="button" disabled={!token} data-testid="save-details">{t('processes.editor.saveDetails')}</button>
        </div>
      </form>
    </>
  );
}
