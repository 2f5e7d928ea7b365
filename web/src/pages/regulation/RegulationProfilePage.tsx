import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, regEconomyRequest, useCountries, useRegEconomy, type RegAnswerRow, type RegEconomyEnvelope, type RegEscapMeasure, type Source } from '../../api';
import { pillarState } from '../../charts/pillar-state';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { PillarChart } from '../../components/PillarChart';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { Tabs } from '../../components/Tabs';
import { ContentText, Untranslated } from '../../components/ContentText';
import { contentLabel, RDTII_ANSWER, RDTII_INDICATOR, RDTII_PILLAR } from '../../lib/content';
import { countryName } from '../../lib/country-names';
import { formatNumber } from '../../lib/format';
import { embedPath } from '../../lib/embed';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState, withLang } from '../../lib/url-state';
import NotFoundPage from '../NotFoundPage';
import { MeasureRecords } from './MeasureRecords';
import { BasisBadge, EconomySelect, NotEnough, RegulationSubnav, ScoreModeSwitch, Unknown } from './RegulationParts';
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
  const mode = url.get('scores') === 'corrected' ? 'corrected' : 'recorded';
  const req = regEconomyRequest(iso3, mode);
  const q = useRegEconomy(req);
  const data = q.data;

  const pillars = useMemo(
    () => pillarState((data?.scores.pillars ?? []).map((p) => ({ id: p.id, label: `${p.pillar}. ${contentLabel(RDTII_PILLAR, p.id, p.name, lang)}`, score: p.score, coverage: p.coverage }))),
    [data, lang],
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
            <span><ContentText k={RDTII_INDICATOR} id={c.row.original.indicator_id} source={c.row.original.indicator} /></span>
          </span>
        ),
      },
      {
        id: 'answer',
        header: t('regulation.answer'),
        accessorFn: (r) => r.category ?? undefined,
        cell: (c) => (
          <>
            {c.row.original.score === null ? <Unknown /> : c.row.original.category_id ? <ContentText k={RDTII_ANSWER} id={c.row.original.category_id} source={c.row.original.category ?? c.row.original.category_id} /> : c.row.original.category}
            {c.row.original.disputed.length > 0 && (
              <div>
                <a href={`#escap-${c.row.original.disputed[0]}`} className="badge reg-disputed" data-testid={`reg-disputed-${c.row.original.indicator_id}`}>
                  {t('regData.disputedBadge', { count: c.row.original.disputed.length })}
                </a>
              </div>
            )}
          </>
        ),
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
            <details className="reg-explanation">
              <summary>{t('regData.why')}</summary>
              {r.explanation ? <Untranslated text={r.explanation} lang="en" reason="untranslated" /> : r.score === null ? t('regulation.noEvidence') : ''}
              {r.measures.length > 0 && <div>{t('regulation.measuresList', { list: r.measures.join(', ') })}</div>}
              {r.pending.length > 0 && <div>{t('regulation.pendingList', { list: r.pending.join(', ') })}</div>}
            </details>
          );
        },
      },
    ],
    [t, lang],
  );

  // An unknown economy: a not-found page, without the controls and downloads of a profile.
  if (q.error instanceof ApiError && q.error.status === 404) {
    return <NotFoundPage what={t('web16.notFound.country', { code: raw })} back={{ to: '/regulation', label: t('nav.regulation') }} />;
  }

  return (
    <div className="page" data-testid="page-regulation-profile">
      <h1>{t('regulation.profile.title', { name })}</h1>
      <RegulationSubnav current="profile" />
      <div className="controls controls--wrap" style={{ marginBottom: '0.75rem' }}>
        <EconomySelect options={members} value={iso3} onChange={(c) => navigate(withLang(`/regulation/${c}`, window.location.search))} label={t('regulation.economy')} testid="reg-profile-economy" />
        <ScoreModeSwitch value={mode} onChange={(v) => url.set({ scores: v === 'recorded' ? null : v }, { push: true })} />
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
                {!data.enough_coverage && data.scores.overall.score !== null && (
                  <dd className="small">
                    <NotEnough coverage={data.scores.overall.coverage} lang={lang} />
                  </dd>
                )}
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
            {!data.enough_coverage && (
              <p className="notice reg-note" data-testid="reg-profile-gate">
                {t('regData.profileGate', { coverage: formatPercent(data.scores.overall.coverage, lang), min: formatPercent(data.min_coverage, lang) })}
              </p>
            )}
            <p className="muted small" data-testid="reg-profile-mode-note">
              {t(data.scores_mode === 'corrected' ? 'regData.mode.showingCorrected' : 'regData.mode.showingRecorded')}
            </p>
            <h3>{t('regulation.pillarsTitle')}</h3>
            <PillarChart
              state={pillars}
              label={t('regulation.pillarsTitle')}
              xLabel={t('regulation.scoreAxis')}
              unknownLabel={t('regulation.unknown')}
              coverageLabel={t('regulation.coverageShort')}
              minCoverage={data.min_coverage}
              lowCoverageLabel={t('regData.lowCoverage')}
              testid="reg-pillar-chart"
              share={{
                meta: {
                  title: `${t('regulation.pillarsTitle')}: ${name}`,
                  subtitle: [t('regulation.profile.title', { name }), `${t('regData.mode.label')}: ${t(`regData.mode.${mode}`)}`].join(' · '),
                  sources: data.sources,
                },
                embed: embedPath(`/regulation/${iso3}`, url.params),
              }}
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
                pageSize={wide() ? 0 : 12}
                testid="reg-answers-table"
              />
            </Tabs>
            <SourceLine sources={pick(data.sources, data.rows.flatMap((r) => r.source_ids))} />
          </section>

          {data.escap_measures.length > 0 && <VerificationCard data={data} />}
          {data.escap_measures.length > 0 && <EscapMeasuresCard data={data} />}
          <div className="grid grid--2">
            <CyberlawCard data={data} />
            <DeMinimisCard data={data} />
          </div>
          {data.legal_inventory.length > 0 && <InventoryCard data={data} />}
          <TreatiesCard data={data} />
          <MeasureRecords iso3={iso3} />
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
      <p className="notice reg-note small" data-testid="reg-cyberlaw-polarity">
        {t('regData.cyberPolarity')}
      </p>
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
                {t('regData.cyberScore')}
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
                  {s.flagged && <div className="reg-explanation">⚠ <Untranslated text={s.flagged} lang="en" /></div>}
                </td>
                <td className="num">{s.score === null ? <Unknown /> : formatNumber(s.score, i18n.language, 1)}</td>
                <td>
                  {s.laws.length ? (
                    <details open={wide()}>
                      <summary className="small">{t('regData.lawsCount', { count: s.laws.length })}</summary>
                      <ul className="reg-laws">
                        {s.laws.map((l) => (
                          <li key={l.url}>
                            <a href={l.url} rel="noopener noreferrer" target="_blank">
                              {(l.title ?? l.url).replace(/<br>/g, ' ')}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </details>
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
                {d.channel && <div className="small">{t('facilitation.col.channel')}: <Untranslated text={d.channel} lang="en" /></div>}
                {d.effective_from && <div className="small muted">{t('regulation.deMinimis.since', { date: d.effective_from })}</div>}
                {d.notes && <div className="reg-explanation"><Untranslated text={d.notes} lang="en" /></div>}
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
      <details open={wide()} className="reg-group">
        <summary>{t('regData.treatiesShow', { count: data.treaties.length })}</summary>
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
                    {r.notes && <Untranslated text={r.notes} lang="en" />}{' '}
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
      </details>
      <SourceLine sources={pick(data.sources, data.treaties.map((r) => r.source_id))} />
    </section>
  );
}

/** One ESCAP measure: law, what it does, scores, verification, origin. */
function EscapMeasure({ m, index }: { m: RegEscapMeasure; index?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const disputed = m.gov_feedback === 'Not correct';
  return (
    <li id={`escap-${m.id}`} className={`reg-measure${disputed ? ' reg-measure--disputed' : ''}`} data-testid={`escap-measure-${m.id}`} data-feedback={m.gov_feedback ?? ''} data-index={index}>
      <div className="reg-measure__head">
        <span className="reg-indicator__id">{m.indicator_id}</span> <strong lang="en">{m.act_or_practice.split('\n')[0]}</strong>
      </div>
      <div className="reg-measure__scores small">
        {t('regData.recordedScore')}: <strong data-role="recorded">{formatNumber(m.raw_score, lang, 2)}</strong>
        {m.correction && (
          <>
            {' · '}
            {t('regData.correctedScore')}:{' '}
            <strong data-role="corrected">{m.corrected_score === null ? t('regData.setAside') : formatNumber(m.corrected_score, lang, 2)}</strong> ({t(`regData.correction.${m.correction}`)})
          </>
        )}
        {m.gov_feedback && (
          <span className={`badge ${disputed ? 'reg-disputed' : 'reg-verified'}`} data-testid={disputed ? 'badge-not-correct' : 'badge-correct'}>
            {disputed ? t('regData.notCorrect') : t('regData.correct')}
          </span>
        )}
      </div>
      {disputed && (
        <div className="reg-verification" data-testid="escap-verification">
          {m.gov_action && (
            <p>
              <strong>{t('regData.requestedChange')}:</strong> <span data-role="action">{m.gov_action}</span>
            </p>
          )}
          {m.gov_feedback_full && (
            <details>
              <summary>{t('regData.feedback')}</summary>
              <p className="reg-explanation">{m.gov_feedback_full}</p>
            </details>
          )}
        </div>
      )}
      {m.gov_question && (
        <p className="reg-question" data-testid="escap-question">
          <strong>{t('regData.openQuestion')}:</strong> {m.gov_question}
        </p>
      )}
      <details className="small">
        <summary>{t('regData.details')}</summary>
        {m.coverage && (
          <p>
            <strong>{t('regData.coverageField')}:</strong> {m.coverage}
          </p>
        )}
        {m.impact && <p className="reg-explanation">{m.impact}</p>}
        {m.timeframe && (
          <p>
            <strong>{t('regData.timeframe')}:</strong> {m.timeframe}
          </p>
        )}
        {m.note && <p className="reg-explanation muted">{m.note}</p>}
        {m.urls.length > 0 && (
          <ul className="reg-laws">
            {m.urls.map((u) => (
              <li key={u}>
                <a href={u} rel="noopener noreferrer" target="_blank">
                  {u.length > 70 ? `${u.slice(0, 69)}…` : u}
                </a>
              </li>
            ))}
          </ul>
        )}
        <p className="muted">{t('regData.origin', { workbook: m.workbook, sheet: m.sheet, row: m.sheet_row })}</p>
      </details>
    </li>
  );
}

/** Long lists start folded on a phone and open on a wide screen. */
const wide = () => typeof window === 'undefined' || window.innerWidth >= 700;

/** The government verification loop: measures marked "Not correct", and open questions. */
function VerificationCard({ data }: { data: RegEconomyEnvelope }) {
  const { t } = useTranslation();
  const disputed = data.escap_measures.filter((m) => m.gov_feedback === 'Not correct');
  const correct = data.escap_measures.filter((m) => m.gov_feedback === 'Correct').length;
  const questions = data.escap_measures.filter((m) => m.gov_question);
  if (!disputed.length && !correct && !questions.length) return null;
  return (
    <section className="card" aria-labelledby="reg-verif-h" data-testid="reg-verification">
      <h2 id="reg-verif-h">{t('regData.verificationTitle')}</h2>
      <p className="muted small">{t('regData.verificationSummary', { correct, notCorrect: disputed.length, questions: questions.length })}</p>
      {disputed.length > 0 && (
        <details open={wide()} className="reg-group" data-testid="reg-disputed-list">
          <summary>{t('regData.disputedTitle', { count: disputed.length })}</summary>
          <ul className="plain-list reg-measures">
            {disputed.map((m, i) => (
              <EscapMeasure key={m.id} m={m} index={i} />
            ))}
          </ul>
        </details>
      )}
      {questions.length > 0 && (
        <details open className="reg-group" data-testid="reg-questions">
          <summary>{t('regData.questionsTitle', { count: questions.length })}</summary>
          <ul className="plain-list reg-measures">
            {questions.map((m) => (
              <EscapMeasure key={m.id} m={m} />
            ))}
          </ul>
        </details>
      )}
      <SourceLine sources={pick(data.sources, disputed.concat(questions).map((m) => m.source_id))} />
    </section>
  );
}

/** Every ESCAP measure of the economy, folded by pillar. */
function EscapMeasuresCard({ data }: { data: RegEconomyEnvelope }) {
  const { t, i18n } = useTranslation();
  const pillars = [...new Set(data.escap_measures.map((m) => m.pillar))].sort((a, b) => a - b);
  const names = new Map(data.scores.pillars.map((p) => [p.pillar, contentLabel(RDTII_PILLAR, p.id, p.name, i18n.language)]));
  return (
    <section className="card" aria-labelledby="reg-escap-h" data-testid="reg-escap-measures">
      <h2 id="reg-escap-h">{t('regData.measuresTitle', { count: data.escap_measures.length })}</h2>
      <p className="muted small">{t('regData.measuresNote')}</p>
      {i18n.language !== 'en' && <p className="muted small" data-untranslated="original">{t('content.escapTexts')}</p>}
      {pillars.map((p) => {
        const list = data.escap_measures.filter((m) => m.pillar === p);
        return (
          <details key={p} className="reg-group" data-testid={`reg-escap-pillar-${p}`}>
            <summary>
              {t('regulation.pillar')} {p}. {names.get(p) ?? ''} <span className="muted small">({list.length})</span>
            </summary>
            <ul className="plain-list reg-measures">
              {list.map((m) => (
                <EscapMeasure key={m.id} m={m} />
              ))}
            </ul>
          </details>
        );
      })}
      <SourceLine sources={pick(data.sources, data.escap_measures.map((m) => m.source_id))} />
    </section>
  );
}

/** ESCAP's legal inventory: laws per indicator, candidate sources beside the cyberlaw baseline. */
function InventoryCard({ data }: { data: RegEconomyEnvelope }) {
  const { t, i18n } = useTranslation();
  const pillars = [...new Set(data.legal_inventory.map((m) => m.pillar))].sort((a, b) => a - b);
  const names = new Map(data.scores.pillars.map((p) => [p.pillar, contentLabel(RDTII_PILLAR, p.id, p.name, i18n.language)]));
  return (
    <section className="card" aria-labelledby="reg-inv-h" data-testid="reg-legal-inventory">
      <h2 id="reg-inv-h">{t('regData.inventoryTitle', { count: data.legal_inventory.length })}</h2>
      <p className="muted small">{t('regData.inventoryNote')}</p>
      {i18n.language !== 'en' && <p className="muted small" data-untranslated="original">{t('content.escapTexts')}</p>}
      {pillars.map((p) => {
        const list = data.legal_inventory.filter((m) => m.pillar === p);
        const ids = [...new Set(list.map((l) => l.indicator_id))];
        return (
          <details key={p} className="reg-group">
            <summary>
              {t('regulation.pillar')} {p}. {names.get(p) ?? ''} <span className="muted small">({list.length})</span>
            </summary>
            {ids.map((id) => (
              <div key={id} className="small">
                <strong>
                  {id} <ContentText k={RDTII_INDICATOR} id={id} source={list.find((l) => l.indicator_id === id)!.indicator_label.split('\n')[0]} />
                </strong>
                <ul className="reg-laws">
                  {list
                    .filter((l) => l.indicator_id === id)
                    .map((l) => (
                      <li key={l.seq}>
                        {l.reference_url ? (
                          <a href={l.reference_url} rel="noopener noreferrer" target="_blank" lang="en">
                            {l.act_or_practice}
                          </a>
                        ) : (
                          <span lang="en">{l.act_or_practice}</span>
                        )}
                        {l.timeframe && <span className="muted"> · {l.timeframe}</span>}
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </details>
        );
      })}
      <SourceLine sources={pick(data.sources, data.legal_inventory.map((l) => l.source_id))} />
    </section>
  );
}
