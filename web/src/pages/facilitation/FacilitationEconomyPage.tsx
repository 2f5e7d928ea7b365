import type { ColumnDef } from '@tanstack/react-table';
import { StatusCorrection } from './StatusCorrection';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCountries } from '../../api';
import { lineState, type SeriesSpec } from '../../charts/line-state';
import { FOCUS_COLOR, MEDIAN_COLOR, SERIES_COLORS } from '../../charts/palette';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LineChart } from '../../components/LineChart';
import { Untranslated } from '../../components/ContentText';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { Tabs } from '../../components/Tabs';
import { countryName } from '../../lib/country-names';
import { parseIsoList } from '../../lib/query-string';
import { embedPath } from '../../lib/embed';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import {
  averagesRequest,
  channelsRequest,
  gapsRequest,
  nextRequest,
  scoresRequest,
  statusesRequest,
  useAverages,
  useChannels,
  useFramework,
  useGaps,
  useNext,
  useScores,
  useSequence,
  useStatuses,
  type AverageRow,
  type ChannelRow,
  type GapRow,
  type ScoreRow,
} from './tf-api';
import { trendState, trendTitles } from './tf-trend';
import { AverageText, FacilitationSubnav, pct, SCORE_GROUPS, SecondaryBadge, StatusChip, useMeasureName } from './tf-parts';

const GROUP_CODES = ['asean', 'northeast-asia', 'oceania', 'mercosur', 'pacific-alliance', 'central-america', 'andean-community', 'caribbean'];

/** One economy: scores by round, averages, measures by round, next measures, peer gaps, channels. */
export default function FacilitationEconomyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const iso3 = (useParams().iso3 ?? '').toUpperCase();
  const url = useUrlState();
  const groupId = useId();
  const avgGroupId = useId();
  const name = countryName(iso3, lang);
  const measureName = useMeasureName();
  useDocumentTitle(t('facilitation.economyTitle', { name }));

  const peers = parseIsoList(url.get('peers'));
  const peerGroup = url.get('group');
  const choice = { peers, group: peers.length ? null : peerGroup };
  const trendView = url.get('trendView') === 'table' ? 'table' : 'chart';
  const avgView = url.get('avgView') === 'table' ? 'table' : 'chart';
  const avgGroup = (SCORE_GROUPS as readonly string[]).includes(url.get('avgGroup') ?? '') ? url.get('avgGroup')! : 'overall';
  const nextOpen = url.get('next') === 'open';

  const members = useCountries().data?.rows ?? [];
  const memberCodes = members.map((c) => c.iso3).filter((c) => c !== iso3);
  const framework = useFramework();
  const measures = framework.data?.rows ?? [];

  const scoresReq = scoresRequest([iso3]);
  const scores = useScores(scoresReq);
  const scoreRows = scores.data?.rows ?? [];
  const avgReq = averagesRequest(iso3, choice);
  const averages = useAverages(avgReq);
  const statusesReq = statusesRequest({ country: [iso3] });
  const statuses = useStatuses(statusesReq);
  const nextReq = nextRequest(iso3, choice);
  const next = useNext(nextReq);
  const gapsReq = gapsRequest(iso3, choice);
  const gaps = useGaps(gapsReq);
  const channelsReq = channelsRequest(iso3);
  const channels = useChannels(channelsReq);
  const sequence = useSequence();
  /** The prerequisites of a measure with the economy's latest known status of each. */
  const prerequisites = (measure: string) => {
    const st = statuses.data?.rows ?? [];
    return (sequence.data?.sequence?.links ?? [])
      .filter((l) => l.to === measure)
      .map((l) => {
        const latest = st.filter((s) => s.measure === l.from).sort((a, b) => b.round - a.round)[0];
        return `${measureName(l.from)} (${latest ? latest.status : t('facilitation.status.unknown')})`;
      });
  };

  const groupLabel = (g: string) => t(`facilitation.group.${g}`);

  // The trend: every score row is a point; the chart draws exactly the rows of its CSV.
  const trend = useMemo(() => trendState(scoreRows, t), [scoreRows, lang, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const avgRows = (averages.data?.rows ?? []).filter((r) => r.group === avgGroup);
  const avgChart = useMemo(() => {
    const rows = avgRows.flatMap((r) => [
      { series: 'economy', year: r.round, value: r.economy },
      { series: 'fealac', year: r.round, value: r.fealac, note: `n = ${r.fealac_n}` },
      { series: 'region', year: r.round, value: r.region, note: `n = ${r.region_n}` },
      ...(averages.data?.peers.length ? [{ series: 'peers', year: r.round, value: r.peers, note: `n = ${r.peers_n}` }] : []),
    ]);
    const specs: SeriesSpec[] = [
      { key: 'economy', label: name, color: FOCUS_COLOR, kind: 'focus' },
      { key: 'fealac', label: t('facilitation.avg.fealac'), color: MEDIAN_COLOR, kind: 'median' },
      { key: 'region', label: t('facilitation.avg.region'), color: SERIES_COLORS[0], kind: 'peer' },
      ...(averages.data?.peers.length ? [{ key: 'peers', label: t('facilitation.avg.peers'), color: SERIES_COLORS[1], kind: 'peer' as const }] : []),
    ];
    const state = lineState(rows, specs.filter((s) => rows.some((r) => r.series === s.key && r.value !== null)));
    return { ...state, values: [0, 100] as [number, number] };
  }, [avgRows, averages.data, name, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const trendColumns = useMemo<ColumnDef<ScoreRow, unknown>[]>(
    () => [
      { id: 'round', header: t('facilitation.col.round'), accessorFn: (r) => r.round, meta: { numeric: true } },
      { id: 'group', header: t('facilitation.col.score'), accessorFn: (r) => groupLabel(r.group) },
      {
        id: 'score',
        header: t('facilitation.col.pct'),
        accessorFn: (r) => r.score_pct,
        meta: { numeric: true },
        cell: (c) => (
          <>
            {pct(c.row.original.score_pct, lang)}
            {c.row.original.secondary && <SecondaryBadge />}
          </>
        ),
      },
      { id: 'computed', header: t('facilitation.col.computed'), accessorFn: (r) => r.computed_pct ?? undefined, meta: { numeric: true }, cell: (c) => pct(c.getValue() as number, lang) ?? <MissingValue /> },
    ],
    [t, lang], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const avgColumns = useMemo<ColumnDef<AverageRow, unknown>[]>(
    () => [
      { id: 'round', header: t('facilitation.col.round'), accessorFn: (r) => r.round, meta: { numeric: true } },
      { id: 'economy', header: name, accessorFn: (r) => r.economy ?? undefined, meta: { numeric: true }, cell: (c) => pct(c.getValue() as number, lang) ?? <MissingValue /> },
      { id: 'fealac', header: t('facilitation.avg.fealac'), accessorFn: (r) => r.fealac ?? undefined, cell: (c) => <AverageText avg={{ value: c.row.original.fealac, n: c.row.original.fealac_n }} lang={lang} /> },
      { id: 'region', header: t('facilitation.avg.region'), accessorFn: (r) => r.region ?? undefined, cell: (c) => <AverageText avg={{ value: c.row.original.region, n: c.row.original.region_n }} lang={lang} /> },
      { id: 'peers', header: t('facilitation.avg.peers'), accessorFn: (r) => r.peers ?? undefined, cell: (c) => <AverageText avg={{ value: c.row.original.peers, n: c.row.original.peers_n }} lang={lang} /> },
      { id: 'secondary', header: t('facilitation.col.secondaryN'), accessorFn: (r) => r.secondary_n, meta: { numeric: true } },
    ],
    [t, lang, name],
  );

  const gapColumns = useMemo<ColumnDef<GapRow, unknown>[]>(
    () => [
      { id: 'measure', header: t('facilitation.col.measure'), accessorFn: (r) => measureName(r.measure, r.measure_name) },
      { id: 'status', header: t('facilitation.col.status'), accessorFn: (r) => r.status, cell: (c) => <StatusChip status={c.row.original.status} /> },
      { id: 'round', header: t('facilitation.col.round'), accessorFn: (r) => r.status_round, meta: { numeric: true } },
      { id: 'share', header: t('facilitation.col.peerShare'), accessorFn: (r) => r.peer_share, meta: { numeric: true }, cell: (c) => t('facilitation.peersOf', { k: c.row.original.peers_implementing, n: c.row.original.peers_known }) },
    ],
    [t, lang], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const channelColumns = useMemo<ColumnDef<ChannelRow, unknown>[]>(
    () => [
      // The channels' names, parameters, legal bases and notes are the sources' own words (English), marked as such.
      { id: 'channel', header: t('facilitation.col.channel'), accessorFn: (r) => r.channel, cell: (c) => <Untranslated text={c.row.original.channel} lang="en" /> },
      { id: 'parameter', header: t('facilitation.col.parameter'), accessorFn: (r) => r.parameter, cell: (c) => <Untranslated text={c.row.original.parameter} lang="en" /> },
      {
        id: 'value',
        header: t('facilitation.col.value'),
        accessorFn: (r) => r.value ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.row.original.value === null ? <MissingValue /> : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(c.row.original.value)} ${c.row.original.unit ?? ''}`),
      },
      { id: 'legal', header: t('facilitation.col.legalBasis'), accessorFn: (r) => r.legal_basis ?? undefined, cell: (c) => (c.row.original.legal_basis ? <Untranslated text={c.row.original.legal_basis} lang="en" /> : <MissingValue />) },
      { id: 'note', header: t('facilitation.col.note'), accessorFn: (r) => r.note ?? '', cell: (c) => (c.row.original.note ? <Untranslated text={c.row.original.note} lang="en" /> : '') },
      { id: 'trust', header: t('facilitation.col.trust'), accessorFn: (r) => r.trust ?? undefined, cell: (c) => (c.getValue() ? t(`facilitation.trust.${c.getValue()}`) : <MissingValue />) },
    ],
    [t, lang],
  );

  // Measures by round: rows are the framework's measures that have a status in some round.
  const matrix = useMemo(() => {
    const st = statuses.data?.rows ?? [];
    const rounds = [...new Set([...st.map((s) => s.round), ...scoreRows.map((s) => s.round)])].sort((a, b) => a - b);
    const by = new Map(st.map((s) => [`${s.measure}|${s.round}`, s]));
    const shown = measures.filter((m) => m.core || st.some((s) => s.measure === m.id));
    const groups = [...new Set(shown.map((m) => m.group))];
    return { rounds, by, groups: groups.map((g) => ({ id: g, measures: shown.filter((m) => m.group === g) })) };
  }, [statuses.data, scoreRows, measures]);

  const notes = scoreRows.filter((r) => r.disagreement || r.other_values);
  const secondaryRows = scoreRows.filter((r) => r.secondary);
  const noData = scores.data && scoreRows.length === 0;

  return (
    <div className="page" data-testid="page-facilitation-economy">
      <h1>{t('facilitation.economyTitle', { name })}</h1>
      <FacilitationSubnav current="economy" iso3={iso3} />
      <p className="lead">{t('facilitation.economyLead')}</p>

      <div className="tf-controls">
        <CountryPicker options={memberCodes} selected={peers} onChange={(nextPeers) => url.set({ peers: nextPeers, group: null }, { push: true })} label={t('facilitation.peersLabel')} testid="tf-peer-picker" />
        <div className="field">
          <label htmlFor={groupId} className="field-label">
            {t('facilitation.peerGroup')}
          </label>
          <select id={groupId} value={peers.length ? '' : (peerGroup ?? '')} onChange={(e) => url.set({ group: e.target.value || null, peers: null }, { push: true })} data-testid="tf-peer-group">
            <option value="">{t('facilitation.peerGroupNone')}</option>
            {GROUP_CODES.map((g) => (
              <option key={g} value={g}>
                {t(`groups.${g}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="tf-stack" style={{ marginTop: '1rem' }}>
        <section className="card" aria-labelledby="tf-trend-h" aria-busy={scores.isFetching} data-testid="tf-trend">
          <div className="card__head">
            <div>
              <h2 id="tf-trend-h">{t('facilitation.trendTitle')}</h2>
              <p className="muted small">{t('facilitation.trendNote')}</p>
            </div>
            <DownloadMenu request={scoresReq} filename={`puente-facilitation-${iso3}`} />
          </div>
          {scores.isPending && <Loading />}
          {scores.isError && <ErrorBox error={scores.error} onRetry={() => scores.refetch()} />}
          {noData && (
            <p className="empty-note" data-testid="tf-no-scores">
              {t('facilitation.noScores', { name })}
            </p>
          )}
          {scoreRows.length > 0 && (
            <Tabs
              tabs={[
                { id: 'chart', label: t('tabs.chart') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={trendView}
              onChange={(v) => url.set({ trendView: v === 'chart' ? null : v }, { push: true })}
              label={t('facilitation.trendTitle')}
            >
              {trendView === 'chart' ? (
                <LineChart
                  state={trend}
                  label={t('facilitation.trendLabel', { name })}
                  yLabel={t('facilitation.axisPct')}
                  testid="tf-trend-chart"
                  share={{ meta: { ...trendTitles(t, name, trend.years), sources: scores.data?.sources }, embed: embedPath(`/facilitation/${iso3}`) }}
                />
              ) : (
                <DataTable data={scoreRows} columns={trendColumns} caption={t('facilitation.trendTitle')} captionHidden pageSize={0} testid="tf-trend-table" />
              )}
            </Tabs>
          )}
          {(notes.length > 0 || secondaryRows.length > 0) && (
            <ul className="tf-notes" data-testid="tf-notes">
              {secondaryRows.length > 0 && <li data-testid="tf-note-secondary">{t('facilitation.secondaryNote', { rounds: [...new Set(secondaryRows.map((r) => r.round))].join(', ') })}</li>}
              {notes.map((r) => (
                <li key={`${r.round}-${r.group}`} data-testid={r.disagreement ? 'tf-note-disagreement' : 'tf-note-conflict'}>
                  {r.disagreement
                    ? t('facilitation.disagreementNote', { round: r.round, group: groupLabel(r.group), published: pct(r.published_pct, lang), computed: pct(r.computed_pct, lang), from: t(`facilitation.computedFrom.${r.computed_from}`) })
                    : t('facilitation.conflictNote', { round: r.round, group: groupLabel(r.group), shown: pct(r.score_pct, lang), others: r.other_values })}
                </li>
              ))}
            </ul>
          )}
          <SourceLine sources={scores.data?.sources} />
        </section>

        <section className="card" aria-labelledby="tf-avg-h" aria-busy={averages.isFetching} data-testid="tf-averages">
          <div className="card__head">
            <div>
              <h2 id="tf-avg-h">{t('facilitation.avgTitle')}</h2>
              <p className="muted small">
                {t('facilitation.avgNote', { region: averages.data ? t(`regions.${averages.data.region === "East Asia" ? "eastAsia" : "latinAmerica"}`) : '', min: averages.data?.min_n ?? '', peerMin: averages.data?.peer_min_n ?? '' })}
              </p>
            </div>
            <DownloadMenu request={avgReq} filename={`puente-facilitation-${iso3}-averages`} />
          </div>
          <div className="field" style={{ marginBottom: '0.5rem' }}>
            <label htmlFor={avgGroupId} className="field-label">
              {t('facilitation.col.score')}
            </label>
            <select id={avgGroupId} value={avgGroup} onChange={(e) => url.set({ avgGroup: e.target.value === 'overall' ? null : e.target.value })} data-testid="tf-avg-group">
              {SCORE_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {groupLabel(g)}
                </option>
              ))}
            </select>
          </div>
          {averages.isPending && <Loading />}
          {averages.isError && <ErrorBox error={averages.error} onRetry={() => averages.refetch()} />}
          {averages.data && (
            <Tabs
              tabs={[
                { id: 'chart', label: t('tabs.chart') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={avgView}
              onChange={(v) => url.set({ avgView: v === 'chart' ? null : v }, { push: true })}
              label={t('facilitation.avgTitle')}
            >
              {avgView === 'chart' ? (
                <LineChart state={avgChart} label={t('facilitation.avgLabel', { name, group: groupLabel(avgGroup) })} yLabel={t('facilitation.axisPct')} testid="tf-avg-chart" share={{ meta: { title: t('facilitation.avgLabel', { name, group: groupLabel(avgGroup) }), subtitle: [t('facilitation.axisPct'), name].join(' · '), sources: averages.data?.sources } }} />
              ) : (
                <DataTable data={avgRows} columns={avgColumns} caption={t('facilitation.avgTitle')} captionHidden pageSize={0} testid="tf-avg-table" />
              )}
            </Tabs>
          )}
          <SourceLine sources={averages.data?.sources} />
        </section>

        <section className="card" aria-labelledby="tf-measures-h" aria-busy={statuses.isFetching} data-testid="tf-measures">
          <div className="card__head">
            <div>
              <h2 id="tf-measures-h">{t('facilitation.measuresTitle')}</h2>
              <p className="muted small">{t('facilitation.measuresNote')}</p>
            </div>
            <DownloadMenu request={statusesReq} filename={`puente-facilitation-${iso3}-statuses`} />
          </div>
          {(statuses.isPending || framework.isPending) && <Loading />}
          {statuses.isError && <ErrorBox error={statuses.error} onRetry={() => statuses.refetch()} />}
          {statuses.data && framework.data && (
            <div className="tf-matrix-wrap" tabIndex={0} role="region" aria-labelledby="tf-measures-h">
              <table className="tf-matrix" data-testid="tf-measure-matrix">
                <caption className="sr-only">{t('facilitation.measuresTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('facilitation.col.measure')}</th>
                    {matrix.rounds.map((r) => (
                      <th key={r} scope="col">
                        {r}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.groups.map((g) => [
                    <tr key={g.id} className="tf-group-row">
                      <th scope="colgroup" colSpan={matrix.rounds.length + 1}>
                        {groupLabel(g.id)}
                      </th>
                    </tr>,
                    ...g.measures.map((m) => (
                      <tr key={m.id} data-measure={m.id}>
                        <th scope="row">{measureName(m.id, m.name)}</th>
                        {matrix.rounds.map((r) => (
                          <td key={r}>
                            <StatusChip status={matrix.by.get(`${m.id}|${r}`)?.status} />
                          </td>
                        ))}
                      </tr>
                    )),
                  ])}
                </tbody>
              </table>
            </div>
          )}
          {statuses.data && statuses.data.rows.length > 0 && (
            <StatusCorrection iso3={iso3} rows={statuses.data.rows} sourceUrl={(id) => statuses.data.sources.find((x) => x.id === id)?.url ?? null} measureName={measureName} />
          )}
          <SourceLine sources={statuses.data?.sources} />
        </section>

        <section className="card" aria-labelledby="tf-next-h" aria-busy={next.isFetching} data-testid="tf-next">
          <details className="tf-details" open={nextOpen} onToggle={(e) => (e.currentTarget.open !== nextOpen ? url.set({ next: e.currentTarget.open ? 'open' : null }) : undefined)}>
            <summary data-testid="tf-next-toggle">
              <span id="tf-next-h">{t('facilitation.nextTitle', { count: next.data?.rows.length ?? 0 })}</span>
            </summary>
            <p className="muted small">{t('facilitation.nextNote', { prereq: next.data?.prereq_min ?? '', implemented: next.data?.implemented_min ?? '', min: next.data?.peer_min_n ?? '' })}</p>
            <div className="card__head">
              <span />
              <DownloadMenu request={nextReq} filename={`puente-facilitation-${iso3}-next`} />
            </div>
            {next.isPending && <Loading />}
            {next.isError && <ErrorBox error={next.error} onRetry={() => next.refetch()} />}
            {next.data && next.data.rows.length === 0 && <p className="empty-note">{t('facilitation.nextNone')}</p>}
            {next.data && next.data.rows.length > 0 && (
              <ol className="tf-next" data-testid="tf-next-list">
                {next.data.rows.map((r) => (
                  <li key={r.measure} data-measure={r.measure} data-stage={r.stage}>
                    <div className="tf-next__head">
                      <span className="tf-next__rank">{r.rank}.</span>
                      <span className="tf-stage">{t('facilitation.stage', { stage: r.stage })}</span>
                      <span className="tf-next__name">{measureName(r.measure, r.measure_name)}</span>
                      <StatusChip status={r.status} />
                    </div>
                    <ul className="tf-why">
                      <li>{r.status === null ? t('facilitation.why.unknown') : t('facilitation.why.status', { status: r.status, round: r.status_round, min: next.data.implemented_min })}</li>
                      <li>{r.peer_share === null ? t('facilitation.why.peersNotEnough', { n: r.peers_known, min: next.data.peer_min_n }) : t('facilitation.why.peers', { k: r.peers_implementing, n: r.peers_known })}</li>
                      <li>{prerequisites(r.measure).length ? t('facilitation.why.prereqMet', { list: prerequisites(r.measure).join(', ') }) : t('facilitation.why.prereq')}</li>
                    </ul>
                  </li>
                ))}
              </ol>
            )}
            {next.data && next.data.held_back.length > 0 && (
              <div data-testid="tf-held-back">
                <h3>{t('facilitation.heldBackTitle')}</h3>
                <ul className="tf-notes">
                  {next.data.held_back.map((h) => (
                    <li key={h.measure}>
                      {t('facilitation.heldBack', {
                        measure: measureName(h.measure),
                        waiting: h.waiting_for.map((w) => `${measureName(w.measure)} (${w.status === null ? t('facilitation.status.unknown') : w.status})`).join(', '),
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <SourceLine sources={next.data?.sources} />
          </details>
        </section>

        <section className="card" aria-labelledby="tf-gaps-h" aria-busy={gaps.isFetching} data-testid="tf-gaps">
          <div className="card__head">
            <div>
              <h2 id="tf-gaps-h">{t('facilitation.gapsTitle')}</h2>
              <p className="muted small">{t('facilitation.gapsNote', { min: gaps.data?.peer_min_n ?? '' })}</p>
            </div>
            <DownloadMenu request={gapsReq} filename={`puente-facilitation-${iso3}-gaps`} />
          </div>
          {gaps.isPending && <Loading />}
          {gaps.isError && <ErrorBox error={gaps.error} onRetry={() => gaps.refetch()} />}
          {gaps.data && gaps.data.rows.length === 0 && <p className="empty-note">{t('facilitation.gapsNone')}</p>}
          {gaps.data && gaps.data.rows.length > 0 && <DataTable data={gaps.data.rows} columns={gapColumns} caption={t('facilitation.gapsTitle')} captionHidden pageSize={0} testid="tf-gaps-table" />}
          {gaps.data && gaps.data.unknown_own > 0 && <p className="muted small">{t('facilitation.gapsUnknown', { count: gaps.data.unknown_own })}</p>}
          <SourceLine sources={gaps.data?.sources} />
        </section>

        <section className="card" aria-labelledby="tf-channels-h" aria-busy={channels.isFetching} data-testid="tf-channels">
          <div className="card__head">
            <div>
              <h2 id="tf-channels-h">{t('facilitation.channelsTitle')}</h2>
              <p className="muted small">{t('facilitation.channelsNote')}</p>
            </div>
            <DownloadMenu request={channelsReq} filename={`puente-facilitation-${iso3}-channels`} />
          </div>
          {channels.isPending && <Loading />}
          {channels.isError && <ErrorBox error={channels.error} onRetry={() => channels.refetch()} />}
          {channels.data && channels.data.rows.length === 0 && <p className="empty-note">{t('facilitation.channelsNone', { name })}</p>}
          {channels.data && channels.data.rows.length > 0 && <DataTable data={channels.data.rows} columns={channelColumns} caption={t('facilitation.channelsTitle')} captionHidden pageSize={0} testid="tf-channels-table" />}
          <SourceLine sources={channels.data?.sources} />
        </section>
      </div>
    </div>
  );
}
