import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { regCompareRequest, useCountries, useRegCompare, type RegCompareEnvelope } from '../../api';
import { gridState } from '../../charts/heatmap-state';
import { DataTable } from '../../components/DataTable';
import { HeatmapChart } from '../../components/HeatmapChart';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState, withLang } from '../../lib/url-state';
import { EconomySelect, NotEnough, RegulationSubnav, ScoreModeSwitch, Unknown } from './RegulationParts';
import { formatPercent, formatShare } from './regulation-view';

type ScoreRow = RegCompareEnvelope['scores'][number];

/** Overview: pick an economy; every member's overall score with how much of it is known. */
export default function RegulationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  useDocumentTitle(t('regulation.title'));
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const url = useUrlState();
  const mode = url.get('scores') === 'corrected' ? 'corrected' : 'recorded';
  const req = members.length > 1 ? regCompareRequest(members, mode) : null;
  const compare = useRegCompare(req);
  const all = compare.data?.scores ?? [];
  // Only scores resting on enough of the framework are ranked; the others are listed apart.
  const rows = useMemo(() => all.filter((r) => r.enough_coverage).sort((a, b) => (a.overall ?? 0) - (b.overall ?? 0)), [all]);
  const apart = useMemo(() => all.filter((r) => !r.enough_coverage).sort((a, b) => b.coverage - a.coverage), [all]);
  const grid = useMemo(
    () =>
      gridState(
        [...rows, ...apart].map((r) => r.iso3),
        (all[0]?.pillars ?? []).map((p) => p.id),
        all.flatMap((r) => r.pillars.map((p) => ({ row: r.iso3, col: p.id, value: p.score, coverage: p.coverage }))),
      ),
    [rows, apart, all],
  );
  const pillarName = useMemo(() => new Map((all[0]?.pillars ?? []).map((p) => [p.id, `${p.pillar}`])), [all]);
  const labelOf = useCallback((k: string) => countryName(k, lang), [lang]);
  const colLabelOf = useCallback((k: string) => pillarName.get(k) ?? k, [pillarName]);

  const columns = useMemo<ColumnDef<ScoreRow, unknown>[]>(
    () => [
      { id: 'rank', header: t('regData.rank'), accessorFn: (r) => rows.indexOf(r) + 1, meta: { numeric: true } },
      {
        id: 'economy',
        header: t('table.country'),
        accessorFn: (r) => countryName(r.iso3, lang),
        cell: (c) => (
          <LangLink to={`/regulation/${c.row.original.iso3}`} data-testid={`reg-economy-link-${c.row.original.iso3}`}>
            {String(c.getValue())}
          </LangLink>
        ),
      },
      {
        id: 'overall',
        header: t('regulation.overall'),
        accessorFn: (r) => r.overall ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <Unknown /> : formatShare(c.getValue() as number, lang, 2)),
      },
      {
        id: 'coverage',
        header: t('regulation.coverage'),
        accessorFn: (r) => r.coverage,
        meta: { numeric: true },
        cell: (c) => formatPercent(c.getValue() as number, lang),
      },
      {
        id: 'pillars',
        header: t('regulation.pillarsKnown'),
        accessorFn: (r) => r.pillars.filter((p) => p.score !== null).length,
        meta: { numeric: true },
        cell: (c) => `${c.getValue() as number} / ${c.row.original.pillars.length}`,
      },
    ],
    [t, lang, rows],
  );

  return (
    <div className="page" data-testid="page-regulation">
      <h1>{t('regulation.title')}</h1>
      <RegulationSubnav current="overview" />
      <p className="lead">{t('regulation.lead')}</p>
      <div className="notice reg-note" data-testid="reg-coverage-notice">
        {t('regData.gateNotice', { min: formatPercent(compare.data?.min_coverage ?? 0.7, lang) })}
      </div>
      <ScoreModeSwitch value={mode} onChange={(v) => url.set({ scores: v === 'recorded' ? null : v }, { push: true })} />
      <div className="reg-stack" style={{ marginTop: '1rem' }}>
        <section className="card" aria-labelledby="reg-pick-h">
          <h2 id="reg-pick-h">{t('regulation.pickTitle')}</h2>
          <div className="controls">
            <EconomySelect options={members} value={null} onChange={(iso3) => navigate(withLang(`/regulation/${iso3}`, window.location.search))} label={t('regulation.economy')} testid="reg-economy-picker" />
          </div>
          <ul className="link-cards" style={{ marginTop: '1rem' }}>
            <li>
              <LangLink className="link-card" to="/regulation/compare?economies=PER~CHL~MEX~COL" data-testid="reg-card-compare">
                <span className="link-card__title">{t('regulation.subnav.compare')}</span>
                <span className="link-card__text">{t('regulation.compare.lead')}</span>
              </LangLink>
            </li>
            <li>
              <LangLink className="link-card" to="/regulation/pair?a=PER&b=CHL" data-testid="reg-card-pair">
                <span className="link-card__title">{t('regulation.subnav.pair')}</span>
                <span className="link-card__text">{t('regulation.pair.lead')}</span>
              </LangLink>
            </li>
            <li>
              <LangLink className="link-card" to="/regulation/simulate?economy=PER&partners=CHL~MEX~COL" data-testid="reg-card-simulate">
                <span className="link-card__title">{t('regulation.subnav.simulate')}</span>
                <span className="link-card__text">{t('regulation.sim.lead')}</span>
              </LangLink>
            </li>
          </ul>
        </section>
        <section className="card" aria-labelledby="reg-scores-h" aria-busy={compare.isFetching}>
          <div className="card__head">
            <div>
              <h2 id="reg-scores-h">{t('regulation.scoresTitle')}</h2>
              <p className="muted small">{t('regulation.scoresNote')}</p>
            </div>
            {req && <DownloadMenu request={req} filename="puente-regulation-compare" />}
          </div>
          {compare.isPending && <Loading />}
          {compare.isError && <ErrorBox error={compare.error} onRetry={() => compare.refetch()} />}
          {compare.data && (
            <>
              <h3>{t('regData.rankedTitle', { count: rows.length })}</h3>
              <DataTable data={rows} columns={columns} caption={t('regulation.scoresTitle')} captionHidden getRowId={(r) => r.iso3} pageSize={0} testid="reg-overview-table" />
              <h3>{t('regData.apartTitle', { count: apart.length })}</h3>
              <p className="muted small">{t('regData.apartNote', { min: formatPercent(compare.data.min_coverage, lang) })}</p>
              <ul className="reg-apart" data-testid="reg-overview-apart">
                {apart.map((r) => (
                  <li key={r.iso3} data-iso3={r.iso3}>
                    <LangLink to={`/regulation/${r.iso3}`}>{countryName(r.iso3, lang)}</LangLink> <NotEnough coverage={r.coverage} lang={lang} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <SourceLine sources={compare.data?.sources} />
        </section>
        {compare.data && (
          <section className="card" aria-labelledby="reg-grid-h">
            <h2 id="reg-grid-h">{t('regData.gridTitle')}</h2>
            <p className="muted small">{t('regData.gridNote', { min: formatPercent(compare.data.min_coverage, lang) })}</p>
            <details className="reg-group" open={typeof window === 'undefined' || window.innerWidth >= 700} data-testid="reg-pillar-grid">
              <summary>{t('regData.gridShow')}</summary>
              <HeatmapChart
                state={grid}
                label={t('regData.gridTitle')}
                labelOf={labelOf}
                colLabelOf={colLabelOf}
                valueLabel={t('regulation.score')}
                missingLabel={t('regulation.unknown')}
                coverageLabel={t('regulation.coverageShort')}
                minCoverage={compare.data.min_coverage}
                testid="reg-pillar-heatmap"
                share={{ meta: { title: t('regData.gridTitle'), subtitle: t('regData.gridNote', { min: formatPercent(compare.data.min_coverage, lang) }), sources: compare.data.sources } }}
              />
              <p className="muted small">{t('regData.gridLegend')}</p>
            </details>
            <SourceLine sources={compare.data.sources} />
          </section>
        )}
      </div>
    </div>
  );
}
