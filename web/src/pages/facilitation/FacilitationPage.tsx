import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useCountries } from '../../api';
import { choroplethState, NO_DATA, type LegendEntry } from '../../charts/map-state';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { Map } from '../../components/Map';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { Tabs } from '../../components/Tabs';
import { countryName } from '../../lib/country-names';
import { formatNumber } from '../../lib/format';
import { parseYear } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState, withLang } from '../../lib/url-state';
import { comparisonRequest, sequenceRequest, statusesRequest, useComparison, useFramework, useSequence, useStatuses, type ComparisonRow } from './tf-api';
import { AverageText, CORE_GROUPS, FacilitationSubnav, pct, SCORE_GROUPS, SecondaryBadge, StatusChip, useMeasureName } from './tf-parts';

/** Comparison: scores of one round on a map and in a table, averages with n, the economy × measure matrix, the sequence. */
export default function FacilitationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const roundId = useId();
  const navigate = useNavigate();
  const { search } = useLocation();
  const measureName = useMeasureName();
  useDocumentTitle(t('facilitation.title'));

  const round = parseYear(url.get('round'));
  const view = url.get('view') === 'table' ? 'table' : 'map';

  const members = useCountries().data?.rows ?? [];
  const memberCodes = members.map((c) => c.iso3);
  const framework = useFramework();
  const fw = framework.data?.framework;
  const req = comparisonRequest(round);
  const comparison = useComparison(req);
  const data = comparison.data;
  const rows = data?.rows ?? [];
  const shownRound = data?.round ?? null;
  const matrixReq = statusesRequest({ round: shownRound });
  const statuses = useStatuses(shownRound === null ? null : matrixReq);
  const seq = useSequence();

  const map = useMemo(() => {
    const s = choroplethState(
      memberCodes.length ? memberCodes : rows.map((r) => r.iso3),
      rows.map((r) => ({ iso3: r.iso3, value: r.overall, year: shownRound })),
      (iso3, d) => `${countryName(iso3, lang)}: ${d && d.value !== null ? pct(d.value, lang) : t('facilitation.noScore')}`,
      new Set<string>(),
    );
    const legend: LegendEntry[] = [
      ...s.bins.map((b, i) => ({ key: `bin-${i}`, label: `${formatNumber(b.from, lang, 0)}–${formatNumber(b.to, lang, 0)}`, fill: b.color })),
      { key: 'nodata', label: t('facilitation.noScore'), fill: NO_DATA },
    ];
    return { ...s, legend };
  }, [rows, memberCodes.join(','), lang, t, shownRound]); // eslint-disable-line react-hooks/exhaustive-deps

  const columns = useMemo<ColumnDef<ComparisonRow, unknown>[]>(
    () => [
      {
        id: 'country',
        header: t('table.country'),
        accessorFn: (r) => countryName(r.iso3, lang),
        cell: (c) => (
          <>
            <LangLink to={`/facilitation/${c.row.original.iso3}`}>{String(c.getValue())}</LangLink>
            {c.row.original.secondary && <SecondaryBadge />}
            {c.row.original.conflict && (
              <span className="badge tf-conflict" title={t('facilitation.conflictHint')}>
                {t('facilitation.conflict')}
              </span>
            )}
          </>
        ),
      },
      ...SCORE_GROUPS.map(
        (g): ColumnDef<ComparisonRow, unknown> => ({
          id: g,
          header: t(`facilitation.groupShort.${g}`),
          accessorFn: (r) => r[g] ?? undefined,
          meta: { numeric: true },
          cell: (c) => pct(c.getValue() as number, lang) ?? <MissingValue />,
        }),
      ),
    ],
    [t, lang],
  );

  // The matrix: economies with statuses in the round × the measures any of them has.
  const matrix = useMemo(() => {
    const st = statuses.data?.rows ?? [];
    const economies = [...new Set(st.map((s) => s.iso3))].sort((a, b) => countryName(a, lang).localeCompare(countryName(b, lang), lang));
    const order = (framework.data?.rows ?? []).map((m) => m.id);
    const measures = order.filter((m) => st.some((s) => s.measure === m));
    const by = new globalThis.Map(st.map((s) => [`${s.iso3}|${s.measure}`, s.status]));
    return { economies, measures, by };
  }, [statuses.data, framework.data, lang]);

  const avg = data?.averages;
  const scopes = ['fealac', 'east_asia', 'latin_america'] as const;

  return (
    <div className="page" data-testid="page-facilitation">
      <h1>{t('facilitation.title')}</h1>
      <FacilitationSubnav current="compare" />
      <p className="lead">{t('facilitation.lead')}</p>
      <details className="explainer" data-testid="tf-explainer">
        <summary>{t('facilitation.howTitle')}</summary>
        <ul>
          <li>{t('facilitation.how.scale')}</li>
          <li>{t('facilitation.how.scores')}</li>
          <li>{t('facilitation.how.secondary')}</li>
          <li>{t('facilitation.how.averages', { min: avg?.fealac.overall.min_n ?? '' })}</li>
          <li>{t('facilitation.how.missing')}</li>
        </ul>
        {fw && (
          <>
            <h3>{t('facilitation.verifyTitle')}</h3>
            <ul data-testid="tf-verify">
              {fw.verify.map((v) => (
                <li key={v} lang="en">
                  {v}
                </li>
              ))}
            </ul>
            <p className="small muted">
              {t('facilitation.frameworkLine', { title: fw.title, version: fw.version, rounds: fw.rounds.join(', ') })}{' '}
              <a href={fw.provenance.url} rel="noreferrer">
                {fw.provenance.url}
              </a>
            </p>
          </>
        )}
      </details>

      <div className="tf-controls">
        <div className="field">
          <label htmlFor={roundId} className="field-label">
            {t('facilitation.round')}
          </label>
          <select id={roundId} value={round ?? ''} onChange={(e) => url.set({ round: e.target.value || null })} data-testid="tf-round">
            <option value="">{t('facilitation.latestRound', { round: data?.rounds.at(-1) ?? '' })}</option>
            {(data?.rounds ?? []).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="tf-stack" style={{ marginTop: '1rem' }}>
        <section className="card" aria-labelledby="tf-compare-h" aria-busy={comparison.isFetching} data-testid="tf-comparison">
          <div className="card__head">
            <div>
              <h2 id="tf-compare-h">{t('facilitation.compareRoundTitle', { round: shownRound ?? '' })}</h2>
              {avg && (
                <dl className="tf-averages" data-testid="tf-comparison-averages">
                  {scopes.map((s) => (
                    <div key={s}>
                      <dt className="small muted">{t(`facilitation.scope.${s}`)}</dt>
                      <dd data-testid={`tf-avg-${s}`}>
                        <AverageText avg={avg[s].overall} lang={lang} />
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
            <DownloadMenu request={req} filename="puente-facilitation-comparison" />
          </div>
          {comparison.isPending && <Loading />}
          {comparison.isError && <ErrorBox error={comparison.error} onRetry={() => comparison.refetch()} />}
          {data && rows.length === 0 && <p className="empty-note">{t('facilitation.notLoaded')}</p>}
          {data && rows.length > 0 && (
            <Tabs
              tabs={[
                { id: 'map', label: t('tabs.map') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={view}
              onChange={(v) => url.set({ view: v === 'map' ? null : v }, { push: true })}
              label={t('facilitation.compareRoundTitle', { round: shownRound ?? '' })}
            >
              {view === 'map' ? (
                <Map items={map.items} legend={map.legend} legendTitle={t('facilitation.axisPct')} label={t('facilitation.mapLabel', { round: shownRound ?? '' })} share={{ meta: { title: t('facilitation.mapLabel', { round: shownRound ?? '' }), subtitle: t('facilitation.axisPct'), sources: data?.sources } }} onSelect={(iso3) => navigate(withLang(`/facilitation/${iso3}`, search))} testid="tf-map" />
              ) : (
                <DataTable data={rows} columns={columns} caption={t('facilitation.compareRoundTitle', { round: shownRound ?? '' })} captionHidden getRowId={(r) => r.iso3} rowHeaderId="country" pageSize={0} testid="tf-comparison-table" />
              )}
            </Tabs>
          )}
          {data && data.without_score.length > 0 && (
            <p className="muted small" data-testid="tf-without-score">
              {t('facilitation.withoutScore', { count: data.without_score.length, list: data.without_score.map((c) => countryName(c, lang)).join(', ') })}
            </p>
          )}
          <SourceLine sources={data?.sources} />
        </section>

        <section className="card" aria-labelledby="tf-matrix-h" aria-busy={statuses.isFetching} data-testid="tf-matrix">
          <div className="card__head">
            <div>
              <h2 id="tf-matrix-h">{t('facilitation.matrixTitle', { round: shownRound ?? '' })}</h2>
              <p className="muted small">{t('facilitation.matrixNote')}</p>
            </div>
            {shownRound !== null && <DownloadMenu request={matrixReq} filename="puente-facilitation-statuses" />}
          </div>
          {statuses.isPending && shownRound !== null && <Loading />}
          {statuses.data && matrix.economies.length === 0 && <p className="empty-note">{t('facilitation.matrixNone')}</p>}
          {matrix.economies.length > 0 && (
            <div className="tf-matrix-wrap" tabIndex={0} role="region" aria-labelledby="tf-matrix-h">
              <table className="tf-matrix" data-testid="tf-status-matrix">
                <caption className="sr-only">{t('facilitation.matrixTitle', { round: shownRound ?? '' })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('table.country')}</th>
                    {matrix.measures.map((m) => (
                      <th key={m} scope="col" className="tf-col-measure">
                        {measureName(m)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.economies.map((e) => (
                    <tr key={e} data-iso3={e}>
                      <th scope="row">
                        <LangLink to={`/facilitation/${e}`}>{countryName(e, lang)}</LangLink>
                      </th>
                      {matrix.measures.map((m) => (
                        <td key={m}>
                          <StatusChip status={matrix.by.get(`${e}|${m}`)} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <SourceLine sources={statuses.data?.sources} />
        </section>

        <section className="card" aria-labelledby="tf-seq-h" data-testid="tf-sequence">
          <div className="card__head">
            <div>
              <h2 id="tf-seq-h">{t('facilitation.sequenceTitle')}</h2>
              <p className="muted small">{t('facilitation.sequenceNote')}</p>
            </div>
            <DownloadMenu request={sequenceRequest()} filename="puente-facilitation-sequence" />
          </div>
          {seq.data && (
            <ol className="tf-next">
              {(['A', 'B', 'C'] as const).map((stage) => (
                <li key={stage} data-stage={stage}>
                  <div className="tf-next__head">
                    <span className="tf-stage">{t('facilitation.stage', { stage })}</span>
                    <span className="tf-next__name">{t(`facilitation.stageLabel.${stage}`)}</span>
                  </div>
                  <ul className="tf-why">
                    {seq.data.rows
                      .filter((s) => s.stage === stage)
                      .map((s) => (
                        <li key={s.id}>
                          {s.measure ? measureName(s.measure) : t(`facilitation.step.${s.id}`)}
                          {s.measure && s.puente_reading && <span className="muted small"> — {t('facilitation.studyCalls', { label: t(`facilitation.step.${s.id}`) })}</span>}
                          {!s.measure && <span className="muted small"> — {t('facilitation.notTracked')}</span>}
                          {s.alt_stages && <span className="muted small"> ({t('facilitation.altStages', { stages: s.alt_stages.replace(/~/g, ', ') })})</span>}
                          {s.prerequisites && <span className="small"> · {t('facilitation.after', { list: s.prerequisites.split('~').map((p) => measureName(p)).join(', ') })}</span>}
                          {(s.puente_reading || (s.prerequisites && seq.data.sequence?.links.some((l) => l.to === s.measure && l.puente_reading))) && (
                            <span className="badge tf-reading" title={t('facilitation.readingHint')}>
                              {t('facilitation.reading')}
                            </span>
                          )}
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
          <p className="small muted">{seq.data?.sequence?.provenance.source}</p>
        </section>
      </div>
      <p className="small muted">{t('facilitation.groupsLine', { groups: CORE_GROUPS.map((g) => t(`facilitation.group.${g}`)).join(' · ') })}</p>
    </div>
  );
}
