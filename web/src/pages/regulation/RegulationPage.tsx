import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { regCompareRequest, useCountries, useRegCompare, type RegCompareEnvelope } from '../../api';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { useDocumentTitle } from '../../lib/use-document-title';
import { withLang } from '../../lib/url-state';
import { EconomySelect, RegulationSubnav, Unknown } from './RegulationParts';
import { formatPercent, formatShare } from './regulation-view';

type ScoreRow = RegCompareEnvelope['scores'][number];

/** Overview: pick an economy; every member's overall score with how much of it is known. */
export default function RegulationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  useDocumentTitle(t('regulation.title'));
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const req = members.length > 1 ? regCompareRequest(members) : null;
  const compare = useRegCompare(req);
  const rows = compare.data?.scores ?? [];

  const columns = useMemo<ColumnDef<ScoreRow, unknown>[]>(
    () => [
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
    [t, lang],
  );

  return (
    <div className="page" data-testid="page-regulation">
      <h1>{t('regulation.title')}</h1>
      <RegulationSubnav current="overview" />
      <p className="lead">{t('regulation.lead')}</p>
      <div className="notice reg-note" data-testid="reg-coverage-notice">
        {t('regulation.coverageNotice')}
      </div>
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
            <DataTable data={rows} columns={columns} caption={t('regulation.scoresTitle')} captionHidden getRowId={(r) => r.iso3} pageSize={0} testid="reg-overview-table" />
          )}
          <SourceLine sources={compare.data?.sources} />
        </section>
      </div>
    </div>
  );
}
