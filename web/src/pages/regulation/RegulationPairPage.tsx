import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regPairRequest, REGULATION_FRAMEWORK, useCountries, useRegFrameworks, useRegPair, type RegPairRow } from '../../api';
import { DownloadMenu } from '../../components/DownloadMenu';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { BasisBadge, EconomySelect, NotEnough, RegulationSubnav, Unknown } from './RegulationParts';
import { ContentText } from '../../components/ContentText';
import { localiseFramework, RDTII_INDICATOR } from '../../lib/content';
import { criterion, formatPercent, formatShare, indexFramework, pickFramework } from './regulation-view';

/** Two economies' answers side by side, differences highlighted; unknown on either side is not a difference. */
export default function RegulationPairPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const a = (url.get('a') ?? 'PER').toUpperCase();
  const b = (url.get('b') ?? 'CHL').toUpperCase();
  // Unknown on both sides is folded away by default (only=all shows every indicator).
  const only = url.get('only') ?? 'answered';
  const mode = url.get('scores') === 'corrected' ? 'corrected' : 'recorded';
  useDocumentTitle(t('regulation.pair.title', { a: countryName(a, lang), b: countryName(b, lang) }));
  const countries = useCountries();
  const members = countries.data?.rows.map((c) => c.iso3) ?? [];
  const req = regPairRequest(a, b, mode);
  const q = useRegPair(req);
  const fw = useRegFrameworks();
  const index = useMemo(() => indexFramework(localiseFramework(pickFramework(fw.data?.frameworks, REGULATION_FRAMEWORK), lang, t('content.inEnglish'))), [fw.data, lang, t]);
  const data = q.data;
  const rows = useMemo(() => {
    const all = data?.rows ?? [];
    if (only === 'differ') return all.filter((r) => r.differ === true);
    if (only === 'answered') return all.filter((r) => r.a_score !== null || r.b_score !== null);
    return all;
  }, [data, only]);
  const groups = useMemo(() => {
    const out: { pillar: number; rows: RegPairRow[] }[] = [];
    for (const r of rows) {
      let g = out.find((x) => x.pillar === r.pillar);
      if (!g) out.push((g = { pillar: r.pillar, rows: [] }));
      g.rows.push(r);
    }
    return out;
  }, [data, only]);
  const differing = (data?.rows ?? []).filter((r) => r.differ === true).length;
  const compared = (data?.rows ?? []).filter((r) => r.differ !== null).length;

  const answer = (r: RegPairRow, side: 'a' | 'b') => {
    const score = side === 'a' ? r.a_score : r.b_score;
    const cat = side === 'a' ? r.a_category_id : r.b_category_id;
    const basis = side === 'a' ? r.a_basis : r.b_basis;
    if (score === null) return <Unknown />;
    return (
      <span className="reg-indicator">
        <span>{criterion(index, r.indicator_id, cat) ?? cat}</span>
        <span className="small muted">
          {formatShare(score, lang, 2)} <BasisBadge basis={basis} />
        </span>
      </span>
    );
  };

  // The economy selectors are filled from the members list: the page appears with them, so the
  // controls do not reflow under the reader (issue #20).
  if (countries.isPending) return <Loading />;

  return (
    <div className="page" data-testid="page-regulation-pair">
      <h1>{t('regulation.pair.title', { a: countryName(a, lang), b: countryName(b, lang) })}</h1>
      <RegulationSubnav current="pair" />
      <p className="lead">{t('regulation.pair.lead')}</p>
      <div className="controls controls--panel" style={{ marginBottom: '1rem' }}>
        <EconomySelect options={members} value={a} onChange={(v) => url.set({ a: v }, { push: true })} label={t('regulation.pair.a')} testid="reg-pair-a" />
        <EconomySelect options={members} value={b} onChange={(v) => url.set({ b: v }, { push: true })} label={t('regulation.pair.b')} testid="reg-pair-b" />
        <div className="field">
          <label className="field-label" htmlFor="reg-pair-only">
            {t('regulation.pair.show')}
          </label>
          <select id="reg-pair-only" value={only} onChange={(e) => url.set({ only: e.target.value === 'answered' ? null : e.target.value }, { push: true })} data-testid="reg-pair-only">
            <option value="all">{t('regulation.pair.showAll')}</option>
            <option value="answered">{t('regulation.pair.showAnswered')}</option>
            <option value="differ">{t('regulation.pair.showDiffer')}</option>
          </select>
        </div>
      </div>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {data && (
        <section className="card" aria-labelledby="reg-pair-h" aria-busy={q.isFetching}>
          <div className="card__head">
            <div>
              <h2 id="reg-pair-h">{t('regulation.pair.answers')}</h2>
              <p className="small" data-testid="reg-pair-summary">
                {t('regulation.pair.summary', { differing, compared, total: data.rows.length })}
              </p>
            </div>
            <DownloadMenu request={req} filename={`puente-regulation-pair-${a}-${b}`} />
          </div>
          <dl className="stats">
            <div className="stats__item">
              <dt>{t('regulation.compare.metricH')}</dt>
              <dd data-testid="reg-pair-h-value">{data.h.value === null ? <Unknown /> : data.h.enough_coverage ? formatShare(data.h.value, lang) : <NotEnough />}</dd>
              <dd className="small muted">
                {t('regulation.coverage')} {formatPercent(data.h.coverage, lang)}
              </dd>
            </div>
            <div className="stats__item">
              <dt>{t('regulation.compare.metricD')}</dt>
              <dd>{data.d.value === null ? <Unknown /> : data.d.enough_coverage ? formatShare(data.d.value, lang) : <NotEnough />}</dd>
              <dd className="small muted">
                {t('regulation.coverage')} {formatPercent(data.d.coverage, lang)}
              </dd>
            </div>
            <div className="stats__item">
              <dt>{t('regulation.compare.treaty')}</dt>
              <dd>{data.treaties.value === null ? <Unknown /> : formatShare(data.treaties.value, lang, 2)}</dd>
              <dd className="small muted">
                {t('regulation.coverage')} {formatPercent(data.treaties.coverage, lang)}
              </dd>
            </div>
          </dl>
          {!data.h.enough_coverage && (
            <p className="notice reg-note" data-testid="reg-pair-gate">
              {t('regData.pairGate', { min: formatPercent(data.min_coverage, lang) })}
            </p>
          )}
          {groups.map((g) => (
            <details key={g.pillar} className="reg-group" open={g.rows.some((r) => r.differ === true) && (typeof window === 'undefined' || window.innerWidth >= 700)} data-testid={`reg-pair-pillar-${g.pillar}`}>
              <summary>
                {t('regulation.pillar')} {g.pillar}. {index.get(g.rows[0].indicator_id)?.pillar.name ?? ''}{' '}
                <span className="muted small">({t('regData.pairGroupCount', { differ: g.rows.filter((r) => r.differ === true).length, count: g.rows.length })})</span>
              </summary>
              <div className="data-table__scroll" role="region" aria-label={`${t('regulation.pillar')} ${g.pillar}`} tabIndex={0}>
                <table data-testid="reg-pair-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('regulation.indicator')}</th>
                      <th scope="col">{countryName(a, lang)}</th>
                      <th scope="col">{countryName(b, lang)}</th>
                      <th scope="col">{t('regulation.pair.differ')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.rows.map((r) => (
                      <tr
                        key={r.indicator_id}
                        data-indicator={r.indicator_id}
                        data-differ={r.differ === null ? 'unknown' : String(r.differ)}
                        className={r.differ ? 'reg-row--differ' : r.differ === null ? 'reg-row--unknown' : undefined}
                      >
                        <th scope="row">
                          <span className="reg-indicator">
                            <span className="reg-indicator__id">{r.indicator_id}</span>
                            <span><ContentText k={RDTII_INDICATOR} id={r.indicator_id} source={r.indicator} /></span>
                          </span>
                        </th>
                        <td>{answer(r, 'a')}</td>
                        <td>{answer(r, 'b')}</td>
                        <td>{r.differ === null ? <span className="muted small">{t('regulation.pair.notCompared')}</span> : r.differ ? <strong>{t('regulation.pair.differs')}</strong> : t('regulation.pair.same')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ))}
          {rows.length === 0 && <p className="data-table__empty">{t('table.empty')}</p>}
          <SourceLine sources={data.sources} />
        </section>
      )}
    </div>
  );
}
