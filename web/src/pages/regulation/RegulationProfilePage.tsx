import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { regEconomyRequest, useCountries, useRegEconomy, type RegAnswerRow, type RegEconomyEnvelope, type Source } from '../../api';
import { pillarState } from '../../charts/pillar-state';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { PillarChart } from '../../components/PillarChart';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { Tabs } from '../../components/Tabs';
import { countryName } from '../../lib/country-names';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState, withLang } from '../../lib/url-state';
import { BasisBadge, EconomySelect, RegulationSubnav, Unknown } from './RegulationParts';
import { formatPercent, formatShare } from './regulation-view';

type Show = 'known' | 'unknown' | 'all';

function pick(sources: readonly Source[] | undefined, ids: readonly string[]): Source[] {
  const want = new Set(ids);
  return (sources ?? []).filter((s) => want.has(s.id));
}

/** One economy's regulatory profile: pillars, answers (known and unknown), legal baseline, de minimis, treaties. */
export default function RegulationProfilePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { iso3: raw = '' } = useParams();
  const iso3 = raw.toUpperCase();
  const url = useUrlState();
  const navigate = useNavigate();
  const show: Show = url.get('show') === 'unknown' ? 'unknown' : url.get('show') === 'all' ? 'all' : 'known';
  const name = countryName(iso3, lang);
  useDocumentTitle(`${t('regulation.profile.title', { name })}`);
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const req = regEconomyRequest(iso3);
  const q = useRegEconomy(req);
  const data = q.data;

  const pillars = useMemo(
    () => pillarState((data?.scores.pillars ?? []).map((p) => ({ id: p.id, label: `${p.pillar}. ${p.name}`, score: p.score, coverage: p.coverage }))),
    [data],
  );
  const rows = useMemo(() => {
    const all = data?.rows ?? [];
    return show === 'all' ? all : all.filter((r) => (show === 'known' ? r.score !== null : r.score === null));
  }, [data, show]);

  const columns = useMemo<ColumnDef<RegAnswerRow, unknown>[]>(
    () => [
      { id: 'pillar', header: t('regulation.pillar'), accessorFn: (r) => r.pillar, meta: { numeric: true } },
      {
        id: 'indicator',
        header: t('regulation.indicator'),
        accessorFn: (r) => r.indicator_id,
        cell: (c) => (
          <span className="reg-indicator">
            <span className="reg-indicator__id">{c.row.original.indicator_id}</span>
            <span>{c.row.original.indicator}</span>
          </span>
        ),
      },
      {
        id: 'answer',
        header: t('regulation.answer'),
        accessorFn: (r) => r.category ?? undefined,
        cell: (c) => (c.row.original.score === null ? <Unknown /> : (c.row.original.category ?? c.row.original.category_id)),
      },
      {
        id: 'score',
        header: t('regulation.score'),
        accessorFn: (r) => r.score ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <Unknown /> : formatShare(c.getValue() as number, lang, 2)),
      },
      { id: 'basis', header: t('regulation.basisLabel'), accessorFn: (r) => r.basis, cell: (c) => <BasisBadge basis={c.row.original.basis} /> },
      {
        id: 'explanation',
        header: t('regulation.evidence'),
        enableSorting: false,
        meta: { className: 'wide' },
        accessorFn: (r) => r.explanation ?? '',
        cell: (c) => {
          const r = c.row.original;
          return (
            <div className="reg-explanation">
              {r.explanation ?? (r.score === null ? t('regulation.noEvidence') : '')}
              {r.measures.length > 0 && <div>{t('regulation.measuresList', { list: r.measures.join(', ') })}</div>}
              {r.pending.length > 0 && <div>{t('regulation.pendingList', { list: r.pending.join(', ') })}</div>}
            </div>
          );
        },
      },
    ],
    [t, lang],
  );

  return (
    <div className="page" data-testid="page-regulation-profile">
      <h1>{t('regulation.profile.title', { name })}</h1>
      <RegulationSubnav current="profile" />
      <div className="controls" style={{ marginBottom: '0.75rem' }}>
        <EconomySelect options={members} value={iso3} onChange={(c) => navigate(withLang(`/regulation/${c}`, window.location.search))} label={t('regulation.economy')} testid="reg-profile-economy" />
        <LangLink to={`/regulation/simulate?economy=${iso3}&partners=${iso3 === 'CHL' ? 'PER' : 'CHL'}`} data-testid="reg-profile-simulate">
          {t('regulation.profile.simulate')}
        </LangLink>
        <LangLink to={`/countries/${iso3}`}>{t('regulation.profile.country')}</LangLink>
      </div>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {data && (
        <div className="reg-stack">
          <section className="card" aria-labelledby="reg-summary-h">
            <div className="card__head">
              <div>
                <h2 id="reg-summary-h">{t('regulation.profile.summary')}</h2>
                <p className="muted small">{t('regulation.profile.framework', { framework: data.framework })}</p>
              </div>
              <DownloadMenu request={req} filename={`puente-regulation-${iso3}`} />
            </div>
            <dl className="stats" data-testid="reg-profile-stats">
              <div className="stats__item">
                <dt>{t('regulation.overall')}</dt>
                <dd data-testid="reg-profile-overall">{data.scores.overall.score === null ? <Unknown /> : formatShare(data.scores.overall.score, lang, 2)}</dd>
              </div>
              <div className="stats__item">
                <dt>{t('regulation.coverage')}</dt>
                <dd data-testid="reg-profile-coverage">{formatPercent(data.scores.overall.coverage, lang)}</dd>
              </div>
              <div className="stats__item">
                <dt>{t('regulation.profile.knownAnswers')}</dt>
                <dd data-testid="reg-profile-known">
                  {data.known.length} / {data.rows.length}
                </dd>
              </div>
              <div className="stats__item">
                <dt>{t('regulation.pillarsKnown')}</dt>
                <dd>
                  {data.scores.overall.pillarsKnown} / {data.scores.overall.pillarsTotal}
                </dd>
              </div>
            </dl>
            <p className="muted small">{t('regulation.scaleNote')}</p>
            <h3>{t('regulation.pillarsTitle')}</h3>
            <PillarChart
              state={pillars}
              label={t('regulation.pillarsTitle')}
              xLabel={t('regulation.scoreAxis')}
              unknownLabel={t('regulation.unknown')}
              coverageLabel={t('regulation.coverageShort')}
              testid="reg-pillar-chart"
            />
            <SourceLine sources={data.sources} />
          </section>

          <section className="card" aria-labelledby="reg-answers-h">
            <h2 id="reg-answers-h">{t('regulation.profile.answers')}</h2>
            <p className="muted small">{t('regulation.profile.answersNote')}</p>
            <Tabs
              tabs={[
                { id: 'known', label: t('regulation.profile.tabKnown', { count: data.known.length }) },
                { id: 'unknown', label: t('regulation.profile.tabUnknown', { count: data.unknown.length }) },
                { id: 'all', label: t('regulation.profile.tabAll', { count: data.rows.length }) },
              ]}
              selected={show}
              onChange={(v) => url.set({ show: v === 'known' ? null : v }, { push: true })}
              label={t('regulation.profile.answers')}
            >
              <DataTable
                data={rows}
                columns={columns}
                caption={t('regulation.profile.answers')}
                captionHidden
                getRowId={(r) => r.indicator_id}
                rowClassName={(r) => (r.score === null ? 'reg-row--unknown' : undefined)}
                rowHeaderId="indicator"
                pageSize={0}
                testid="reg-answers-table"
              />
            </Tabs>
            <SourceLine sources={pick(data.sources, data.rows.flatMap((r) => r.source_ids))} />
          </section>

          <div className="grid grid--2">
            <CyberlawCard data={data} />
            <DeMinimisCard data={data} />
          </div>
          <TreatiesCard data={data} />
        </div>
      )}
    </div>
  );
}

function CyberlawCard({ data }: { data: RegEconomyEnvelope }) {
  const { t, i18n } = useTranslation();
  const c = data.cyberlaw;
  return (
    <section className="card" aria-labelledby="reg-cyber-h" data-testid="reg-cyberlaw">
      <h2 id="reg-cyber-h">{t('regulation.cyberlaw.title')}</h2>
      <p className="muted small">
        {t('regulation.cyberlaw.summary', { known: c.known, areas: c.areas })}{' '}
        {c.score === null ? <Unknown /> : <strong data-testid="reg-cyberlaw-score">{formatShare(c.score, i18n.language, 2)}</strong>}
      </p>
      <div className="data-table__scroll" role="region" aria-labelledby="reg-cyber-h" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('regulation.cyberlaw.area')}</th>
              <th scope="col">{t('regulation.cyberlaw.status')}</th>
              <th scope="col" className="num">
                {t('regulation.score')}
              </th>
              <th scope="col">{t('regulation.cyberlaw.laws')}</th>
            </tr>
          </thead>
          <tbody>
            {c.statuses.map((s) => (
              <tr key={s.area} data-area={s.area}>
                <th scope="row">{t(`regulation.cyberlaw.areas.${areaKey(s.area)}`, { defaultValue: s.area })}</th>
                <td>
                  {t(`regulation.cyberlaw.statuses.${statusKey(s.status)}`, { defaultValue: s.status })}
                  {s.flagged && <div className="reg-explanation">⚠ {s.flagged}</div>}
                </td>
                <td className="num">{s.score === null ? <Unknown /> : formatNumber(s.score, i18n.language, 1)}</td>
                <td>
                  {s.laws.length ? (
                    <ul className="reg-laws">
                      {s.laws.map((l) => (
                        <li key={l.url}>
                          <a href={l.url} rel="noopener noreferrer" target="_blank">
                            {(l.title ?? l.url).replace(/<br>/g, ' ')}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('regulation.cyberlaw.noLaws')}</span>
                  )}
                </td>
              </tr>
            ))}
            {c.statuses.length === 0 && (
              <tr>
                <td colSpan={4}>
                  <Unknown />
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <SourceLine sources={pick(data.sources, c.statuses.map((s) => s.source_id))} />
    </section>
  );
}

const areaKey = (a: string) => a.toLowerCase().replace(/[^a-z]+/g, '_');
const statusKey = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '_');

function DeMinimisCard({ data }: { data: RegEconomyEnvelope }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="reg-dm-h" data-testid="reg-de-minimis">
      <h2 id="reg-dm-h">{t('regulation.deMinimis.title')}</h2>
      {data.de_minimis.length === 0 ? (
        <p>
          <Unknown /> {t('regulation.deMinimis.none')}
        </p>
      ) : (
        <dl className="facts">
          {data.de_minimis.map((d, i) => (
            <div key={i} data-kind={d.kind}>
              <dt>{t(`regulation.deMinimis.kinds.${d.kind}`, { defaultValue: d.kind })}</dt>
              <dd>
                <strong>
                  {d.amount_value !== null ? `${formatNumber(d.amount_value, i18n.language, 0)} ${d.currency ?? ''}` : d.amount}
                </strong>
                {d.usd_approx !== null && d.currency !== 'USD' ? ` (≈ USD ${formatNumber(d.usd_approx, i18n.language, 0)})` : ''}
                {d.channel && <div className="small">{t('regulation.deMinimis.channel', { channel: d.channel })}</div>}
                {d.effective_from && <div className="small muted">{t('regulation.deMinimis.since', { date: d.effective_from })}</div>}
                {d.notes && <div className="reg-explanation">{d.notes}</div>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <SourceLine sources={pick(data.sources, data.de_minimis.map((d) => d.source_id))} />
    </section>
  );
}

function TreatiesCard({ data }: { data: RegEconomyEnvelope }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="reg-tr-h" data-testid="reg-treaties">
      <h2 id="reg-tr-h">{t('regulation.treaties.title')}</h2>
      <p className="muted small">{t('regulation.treaties.note')}</p>
      <div className="data-table__scroll" role="region" aria-labelledby="reg-tr-h" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('regulation.treaties.instrument')}</th>
              <th scope="col">{t('regulation.treaties.status')}</th>
              <th scope="col">{t('regulation.treaties.date')}</th>
              <th scope="col" className="wide">
                {t('regulation.treaties.notes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.treaties.map((r) => (
              <tr key={r.instrument} data-instrument={r.instrument}>
                <th scope="row">{t(`regulation.instruments.${r.instrument}`, { defaultValue: r.instrument })}</th>
                <td>{r.status === 'unknown' ? <Unknown /> : t(`regulation.treaties.statuses.${r.status}`, { defaultValue: r.status.replace(/_/g, ' ') })}</td>
                <td>{r.date ?? ''}</td>
                <td className="reg-explanation">
                  {r.notes}{' '}
                  {r.source_url && (
                    <a href={r.source_url} rel="noopener noreferrer" target="_blank">
                      {t('regulation.treaties.source')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SourceLine sources={pick(data.sources, data.treaties.map((r) => r.source_id))} />
    </section>
  );
}
