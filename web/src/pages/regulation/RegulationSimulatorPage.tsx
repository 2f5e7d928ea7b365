import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  regSimulateRequest,
  REGULATION_FRAMEWORK,
  useCountries,
  useRegEconomies,
  useRegFrameworks,
  useRegSimulate,
  type RegGoal,
  type RegReform,
  type RegSimRow,
  type RegSimulateEnvelope,
} from '../../api';
import { pillarState } from '../../charts/pillar-state';
import { ContentText } from '../../components/ContentText';
import { CountryPicker } from '../../components/CountryPicker';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { PillarChart } from '../../components/PillarChart';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { contentLabel, localiseFramework, RDTII_INDICATOR, RDTII_PILLAR } from '../../lib/content';
import { countryName } from '../../lib/country-names';
import { parseIsoList } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { DirectionBadge, EconomySelect, NotEnough, RaisesBadge, RegulationSubnav, Unknown } from './RegulationParts';
import {
  criterion,
  formatChange,
  formatEdits,
  formatPercent,
  formatShare,
  indexFramework,
  parseEdits,
  pickFramework,
  shortCategory,
  withEdit,
  type IndicatorRef,
} from './regulation-view';

const DEFAULT_PARTNERS = ['CHL', 'MEX', 'COL'];

function BeforeAfter({ before, after, digits = 3, testid }: { before: number | null; after: number | null; digits?: number; testid?: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const changed = before !== after;
  return (
    <span className="reg-before-after" data-testid={testid}>
      <span data-role="before">{before === null ? <Unknown /> : formatShare(before, lang, digits)}</span>
      {changed && (
        <>
          <span className="reg-before-after__arrow" aria-hidden="true">
            →
          </span>
          <strong data-role="after">{after === null ? <Unknown /> : formatShare(after, lang, digits)}</strong>
        </>
      )}
    </span>
  );
}

function Change({ value, testid }: { value: number | null | undefined; testid?: string }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return <span data-testid={testid} />;
  const cls = value < -1e-12 ? 'reg-change--down' : value > 1e-12 ? 'reg-change--up' : 'muted';
  return (
    <span className={cls} data-testid={testid} data-value={value}>
      {formatChange(value, i18n.language)}
    </span>
  );
}

/**
 * The convergence simulator: copy an economy's answers, edit them (the edits live in the URL),
 * and see scores, contributions and the distance to each partner before and after, with the
 * single-answer reforms that would bring it closest to the partners.
 */
export default function RegulationSimulatorPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const economy = (url.get('economy') ?? 'PER').toUpperCase();
  const givenPartners = parseIsoList(url.get('partners')).filter((p) => p !== economy);
  const partners = givenPartners.length ? givenPartners : DEFAULT_PARTNERS.filter((p) => p !== economy);
  const edits = useMemo(() => parseEdits(url.get('edit')), [url.get('edit')]); // eslint-disable-line react-hooks/exhaustive-deps
  const allRows = url.get('rows') === 'all';
  const goal: RegGoal = url.get('goal') === 'best_practice' ? 'best_practice' : url.get('goal') === 'average' ? 'average' : 'partners';
  const byGain = url.get('order') === 'gain';
  const [copied, setCopied] = useState(false);
  useDocumentTitle(t('regulation.sim.title'));

  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const fw = useRegFrameworks();
  const framework = pickFramework(fw.data?.frameworks, REGULATION_FRAMEWORK);
  const index = useMemo(() => indexFramework(localiseFramework(framework, lang, t('content.inEnglish'))), [framework, lang, t]);
  const order = useMemo(() => [...index.keys()], [index]);
  const req = regSimulateRequest({ economy, partners, edit: formatEdits(edits, order.length ? order : undefined), goal, order: byGain ? 'gain' : null });
  const q = useRegSimulate(req);
  const data = q.data;
  const partnerAnswers = useRegEconomies(partners);
  const partnerMap = useMemo(() => {
    const m = new Map<string, Map<string, string | null>>();
    partnerAnswers.forEach((p, i) => {
      if (p) m.set(partners[i], new Map(p.rows.map((r) => [r.indicator_id, r.score === null ? null : r.category_id])));
    });
    return m;
  }, [partnerAnswers.map((p) => (p ? p.rows.length : 0)).join(','), partners.join('~')]); // eslint-disable-line react-hooks/exhaustive-deps

  const writeEdits = (next: Map<string, string>) => url.set({ edit: formatEdits(next, order) }, { push: true });
  const rows = useMemo(() => {
    const all = data?.rows ?? [];
    if (allRows) return all;
    return all.filter((r) => r.score_before !== null || r.edited || partners.some((p) => partnerMap.get(p)?.get(r.indicator_id)));
  }, [data, allRows, partnerMap, partners.join('~')]); // eslint-disable-line react-hooks/exhaustive-deps

  const pillars = useMemo(
    () =>
      pillarState(
        (data?.pillars ?? []).map((p) => ({ id: p.id, label: `${p.pillar}. ${contentLabel(RDTII_PILLAR, p.id, p.name, lang)}`, score: p.score, coverage: p.coverage, after: p.score_after !== p.score ? p.score_after : undefined })),
      ),
    [data, lang],
  );

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="page" data-testid="page-regulation-simulate">
      <h1>{t('regulation.sim.title')}</h1>
      <RegulationSubnav current="simulate" />
      <p className="lead">{t('regulation.sim.lead')}</p>
      <div className="controls controls--panel controls--wrap" style={{ marginBottom: '1rem' }}>
        <EconomySelect options={members} value={economy} onChange={(v) => url.set({ economy: v, edit: null, partners: partners.filter((p) => p !== v) }, { push: true })} label={t('regulation.sim.economy')} testid="sim-economy" />
        <CountryPicker options={members.filter((m) => m !== economy)} selected={partners} onChange={(next) => url.set({ partners: next }, { push: true })} label={t('regulation.sim.partners')} max={35} testid="sim-partners-picker" />
        <div className="field">
          <label htmlFor="sim-goal" className="field-label">
            {t('regData.sim.goal')}
          </label>
          <select id="sim-goal" value={goal} onChange={(e) => url.set({ goal: e.target.value === 'partners' ? null : e.target.value }, { push: true })} data-testid="sim-goal">
            <option value="partners">{t('regData.sim.goals.partners')}</option>
            <option value="best_practice">{t('regData.sim.goals.best_practice')}</option>
            <option value="average">{t('regData.sim.goals.average')}</option>
          </select>
          <label className="check check--small">
            <input type="checkbox" checked={byGain} onChange={(e) => url.set({ order: e.target.checked ? 'gain' : null }, { push: true })} data-testid="sim-order-gain" /> {t('regData.sim.byGain')}
          </label>
        </div>
        <div className="field">
          <span className="field-label">{t('regulation.sim.scenario')}</span>
          <div className="controls">
            <button type="button" className="button button--small" onClick={() => writeEdits(new Map())} disabled={edits.size === 0} data-testid="sim-reset">
              {t('regulation.sim.reset', { count: edits.size })}
            </button>
            <button type="button" className="button button--link" onClick={copyLink} data-testid="sim-copy-link">
              {copied ? t('regulation.sim.copied') : t('regulation.sim.copyLink')}
            </button>
            <DownloadMenu request={req} filename={`puente-simulation-${economy}`} />
          </div>
        </div>
      </div>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {data && (
        <div className="reg-stack" aria-busy={q.isFetching}>
          <div className="reg-layout reg-layout--sim">
            <div className="reg-stack">
              <Summary data={data} />
              <PartnersCard data={data} />
            </div>
            <ReformsCard data={data} index={index} edits={edits} onApply={(r) => writeEdits(withEdit(edits, r.indicator_id, r.to, data.rows.find((x) => x.indicator_id === r.indicator_id)?.category_before ?? null))} />
          </div>
          <section className="card" aria-labelledby="sim-answers-h">
            <div className="card__head">
              <div>
                <h2 id="sim-answers-h">{t('regulation.sim.answers')}</h2>
                <p className="muted small">{t('regulation.sim.answersNote')}</p>
              </div>
              <label className="check check--small">
                <input type="checkbox" checked={!allRows} onChange={(e) => url.set({ rows: e.target.checked ? null : 'all' })} data-testid="sim-only-answered" />{' '}
                {t('regulation.sim.onlyAnswered')}
              </label>
            </div>
            <AnswersTable rows={rows} hidden={(data.rows.length ?? 0) - rows.length} index={index} partners={partners} partnerMap={partnerMap} onEdit={(id, cat, current) => writeEdits(withEdit(edits, id, cat, current))} />
            <SourceLine sources={data.sources} />
          </section>
          <section className="card" aria-labelledby="sim-pillars-h">
            <h2 id="sim-pillars-h">{t('regulation.sim.pillars')}</h2>
            <p className="muted small">{t('regulation.sim.pillarsNote')}</p>
            <PillarChart state={pillars} label={t('regulation.sim.pillars')} xLabel={t('regulation.scoreAxis')} unknownLabel={t('regulation.unknown')} coverageLabel={t('regulation.coverageShort')} minCoverage={data.min_coverage} lowCoverageLabel={t('regData.lowCoverage')} testid="sim-pillar-chart" share={{ meta: { title: t('regulation.sim.pillars'), subtitle: [countryName(data.economy, lang), t('regulation.sim.pillarsNote')].join(' · '), sources: data.sources } }} />
            <details className="map-values">
              <summary>{t('regulation.sim.pillarTable')}</summary>
              <div className="data-table__scroll" role="region" aria-label={t('regulation.sim.pillarTable')} tabIndex={0}>
                <table data-testid="sim-pillar-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('regulation.pillar')}</th>
                      <th scope="col" className="num">{t('regulation.score')}</th>
                      <th scope="col" className="num">{t('regulation.coverage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.pillars.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">
                          {p.pillar}. <ContentText k={RDTII_PILLAR} id={p.id} source={p.name} />
                        </th>
                        <td className="num">
                          <BeforeAfter before={p.score} after={p.score_after} digits={2} />
                        </td>
                        <td className="num">{formatPercent(p.coverage_after, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            <SourceLine sources={data.sources} />
          </section>
        </div>
      )}
    </div>
  );
}

function Summary({ data }: { data: RegSimulateEnvelope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = data.mean_distance;
  // A mean of distances resting on too little coverage is labelled so, beside the number.
  const gated = data.partners.some((p) => !p.enough_coverage);
  const lowest = Math.min(...data.partners.map((p) => p.h_coverage_before));
  return (
    <section className="card" aria-labelledby="sim-summary-h" data-testid="sim-summary">
      <h2 id="sim-summary-h">{t('regulation.sim.summary', { name: countryName(data.economy, lang) })}</h2>
      <dl className="stats">
        <div className="stats__item">
          <dt>{t('regulation.sim.meanBefore')}</dt>
          <dd data-testid="sim-mean-before">{m.before === null ? <Unknown /> : formatShare(m.before, lang)}</dd>
          {gated && (
            <dd className="small" data-testid="sim-mean-gated">
              <NotEnough coverage={lowest} lang={lang} />
            </dd>
          )}
        </div>
        <div className="stats__item">
          <dt>{t('regulation.sim.meanAfter')}</dt>
          <dd data-testid="sim-mean-after">{m.after === null ? <Unknown /> : formatShare(m.after, lang)}</dd>
          <dd className="small">
            <Change value={m.change} testid="sim-mean-change" />
          </dd>
        </div>
        <div className="stats__item">
          <dt>{t('regulation.overall')}</dt>
          <dd data-testid="sim-overall">
            <BeforeAfter before={data.overall.before.score} after={data.overall.after.score} digits={2} />
          </dd>
        </div>
        <div className="stats__item">
          <dt>{t('regulation.coverage')}</dt>
          <dd data-testid="sim-coverage">
            {formatPercent(data.overall.after.coverage, lang)}
          </dd>
        </div>
      </dl>
      <p className="muted small">{t('regulation.sim.meanNote')}</p>
      {data.changes.length > 0 && (
        <ul className="plain-list small" data-testid="sim-changes">
          {data.changes.map((c) => (
            <li key={c.indicator_id} data-indicator={c.indicator_id}>
              {t('regulation.sim.changeLine', { id: c.indicator_id })}{' '}
              {c.raises_restrictiveness === true && <RaisesBadge />}
              {c.raises_restrictiveness === null && <span className="muted">{t('regulation.sim.fromUnknown')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PartnersCard({ data }: { data: RegSimulateEnvelope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="sim-partners-h">
      <h2 id="sim-partners-h">{t('regulation.sim.distances')}</h2>
      <p className="muted small">{t('regulation.compare.explainH')}</p>
      {data.partners.some((p) => !p.enough_coverage) && (
        <p className="notice reg-note" data-testid="sim-gate-notice">
          {t('regData.sim.gateNotice', { min: formatPercent(data.min_coverage, lang) })}
        </p>
      )}
      <div className="data-table__scroll" role="region" aria-labelledby="sim-partners-h" tabIndex={0}>
        <table data-testid="sim-partners">
          <thead>
            <tr>
              <th scope="col">{t('regulation.sim.partner')}</th>
              <th scope="col" className="num">{t('regulation.sim.hBefore')}</th>
              <th scope="col" className="num">{t('regulation.sim.hAfter')}</th>
              <th scope="col" className="num">{t('regulation.sim.change')}</th>
              <th scope="col" className="num">{t('regulation.coverage')}</th>
              <th scope="col" className="num">{t('regulation.sim.dBeforeAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {data.partners.map((p) => (
              <tr key={p.economy} data-economy={p.economy} data-testid={`sim-partner-${p.economy}`}>
                <th scope="row">
                  <LangLink to={`/regulation/pair?a=${data.economy}&b=${p.economy}`}>{countryName(p.economy, lang)}</LangLink>
                </th>
                <td className="num" data-role="h-before">{p.h_before === null ? <Unknown /> : p.enough_coverage ? formatShare(p.h_before, lang) : <NotEnough />}</td>
                <td className="num" data-role="h-after">{p.h_after === null ? <Unknown /> : p.enough_coverage ? formatShare(p.h_after, lang) : <NotEnough />}</td>
                <td className="num">
                  <Change value={p.h_change} />
                </td>
                <td className="num">{formatPercent(p.h_coverage_after, lang)}</td>
                <td className="num">
                  <BeforeAfter before={p.d_before} after={p.d_after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SourceLine sources={data.sources} />
    </section>
  );
}

function AnswersTable({
  rows,
  hidden,
  index,
  partners,
  partnerMap,
  onEdit,
}: {
  rows: RegSimRow[];
  hidden: number;
  index: Map<string, IndicatorRef>;
  partners: string[];
  partnerMap: Map<string, Map<string, string | null>>;
  onEdit: (indicatorId: string, categoryId: string | null, current: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Grouped by pillar, each group folded unless it holds an edit: a phone shows twelve lines, not metres.
  const groups: { pillar: number; name: string; rows: RegSimRow[] }[] = [];
  for (const r of rows) {
    let g = groups.find((x) => x.pillar === r.pillar);
    if (!g) groups.push((g = { pillar: r.pillar, name: index.get(r.indicator_id)?.pillar.name ?? '', rows: [] }));
    g.rows.push(r);
  }
  return (
    <div className="data-table reg-sim-answers" data-testid="sim-answers">
      {groups.map((group) => (
        <details key={group.pillar} className="reg-group" open={group.rows.some((r) => r.edited)} data-testid={`sim-pillar-group-${group.pillar}`}>
          <summary>
            {t('regulation.pillar')} {group.pillar}. {group.name} <span className="muted small">({t('regData.answeredCount', { count: group.rows.filter((r) => r.score_after !== null).length, total: group.rows.length })})</span>
          </summary>
          <div className="data-table__scroll" role="region" aria-label={`${t('regulation.pillar')} ${group.pillar}`} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('regulation.indicator')}</th>
                  <th scope="col">{t('regulation.answer')}</th>
                  <th scope="col" className="num">{t('regulation.score')}</th>
                  <th scope="col" className="num">{t('regulation.sim.contribution')}</th>
                  <th scope="col">{t('regulation.sim.partnerAnswers')}</th>
                </tr>
              </thead>
              <tbody>
            {group.rows.map((r) => {
              const ind = index.get(r.indicator_id)?.indicator;
              const options = (ind?.options ?? []).filter((o) => o.score !== null);
              const cls = r.edited ? 'reg-row--edited' : r.score_after === null ? 'reg-row--unknown' : undefined;
              return (
                <tr key={r.indicator_id} className={cls} data-indicator={r.indicator_id} data-edited={r.edited ? 'true' : undefined} data-testid={`sim-answer-${r.indicator_id}`}>
                  <th scope="row">
                    <span className="reg-indicator">
                      <span className="reg-indicator__id">
                        {t('regulation.pillar')} {r.pillar} · {r.indicator_id}
                      </span>
                      <span><ContentText k={RDTII_INDICATOR} id={r.indicator_id} source={r.indicator} /></span>
                    </span>
                  </th>
                  <td className="reg-answer" data-label={t('regulation.answer')}>
                    {options.length ? (
                      <select
                        value={r.category_after ?? ''}
                        aria-label={t('regulation.sim.answerFor', { id: r.indicator_id })}
                        onChange={(e) => onEdit(r.indicator_id, e.target.value || null, r.category_before)}
                        data-testid={`sim-select-${r.indicator_id}`}
                      >
                        {r.category_before === null && <option value="">{t('regulation.sim.unknownOption')}</option>}
                        {options.map((o) => (
                          <option key={o.id} value={o.id}>
                            {shortCategory(r.indicator_id, o.id)}: {o.criterion} ({formatShare(o.score, lang, 2)})
                          </option>
                        ))}
                      </select>
                    ) : r.category_after ? (
                      criterion(index, r.indicator_id, r.category_after)
                    ) : (
                      <Unknown />
                    )}
                    {r.edited && (
                      <div className="small muted">
                        {t('regulation.sim.was')} {r.category_before ? criterion(index, r.indicator_id, r.category_before) : t('regulation.unknown')}
                      </div>
                    )}
                  </td>
                  <td className="num" data-role="score" data-label={t('regulation.score')}>
                    <BeforeAfter before={r.score_before} after={r.score_after} digits={2} />
                  </td>
                  <td className="num" data-role="contribution" data-label={t('regulation.sim.contribution')}>
                    <BeforeAfter before={r.contribution_before} after={r.contribution_after} digits={3} />
                  </td>
                  <td className="small" data-role="partners" data-label={t('regulation.sim.partnerAnswers')}>
                    <ul className="plain-list">
                      {partners.map((p) => {
                        const c = partnerMap.get(p)?.get(r.indicator_id) ?? null;
                        return (
                          <li key={p} data-partner={p} data-category={c ?? ''}>
                            <strong>{countryName(p, lang)}:</strong> {c ? criterion(index, r.indicator_id, c) : <span className="muted">{t('regulation.unknown')}</span>}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                </tr>
              );
            })}
              </tbody>
            </table>
          </div>
        </details>
      ))}
      <div className="data-table__footer">
        <span data-testid="sim-answers-count">{t('table.showing', { shown: rows.length, total: index.size || rows.length })}</span>
        {hidden > 0 && <span className="muted small"> · {t('regData.sim.hiddenUnknown', { count: hidden })}</span>}
      </div>
    </div>
  );
}

function ReformItem({ r, rank, index, onApply }: { r: RegReform; rank: number; index: Map<string, IndicatorRef>; onApply: (r: RegReform) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const change = r.mean_distance_after !== null && r.mean_distance_before !== null ? r.mean_distance_after - r.mean_distance_before : null;
  return (
    <li
      className={`reg-reform${r.from_unknown ? ' reg-reform--hypothesis' : ''}`}
      data-testid={`reform-${r.indicator_id}-${shortCategory(r.indicator_id, r.to)}`}
      data-rank={rank}
      data-indicator={r.indicator_id}
      data-to={r.to}
      data-gain={r.gain ?? ''}
      data-direction={r.direction}
      data-mean-after={r.mean_distance_after ?? ''}
      data-raises={r.raises_restrictiveness ? 'true' : 'false'}
      data-from-unknown={r.from_unknown ? 'true' : 'false'}
    >
      <div className="reg-reform__head">
        <span className="reg-reform__rank">{rank}.</span>
        <strong>{r.indicator_id}</strong>
        {r.from_unknown && (
          <span className="badge reg-hypothesis" data-testid="badge-unknown-today" title={t('regulation.sim.unknownTodayHint')}>
            {t('regulation.sim.unknownToday')}
          </span>
        )}
        <DirectionBadge direction={r.direction} />
      </div>
      <div className="reg-reform__what">
        <span className="muted">{index.get(r.indicator_id)?.indicator.name ?? ''}</span>
        <br />
        {r.from === null ? <span className="muted">{t('regulation.sim.unknownToday')}</span> : criterion(index, r.indicator_id, r.from)} → <strong>{criterion(index, r.indicator_id, r.to)}</strong>
      </div>
      <details className="reg-reform__partners">
        <summary className="small">{t('regData.sim.partnersSay')}</summary>
        <ul className="plain-list small">
          {r.partners.map((p) => (
            <li key={p.economy} data-partner={p.economy}>
              <strong>{countryName(p.economy, lang)}:</strong> {p.category_id ? criterion(index, r.indicator_id, p.category_id) : <span className="muted">{t('regulation.unknown')}</span>}
            </li>
          ))}
          {r.target !== null && <li>{t('regData.sim.regionalMean', { value: formatShare(r.target, lang, 2) })}</li>}
        </ul>
      </details>
      <div className="reg-reform__numbers">
        <span>
          {t('regulation.overall')} {r.overall_before === null ? '' : formatShare(r.overall_before, lang, 2)} → <strong>{formatShare(r.overall_after, lang, 2)}</strong>
        </span>
        <span>
          {t('regulation.sim.meanDistance')} {formatShare(r.mean_distance_before, lang)} → <strong>{formatShare(r.mean_distance_after, lang)}</strong>
        </span>
        <Change value={change} />
        <button type="button" className="button button--small" onClick={() => onApply(r)} data-testid={`reform-apply-${r.indicator_id}-${shortCategory(r.indicator_id, r.to)}`}>
          {t('regulation.sim.apply')}
        </button>
      </div>
    </li>
  );
}

function ReformsCard({ data, index, edits, onApply }: { data: RegSimulateEnvelope; index: Map<string, IndicatorRef>; edits: Map<string, string>; onApply: (r: RegReform) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = data.mean_distance;
  // The API ranks reforms from the scenario (the answers after the edits): an applied edit is the
  // current answer, so it is not offered again. Changes of known answers first; hypotheses about
  // answers unknown today apart, folded.
  const raises = data.changes.some((c) => c.raises_restrictiveness === true);
  const applied = [...edits.entries()].map(([id, c]) => ({ id, to: `${id}.${c}`, change: data.changes.find((x) => x.indicator_id === id) }));
  const top = data.reforms.slice(0, 10);
  return (
    <section className="card" aria-labelledby="sim-reforms-h" data-testid="sim-reforms">
      <h2 id="sim-reforms-h">{t('regulation.sim.reforms')}</h2>
      <p className="muted small">{t(`regData.sim.goalNote.${data.goal}`)} {data.order === 'gain' ? t('regData.sim.orderGain') : t('regData.sim.orderLiberalising')}</p>
      {edits.size > 0 && (
        <ol className="reg-reforms">
          <li key="scenario" className="reg-reform reg-reform--scenario" data-testid="reform-scenario" data-change={m.change ?? ''}>
            <div className="reg-reform__head">
              <strong>{t('regulation.sim.yourScenario', { count: edits.size })}</strong>
              {raises && <RaisesBadge />}
            </div>
            <ul className="plain-list reg-reform__what">
              {applied.map((x) => (
                <li key={x.id} data-testid={`reform-applied-${x.id}-${shortCategory(x.id, x.to)}`} data-indicator={x.id} data-to={x.to} data-applied="true">
                  <span className="badge reg-applied">{t('regulation.sim.applied')}</span> <strong>{x.id}</strong>{' '}
                  {x.change?.from.categoryId ? criterion(index, x.id, x.change.from.categoryId) : <span className="muted">{t('regulation.sim.unknownToday')}</span>} →{' '}
                  <strong>{criterion(index, x.id, x.to)}</strong>
                </li>
              ))}
            </ul>
            <div className="reg-reform__numbers">
              <span>
                {t('regulation.sim.meanDistance')} {formatShare(m.before, lang)} → <strong>{formatShare(m.after, lang)}</strong>
              </span>
              <Change value={m.change} />
            </div>
          </li>
        </ol>
      )}
      <h3>{t('regData.sim.knownReforms', { count: data.reforms.length })}</h3>
      {data.reforms.length === 0 ? (
        <p className="muted" data-testid="sim-no-cut">
          {t('regulation.sim.noCut', { name: countryName(data.economy, lang) })}
        </p>
      ) : (
        <ol className="reg-reforms" data-testid="sim-known-reforms">
          {top.map((r, i) => (
            <ReformItem key={`${r.indicator_id}-${r.to}`} r={r} rank={i + 1} index={index} onApply={onApply} />
          ))}
        </ol>
      )}
      {data.reforms.length > top.length && <p className="muted small">{t('regData.sim.moreInDownload', { count: data.reforms.length - top.length })}</p>}
      <details className="reg-group" data-testid="sim-hypotheses">
        <summary>{t('regData.sim.hypotheses', { count: data.hypotheses.length })}</summary>
        <p className="muted small">{t('regulation.sim.unknownTodayHint')}</p>
        <ol className="reg-reforms">
          {data.hypotheses.slice(0, 10).map((r, i) => (
            <ReformItem key={`${r.indicator_id}-${r.to}`} r={r} rank={i + 1} index={index} onApply={onApply} />
          ))}
        </ol>
      </details>
      <SourceLine sources={data.sources} />
    </section>
  );
}
