import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regCompareRequest, useCountries, useRegCompare } from '../../api';
import { heatmapState } from '../../charts/heatmap-state';
import { ContentText } from '../../components/ContentText';
import { CountryPicker } from '../../components/CountryPicker';
import { DownloadMenu } from '../../components/DownloadMenu';
import { HeatmapChart } from '../../components/HeatmapChart';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { Tabs } from '../../components/Tabs';
import { RDTII_PILLAR } from '../../lib/content';
import { countryName } from '../../lib/country-names';
import { parseIsoList } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { NotEnough, RegulationSubnav, Unknown } from './RegulationParts';
import { formatPercent, formatShare } from './regulation-view';

const DEFAULT = ['PER', 'CHL', 'MEX', 'COL'];
type Metric = 'H' | 'D';

/** Heatmap of regulatory distance between economies (H: differing answers, D: level gap), with coverage. */
export default function RegulationComparePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const metricId = useId();
  useDocumentTitle(t('regulation.compare.title'));
  const given = parseIsoList(url.get('economies'));
  const economies = given.length ? given : DEFAULT;
  const metric: Metric = url.get('metric') === 'D' ? 'D' : 'H';
  const view = url.get('view') === 'table' ? 'table' : 'chart';
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const req = economies.length >= 2 ? regCompareRequest(economies) : null;
  const q = useRegCompare(req);
  const data = q.data;
  const matrix = metric === 'H' ? data?.h : data?.d;
  const state = useMemo(() => heatmapState(data?.economies ?? [], matrix?.value ?? [], matrix?.coverage ?? []), [data, matrix]);
  const labelOf = useCallback((k: string) => countryName(k, lang), [lang]);
  const key = metric === 'H' ? 'h' : 'd';

  return (
    <div className="page" data-testid="page-regulation-compare">
      <h1>{t('regulation.compare.title')}</h1>
      <RegulationSubnav current="compare" />
      <p className="lead">{t('regulation.compare.lead')}</p>
      <div className="controls controls--panel controls--wrap" style={{ marginBottom: '1rem' }}>
        <CountryPicker options={members} selected={economies} onChange={(next) => url.set({ economies: next }, { push: true })} label={t('regulation.economies')} max={36} testid="reg-compare-picker" />
        <div className="field">
          <label htmlFor={metricId} className="field-label">
            {t('regulation.compare.metric')}
          </label>
          <select id={metricId} value={metric} onChange={(e) => url.set({ metric: e.target.value === 'H' ? null : e.target.value }, { push: true })} data-testid="reg-compare-metric">
            <option value="H">{t('regulation.compare.metricH')}</option>
            <option value="D">{t('regulation.compare.metricD')}</option>
          </select>
        </div>
      </div>
      {economies.length < 2 && <p className="notice">{t('regulation.compare.needTwo')}</p>}
      {q.isPending && req && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {data && (
        <div className="reg-stack">
          <section className="card" aria-labelledby="reg-heat-h" aria-busy={q.isFetching}>
            <div className="card__head">
              <div>
                <h2 id="reg-heat-h">{metric === 'H' ? t('regulation.compare.metricH') : t('regulation.compare.metricD')}</h2>
                <p className="muted small">{metric === 'H' ? t('regulation.compare.explainH') : t('regulation.compare.explainD')}</p>
              </div>
              {req && <DownloadMenu request={req} filename={`puente-regulation-compare-${economies.join('-')}`} />}
            </div>
            <Tabs
              tabs={[
                { id: 'chart', label: t('tabs.chart') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={view}
              onChange={(v) => url.set({ view: v === 'chart' ? null : v }, { push: true })}
              label={t('regulation.compare.title')}
            >
              {view === 'chart' ? (
                <>
                  <HeatmapChart
                    state={state}
                    label={t('regulation.compare.chartLabel', { metric })}
                    labelOf={labelOf}
                    valueLabel={metric}
                    missingLabel={t('regulation.unknown')}
                    coverageLabel={t('regulation.coverageShort')}
                    minCoverage={data.min_coverage}
                    testid="reg-heatmap"
                    share={{ meta: { title: t('regulation.compare.chartLabel', { metric }), subtitle: economies.map((e) => countryName(e, lang)).join(', '), sources: data.sources } }}
                  />
                  <ul className="legend__list" aria-label={t('chart.legend')}>
                    <li className="legend__item">{t('regulation.compare.legendCell')}</li>
                    <li className="legend__item">
                      <span className="reg-legend-swatch reg-legend-swatch--missing" aria-hidden="true" />
                      {t('regulation.compare.legendMissing')}
                    </li>
                    <li className="legend__item" data-testid="reg-legend-gate">
                      <span className="reg-legend-swatch reg-legend-swatch--gated" aria-hidden="true" />
                      {t('regData.legendGated', { min: formatPercent(data.min_coverage, lang) })}
                    </li>
                  </ul>
                </>
              ) : (
                <div className="data-table__scroll" role="region" aria-label={t('regulation.compare.pairsTable')} tabIndex={0}>
                  <table data-testid="reg-compare-table">
                    <caption className="sr-only">{t('regulation.compare.pairsTable')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('regulation.compare.pair')}</th>
                        <th scope="col" className="num">H</th>
                        <th scope="col" className="num">{t('regulation.coverage')}</th>
                        <th scope="col" className="num">D</th>
                        <th scope="col" className="num">{t('regulation.coverage')}</th>
                        <th scope="col" className="num">{t('regulation.compare.treaty')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.rows.map((r) => (
                        <tr key={`${r.a}-${r.b}`} data-pair={`${r.a}-${r.b}`} data-enough={r.enough_coverage ? 'true' : 'false'}>
                          <th scope="row">
                            <LangLink to={`/regulation/pair?a=${r.a}&b=${r.b}`}>
                              {countryName(r.a, lang)} – {countryName(r.b, lang)}
                            </LangLink>
                          </th>
                          <td className="num">{r.h === null ? <Unknown /> : r.enough_coverage ? formatShare(r.h, lang) : <NotEnough />}</td>
                          <td className="num">{formatPercent(r.h_coverage, lang)}</td>
                          <td className="num">{r.d === null ? <Unknown /> : r.enough_coverage ? formatShare(r.d, lang) : <NotEnough />}</td>
                          <td className="num">{formatPercent(r.d_coverage, lang)}</td>
                          <td className="num">
                            {r.treaty_jaccard === null ? <Unknown /> : formatShare(r.treaty_jaccard, lang, 2)}{' '}
                            <span className="muted small">({formatPercent(r.treaty_coverage, lang)})</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Tabs>
            <p className="muted small" data-testid="reg-compare-coverage-note">
              {t('regulation.compare.coverageNote', {
                min: formatPercent(Math.min(...data.rows.map((r) => r[`${key}_coverage`])), lang),
                max: formatPercent(Math.max(...data.rows.map((r) => r[`${key}_coverage`])), lang),
              })}
            </p>
            <SourceLine sources={data.sources} />
          </section>
          <section className="card" aria-labelledby="reg-disp-h">
            <h2 id="reg-disp-h">{t('regulation.compare.dispersion')}</h2>
            <p className="muted small">{t('regulation.compare.dispersionNote')}</p>
            <div className="data-table__scroll" role="region" aria-labelledby="reg-disp-h" tabIndex={0}>
              <table data-testid="reg-dispersion-table">
                <thead>
                  <tr>
                    <th scope="col">{t('regulation.pillar')}</th>
                    <th scope="col" className="num">{t('regulation.compare.meanH')}</th>
                    <th scope="col" className="num">{t('regulation.coverage')}</th>
                    <th scope="col" className="num">{t('regulation.compare.meanScore')}</th>
                    <th scope="col" className="num">{t('regulation.compare.pairsCompared')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.dispersion.map((p) => (
                    <tr key={p.pillarId}>
                      <th scope="row">
                        {p.pillar}. <ContentText k={RDTII_PILLAR} id={p.pillarId} source={p.name} />
                      </th>
                      <td className="num">{p.dispersion === null ? <Unknown /> : p.coverage < data.min_coverage ? <NotEnough coverage={p.coverage} lang={lang} /> : formatShare(p.dispersion, lang)}</td>
                      <td className="num">{formatPercent(p.coverage, lang)}</td>
                      <td className="num">{p.meanScore === null ? <Unknown /> : formatShare(p.meanScore, lang, 2)}</td>
                      <td className="num">
                        {p.pairs} / {p.totalPairs}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <SourceLine sources={data.sources} />
          </section>
        </div>
      )}
    </div>
  );
}
