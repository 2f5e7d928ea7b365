import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readinessRequest, useCountries, useReadiness, type ReadinessRow } from '../../api';
import { barState } from '../../charts/bar-state';
import { BAR_COLOR, GROUP_HIGHLIGHT, MEDIAN_COLOR } from '../../charts/palette';
import { BarChart } from '../../components/BarChart';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { Tabs } from '../../components/Tabs';
import { countryName } from '../../lib/country-names';
import { formatNumber, formatSigned, formatValue } from '../../lib/format';
import { indicatorLabel, indicatorShortLabel } from '../../lib/labels';
import { formatWeights, parseIsoList, parseYear } from '../../lib/query-string';
import { embedPath } from '../../lib/embed';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { readinessSubtitle } from '../embed/subtitles';
import { componentCell, currentWeights, formatLog, orderRows, parseReason, setWeight } from './readiness-view';

const YEARS = Array.from({ length: 2026 - 2015 + 1 }, (_, i) => 2015 + i);
const WINDOWS = [1, 2, 3, 4, 5, 6, 7, 8, 10];
type View = 'chart' | 'table';

function WeightControl({
  code,
  label,
  weight,
  log,
  onChange,
  onLog,
}: {
  code: string;
  label: string;
  weight: number;
  log: boolean;
  onChange: (w: number) => void;
  onLog: (on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [text, setText] = useState(String(weight));
  useEffect(() => {
    // Follow the URL (back/forward, reset) unless the field already says the same number.
    setText((old) => (Number(old) === weight ? old : String(weight)));
  }, [weight]);
  return (
    <div className="weight" data-testid={`weight-${code}`}>
      <label htmlFor={`${id}-n`} className="weight__label">
        {label}
      </label>
      <div className="weight__inputs">
        <input
          type="range"
          min={0}
          max={5}
          step={0.5}
          value={Math.min(5, weight)}
          aria-label={t('readiness.weightFor', { name: label })}
          aria-valuetext={formatNumber(weight, i18n.language, 1)}
          onChange={(e) => onChange(Number(e.target.value))}
          data-testid={`weight-range-${code}`}
        />
        <input
          id={`${id}-n`}
          type="number"
          inputMode="decimal"
          min={0}
          max={10}
          step={0.5}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const n = Number(e.target.value);
            if (e.target.value !== '' && Number.isFinite(n) && n >= 0) onChange(n);
          }}
          data-testid={`weight-input-${code}`}
        />
      </div>
      <label className="check check--small">
        <input type="checkbox" checked={log} onChange={(e) => onLog(e.target.checked)} data-testid={`log-${code}`} /> {t('readiness.logScale')}
      </label>
    </div>
  );
}

export default function ReadinessPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const yearId = useId();
  const windowId = useId();
  const missId = useId();
  useDocumentTitle(t('readiness.title'));

  const weightsParam = url.get('weights');
  const logParam = url.get('log');
  const year = parseYear(url.get('year'));
  const windowParam = url.get('window');
  const windowYears = windowParam && /^\d+$/.test(windowParam) ? Number(windowParam) : null;
  const peers = parseIsoList(url.get('peer'));
  const maxMissingParam = url.get('maxMissing');
  const maxMissing = maxMissingParam && /^\d+$/.test(maxMissingParam) ? Number(maxMissingParam) : null;
  const view: View = url.get('view') === 'table' ? 'table' : 'chart';
  // Open on wide screens; on a phone the ranking comes first and the controls unfold on demand.
  const [controlsOpen, setControlsOpen] = useState(() => window.matchMedia('(min-width: 720px)').matches);

  const req = readinessRequest({ weights: weightsParam, log: logParam, year, window: windowYears, peer: peers, maxMissing });
  const readiness = useReadiness(req);
  const data = readiness.data;
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const weights = currentWeights(weightsParam, data?.components);
  const compMeta = new globalThis.Map((data?.components ?? []).map((c) => [c.code, c]));
  const rows = useMemo(() => orderRows(data?.rows ?? []), [data]);
  const unscored = rows.filter((r) => r.score === null || r.score === undefined);
  const peerSet = new Set(peers);

  const bars = useMemo(
    () =>
      barState(
        rows.map((r) => ({
          key: r.iso3,
          label: countryName(r.iso3, lang),
          value: r.score,
          role: peerSet.has(r.iso3) ? 'peer' : null,
        })),
      ),
    [rows, lang, peers.join('~')], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const columns = useMemo<ColumnDef<ReadinessRow, unknown>[]>(() => {
    const cols: ColumnDef<ReadinessRow, unknown>[] = [
      {
        id: 'rank',
        header: t('readiness.col.rank'),
        accessorFn: (r) => r.rank ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <MissingValue label={t('readiness.unscored')} /> : String(c.getValue())),
      },
      {
        id: 'country',
        header: t('table.country'),
        accessorFn: (r) => countryName(r.iso3, lang),
        cell: (c) => <LangLink to={`/countries/${c.row.original.iso3}`}>{String(c.getValue())}</LangLink>,
      },
      {
        id: 'score',
        header: t('readiness.col.score'),
        accessorFn: (r) => r.score ?? undefined,
        meta: { numeric: true },
        cell: (c) =>
          c.getValue() === undefined ? (
            <MissingValue label={reasonText(c.row.original.reason)} />
          ) : (
            <strong>{formatNumber(c.getValue() as number, lang, 1)}</strong>
          ),
      },
      {
        id: 'percentile',
        header: t('readiness.col.percentile'),
        accessorFn: (r) => r.percentile ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <MissingValue /> : formatNumber(c.getValue() as number, lang, 0)),
      },
      {
        id: 'vs_median',
        header: t('readiness.col.vsMedian'),
        accessorFn: (r) => r.vs_median ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <MissingValue /> : formatSigned(c.getValue() as number, lang, 1)),
      },
    ];
    if (peers.length)
      cols.push({
        id: 'vs_peers',
        header: t('readiness.col.vsPeers'),
        accessorFn: (r) => r.vs_peers ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <MissingValue /> : formatSigned(c.getValue() as number, lang, 1)),
      });
    for (const w of weights) {
      const name = indicatorLabel(compMeta.get(w.code), w.code, lang);
      const short = indicatorShortLabel(compMeta.get(w.code), w.code, lang);
      cols.push({
        id: w.code,
        header: () => <span title={name}>{short}</span>,
        accessorFn: (r) => componentCell(r, w.code).norm ?? undefined,
        meta: { numeric: true },
        cell: (c) => {
          const cell = componentCell(c.row.original, w.code);
          if (cell.value === null) return <MissingValue />;
          return (
            <span className="component-cell">
              <span>
                {formatValue(cell.value, lang)} <span className="muted">({cell.year ?? '?'})</span>
              </span>
              <span className="muted small">
                {t('readiness.norm')} {cell.norm === null ? '—' : formatNumber(cell.norm, lang, 0)}
              </span>
            </span>
          );
        },
      });
    }
    // No "reason" column: it pushed the last components out of sight at 1440 px, and the reason is
    // already the unscored score's label and the list under the table (and a column of the CSV).
    return cols;
  }, [t, lang, weights.map((w) => w.code).join('~'), peers.length, data]); // eslint-disable-line react-hooks/exhaustive-deps

  const writeWeights = (code: string, w: number) => url.set({ weights: formatWeights(setWeight(weights, code, w)) });
  const logged = weights.filter((w) => compMeta.get(w.code)?.log).map((w) => w.code);
  const writeLog = (code: string, on: boolean) =>
    url.set({ log: formatLog(on ? [...new Set([...logged, code])] : logged.filter((c) => c !== code)) });
  const reasonText = (reason: string | null) => {
    const p = parseReason(reason);
    if (!p) return reason ?? t('readiness.unscored');
    return t('readiness.reasonMissing', {
      missing: p.missing,
      of: p.of,
      list: p.codes.map((c) => indicatorShortLabel(compMeta.get(c), c, lang)).join(', '),
    });
  };

  return (
    <div className="page" data-testid="page-readiness">
      <h1>{t('readiness.title')}</h1>
      <p className="lead">{t('readiness.lead')}</p>
      <details className="explainer" data-testid="readiness-explainer">
        <summary>{t('readiness.howTitle')}</summary>
        <ul>
          <li>{t('readiness.how.components')}</li>
          <li>{t('readiness.how.latest')}</li>
          <li>{t('readiness.how.normalise')}</li>
          <li>{t('readiness.how.score')}</li>
          <li>{t('readiness.how.unctad')}</li>
        </ul>
      </details>

      <div className="readiness-layout">
        <details className="card readiness-controls" open={controlsOpen} onToggle={(e) => setControlsOpen(e.currentTarget.open)} data-testid="readiness-controls">
          <summary>
            <h2 id="weights-h">{t('readiness.weights')}</h2>
            <span className="muted small readiness-controls__summary">
              {weights.map((w) => `${indicatorShortLabel(compMeta.get(w.code), w.code, lang)} ${formatNumber(w.weight, lang, 1)}`).join(' · ')}
            </span>
          </summary>
          <div className="weights-grid">
            {weights.map((w) => (
              <WeightControl
                key={w.code}
                code={w.code}
                label={indicatorLabel(compMeta.get(w.code), w.code, lang)}
                weight={w.weight}
                log={compMeta.get(w.code)?.log ?? false}
                onChange={(n) => writeWeights(w.code, n)}
                onLog={(on) => writeLog(w.code, on)}
              />
            ))}
          </div>
          <div className="controls controls--wrap">
            <div className="field">
              <label htmlFor={yearId} className="field-label">
                {t('readiness.year')}
              </label>
              <select id={yearId} value={year ?? ''} onChange={(e) => url.set({ year: e.target.value || null })} data-testid="readiness-year">
                <option value="">{data?.year ? t('readiness.defaultYear', { year: data.year }) : t('web16.readiness.defaultLatest')}</option>
                {YEARS.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={windowId} className="field-label">
                {t('readiness.window')}
              </label>
              <select id={windowId} value={windowYears ?? ''} onChange={(e) => url.set({ window: e.target.value || null })} data-testid="readiness-window">
                <option value="">{t('readiness.defaultWindow', { count: data?.window ?? 6 })}</option>
                {WINDOWS.map((w) => (
                  <option key={w} value={w}>
                    {t('readiness.years', { count: w })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={missId} className="field-label">
                {t('readiness.maxMissing')}
              </label>
              <select id={missId} value={maxMissing ?? ''} onChange={(e) => url.set({ maxMissing: e.target.value || null })} data-testid="readiness-max-missing">
                <option value="">{t('readiness.defaultMaxMissing')}</option>
                {[0, 1, 2, 3].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <CountryPicker options={members} selected={peers} onChange={(next) => url.set({ peer: next }, { push: true })} label={t('readiness.peers')} testid="peer-picker" />
          </div>
          <button type="button" className="button button--link" onClick={() => url.set({ weights: null, log: null })} data-testid="weights-reset" disabled={!weightsParam && !logParam}>
            {t('readiness.reset')}
          </button>
        </details>

        <section className="card readiness-result" aria-labelledby="ranking-h" aria-busy={readiness.isFetching}>
          <div className="card__head">
            <div>
              <h2 id="ranking-h">{t('readiness.ranking')}</h2>
              {data && (
                <p className="muted small" data-testid="readiness-summary">
                  {/* Without a reference year (no component value loaded) there is no window to state. */}
                  {data.year !== null && data.year !== undefined
                    ? t('readiness.summary', {
                        year: data.year,
                        from: data.year - (data.window ?? 6) + 1,
                        scored: rows.length - unscored.length,
                        total: rows.length,
                      })
                    : t('web16.readiness.noYear')}
                  {data.median !== null && data.median !== undefined ? ` ${t('readiness.medianIs', { value: formatNumber(data.median, lang, 1) })}` : ''}
                  {data.medianN !== undefined && data.minEconomies !== undefined
                    ? ` ${data.median === null ? t('honesty.readinessNoMedian', { n: data.medianN, min: data.minEconomies }) : t('honesty.readinessMedianN', { n: data.medianN })}`
                    : ''}
                  {peers.length && data.peersMedian !== null && data.peersMedian !== undefined
                    ? ` ${t('readiness.peersMedianIs', { value: formatNumber(data.peersMedian, lang, 1) })}`
                    : ''}
                </p>
              )}
            </div>
            <DownloadMenu request={req} filename="puente-readiness" />
          </div>
          <SyntheticBanner sources={data?.sources} />
          {data && (data.year === null || data.year === undefined) && (
            <div className="notice" data-testid="readiness-empty">
              <p>{t('web16.empty.indicators')}</p>
              <pre>
                <code>npx puente import ../shared/data/indicators</code>
              </pre>
            </div>
          )}
          {readiness.isPending && <Loading />}
          {readiness.isError && <ErrorBox error={readiness.error} onRetry={() => readiness.refetch()} />}
          {data && (
            <Tabs
              tabs={[
                { id: 'chart', label: t('tabs.chart') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={view}
              onChange={(v) => url.set({ view: v === 'chart' ? null : v }, { push: true })}
              label={t('readiness.viewLabel')}
            >
              {view === 'chart' ? (
                <>
                <BarChart
                  state={bars}
                  label={t('readiness.chartLabel')}
                  xLabel={t('readiness.col.score')}
                  reference={data.median}
                  referenceLabel={t('readiness.median')}
                  domainMax={100}
                  testid="readiness-chart"
                  share={{
                    meta: { title: t('readiness.title'), subtitle: readinessSubtitle(t, data, peers, lang), sources: data.sources },
                    embed: embedPath('/readiness', url.params),
                  }}
                />
                <ul className="legend__list" aria-label={t('chart.legend')}>
                  <li className="legend__item">
                    <svg width="18" height="12" aria-hidden="true">
                      <rect width="18" height="12" fill={BAR_COLOR} />
                    </svg>
                    {t('readiness.col.score')}
                  </li>
                  {peers.length > 0 && (
                    <li className="legend__item">
                      <svg width="18" height="12" aria-hidden="true">
                        <rect width="18" height="12" fill={GROUP_HIGHLIGHT} />
                      </svg>
                      {t('readiness.peers')}
                    </li>
                  )}
                  {data.median !== null && data.median !== undefined && (
                    <li className="legend__item">
                      <svg width="22" height="12" aria-hidden="true">
                        <line x1="11" y1="0" x2="11" y2="12" stroke={MEDIAN_COLOR} strokeDasharray="3 2" strokeWidth="1.5" />
                      </svg>
                      {t('readiness.median')}
                    </li>
                  )}
                </ul>
                </>
              ) : (
                <DataTable
                  data={rows}
                  columns={columns}
                  caption={t('readiness.tableCaption')}
                  captionHidden
                  sort={url.get('sort')}
                  onSortChange={(s) => url.set({ sort: s })}
                  getRowId={(r) => r.iso3}
                  rowHeaderId="country"
                  rowClassName={(r) => (peerSet.has(r.iso3) ? 'row--peer' : r.score === null ? 'row--unscored' : undefined)}
                  pageSize={0}
                  testid="readiness-table"
                />
              )}
            </Tabs>
          )}
          {data && unscored.length > 0 && (
            <div className="unscored" data-testid="readiness-unscored">
              <h3>{t('readiness.unscoredTitle', { count: unscored.length })}</h3>
              <ul>
                {unscored.map((r) => (
                  <li key={r.iso3} data-iso3={r.iso3}>
                    <strong>{countryName(r.iso3, lang)}</strong>: {reasonText(r.reason)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <SourceLine sources={data?.sources} />
        </section>
      </div>
    </div>
  );
}
