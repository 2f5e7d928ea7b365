// The printable country brief (issue #15 item 1): the same blocks as the PDF
// (/api/countries/{iso3}/brief.pdf), laid out for A4 when printed. Missing stays "no data".
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, type Source } from '../../api';
import { barState } from '../../charts/bar-state';
import { BarChart } from '../../components/BarChart';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { countryName } from '../../lib/country-names';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import NotFoundPage from '../NotFoundPage';
import { briefPdfUrl, useBrief, type Brief } from './brief-api';
import './brief.css';

const BRIEF_LANGS = ['en', 'es', 'pt', 'zh', 'ja', 'ko'];
const digitsOf = (code: string) => (code === 'LP.LPI.OVRL.XQ' ? 2 : code === 'NY.GDP.PCAP.CD' ? 0 : 1);

function NoData({ label }: { label: string }) {
  return (
    <span className="brief-nodata" data-testid="brief-nodata">
      {label}
    </span>
  );
}

function Sources({ sources }: { sources: Source[] }) {
  return sources.length ? <SourceLine sources={sources} /> : null;
}

function Indicators({ b }: { b: Brief }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const r = b.indicators.readiness;
  const name = countryName(b.iso3, lang);
  const state = barState(r.components.map((c) => ({ key: c.code, label: t(`brief.indicatorNames.${c.code.replace(/\./g, '_')}`, { defaultValue: t(`indicatorShort.${c.code}`, { defaultValue: c.name }) }), value: c.normalised, role: 'focus' as const })));
  return (
    <section className="brief-block" aria-labelledby="brief-ind">
      <h2 id="brief-ind">{t('brief.section.indicators')}</h2>
      <p data-testid="brief-readiness">
        <strong>{t('brief.readiness')}: </strong>
        {r.score === null ? (
          <NoData label={t('brief.noData')} />
        ) : (
          <>
            {formatNumber(r.score, lang, 1)} ({t('brief.rankOf', { rank: r.rank ?? '—', n: r.n })}; {t('brief.fealacMedian')} {r.median === null ? t('brief.notEnough') : formatNumber(r.median, lang, 1)}, n = {r.n}
            {r.year ? `; ${r.year}` : ''})
          </>
        )}
      </p>
      <p className="brief-note">{t('brief.readinessNote')}</p>
      <div className="brief-table-wrap">
        <table className="brief-table" data-testid="brief-indicators">
          <caption className="sr-only">{t('brief.chartIndicators', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('brief.indicator')}</th>
              <th scope="col">{name}</th>
              <th scope="col">{t('brief.colMedian')}</th>
            </tr>
          </thead>
          <tbody>
            {b.indicators.key.map((k) => (
              <tr key={k.code} data-code={k.code}>
                <th scope="row">{t(`brief.indicatorNames.${k.code.replace(/\./g, '_')}`, { defaultValue: k.name })}</th>
                <td>{k.value === null ? <NoData label={t('brief.noData')} /> : `${formatNumber(k.value, lang, digitsOf(k.code))} (${k.year})`}</td>
                <td>{k.value === null ? '' : k.median === null ? <NoData label={k.n ? t('brief.notEnough') : t('brief.noData')} /> : `${formatNumber(k.median, lang, digitsOf(k.code))} (n = ${k.n})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.bars.length > 0 && <BarChart state={state} label={t('brief.components')} xLabel={t('brief.normalised')} domainMax={100} testid="brief-components" share={{ meta: { title: `${t('brief.components')}: ${name}`, subtitle: t('brief.normalised'), sources: b.indicators.sources as Source[] } }} />}
      <Sources sources={b.indicators.sources as Source[]} />
    </section>
  );
}

function Marketplaces({ b }: { b: Brief }) {
  const { t, i18n } = useTranslation();
  const m = b.marketplaces;
  return (
    <section className="brief-block" aria-labelledby="brief-mkt">
      <h2 id="brief-mkt">{t('brief.section.marketplaces')}</h2>
      <p>{t('brief.registry', { n: m.registry })}</p>
      <h3>{t('brief.topLists')}</h3>
      {m.top.length === 0 ? (
        <NoData label={t('brief.noData')} />
      ) : (
        <ul>
          {m.top.map((s) => (
            <li key={`${s.list}-${s.domain}`}>
              {s.marketplace ? `${s.marketplace} (${s.domain})` : s.domain}: {s.list === 'cloudflare' ? `${t('brief.cloudflareRank')} ${s.rank}` : t('brief.cruxBucket', { bucket: formatNumber(s.bucket, i18n.language, 0) })}, {s.month}
            </li>
          ))}
        </ul>
      )}
      {m.traffic.length > 0 ? (
        <>
          <h3>
            {t('brief.traffic')} {m.traffic_synthetic && <strong className="badge badge--synthetic">{t('brief.synthetic')}</strong>}
          </h3>
          <ul>
            {m.traffic.map((x) => (
              <li key={x.marketplace}>
                {x.marketplace}: {formatNumber(x.visits, i18n.language, 0)} {t('brief.visits')}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="brief-note">{t('brief.noTraffic')}</p>
      )}
      <Sources sources={m.sources as Source[]} />
    </section>
  );
}

function Regulation({ b }: { b: Brief }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const g = b.regulation;
  const s = g.stri;
  return (
    <section className="brief-block" aria-labelledby="brief-reg">
      <h2 id="brief-reg">{t('brief.section.regulation')}</h2>
      <p className="brief-note">
        {t('brief.pillars')} {g.framework ? `(${g.framework})` : ''}; {t('brief.gate', { gate: Math.round(g.min_coverage * 100) })}
      </p>
      {g.pillars.length === 0 ? (
        <NoData label={t('brief.noData')} />
      ) : (
        <div className="brief-table-wrap">
          <table className="brief-table" data-testid="brief-pillars">
            <caption className="sr-only">{t('brief.chartPillars')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('brief.colPillar')}</th>
                <th scope="col">{t('brief.colScore')}</th>
                <th scope="col">{t('brief.colCoverage')}</th>
              </tr>
            </thead>
            <tbody>
              {g.pillars.map((p) => (
                <tr key={p.pillar}>
                  <th scope="row">
                    {p.pillar}. {t(`brief.pillarNames.${p.pillar}`, { defaultValue: p.name })}
                  </th>
                  <td>{p.score !== null ? formatNumber(p.score, lang, 3) : <NoData label={p.known ? t('brief.notEnough') : t('brief.noData')} />}</td>
                  <td>{Math.round(p.coverage * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p data-testid="brief-stri">
        <strong>{t('brief.stri')}: </strong>
        {!s.loaded ? (
          <NoData label={t('brief.notLoaded')} />
        ) : !s.covered ? (
          <NoData label={t('brief.notCovered')} />
        ) : (
          `${formatNumber(s.stri, lang, 3)} (${s.year}; ${t('brief.rankOf', { rank: s.rank ?? '—', n: s.n })}; ${t('brief.fealacMedian')} ${s.median === null ? t('brief.notEnough') : formatNumber(s.median, lang, 3)}, n = ${s.n})`
        )}
      </p>
      <Sources sources={g.sources as Source[]} />
    </section>
  );
}

function Facilitation({ b }: { b: Brief }) {
  const { t, i18n } = useTranslation();
  const f = b.facilitation;
  return (
    <section className="brief-block" aria-labelledby="brief-tf">
      <h2 id="brief-tf">{t('brief.section.facilitation')}</h2>
      <p data-testid="brief-tf">
        {t('brief.tfScore')}:{' '}
        {f.score === null ? (
          <NoData label={t('brief.noData')} />
        ) : (
          <strong>
            {formatNumber(f.score, i18n.language, 1)}% ({t('brief.round')} {f.round}
            {f.secondary ? `, ${t('brief.secondary')}` : ''})
          </strong>
        )}
      </p>
      {f.round !== null && (
        <p>
          {t('brief.fealacAverage')} {f.round}: {f.fealac === null ? t('brief.notEnough') : `${formatNumber(f.fealac, i18n.language, 1)}%`}, n = {f.fealac_n}
        </p>
      )}
      <Sources sources={f.sources as Source[]} />
    </section>
  );
}

function Support({ b }: { b: Brief }) {
  const { t } = useTranslation();
  const s = b.support;
  return (
    <section className="brief-block" aria-labelledby="brief-sup">
      <h2 id="brief-sup">{t('brief.section.support')}</h2>
      <p>{s.count ? t('brief.programmes', { n: s.count }) : <NoData label={t('brief.noData')} />}</p>
      {s.by_area.length > 0 && (
        <p>
          {t('brief.byArea')}: {s.by_area.map((a) => `${t(`brief.areas.${a.area}`, { defaultValue: a.label })} ${a.count}`).join('; ')}
        </p>
      )}
      <ul>
        {s.programmes.map((p) => (
          <li key={p.programme}>
            {p.url ? (
              <a href={p.url} rel="noopener noreferrer" target="_blank">
                {p.programme}
              </a>
            ) : (
              p.programme
            )}
            {p.programme_en && p.programme_en !== p.programme ? ` (${p.programme_en})` : ''}
            {p.agency ? ` — ${p.agency}` : ''}
            {p.as_of ? ` [${p.as_of}]` : ''}
          </li>
        ))}
      </ul>
      <Sources sources={s.sources as Source[]} />
    </section>
  );
}

function Contacts({ b }: { b: Brief }) {
  const { t } = useTranslation();
  const c = b.contacts;
  return (
    <section className="brief-block" aria-labelledby="brief-con">
      <h2 id="brief-con">{t('brief.section.contacts')}</h2>
      <ul data-testid="brief-contacts">
        {c.entries.map((e, i) => (
          <li key={`${e.role}-${i}`}>
            <strong>{t(`brief.roles.${e.role}`, { defaultValue: e.role })}:</strong> {e.url ? <a href={e.url} rel="noopener noreferrer" target="_blank">{e.name_local}</a> : e.name_local}
            {e.name_en && e.name_en !== e.name_local ? ` (${e.name_en})` : ''}
            {e.as_of ? ` [${e.as_of}]` : ''}
            {e.change ? ` — ${e.change}` : ''}
          </li>
        ))}
      </ul>
      {c.missing_roles.length > 0 && (
        <p className="brief-missing">
          {t('brief.contactsMissing')}: {c.missing_roles.map((r) => t(`brief.roles.${r}`, { defaultValue: r })).join(', ')}
        </p>
      )}
      <Sources sources={c.sources as Source[]} />
    </section>
  );
}

function Tariffs({ b }: { b: Brief }) {
  const { t, i18n } = useTranslation();
  const x = b.tariffs;
  return (
    <section className="brief-block" aria-labelledby="brief-tar">
      <h2 id="brief-tar">{t('brief.section.tariffs')}</h2>
      {x.editions.length === 0 && x.links.length === 0 && <NoData label={t('brief.noData')} />}
      <ul>
        {x.editions.map((e) => (
          <li key={e.edition}>
            {t('brief.schedules')}: {e.publisher}, {e.edition} — {formatNumber(e.lines, i18n.language, 0)} {t('brief.lines')}
          </li>
        ))}
        {x.links.map((l) => (
          <li key={l.url}>
            {t('brief.officialLinks')}:{' '}
            <a href={l.url} rel="noopener noreferrer" target="_blank">
              {l.url}
            </a>
          </li>
        ))}
      </ul>
      <Sources sources={x.sources as Source[]} />
    </section>
  );
}

export default function CountryBriefPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { iso3: raw = '' } = useParams();
  const iso3 = raw.toUpperCase();
  const valid = /^[A-Z]{3}$/.test(iso3);
  const brief = useBrief(valid ? iso3 : null);
  const name = countryName(iso3, lang);
  useDocumentTitle(`${t('brief.title')}: ${name}`);
  if (!valid || (brief.error instanceof ApiError && brief.error.status === 404)) {
    return <NotFoundPage what={t('brief.notFound', { code: raw })} back={{ to: '/countries', label: t('nav.countries') }} />;
  }
  const b = brief.data?.brief;
  const all = b ? [b.indicators, b.marketplaces, b.regulation, b.facilitation, b.support, b.contacts, b.tariffs].flatMap((x) => x.sources as Source[]) : [];
  return (
    <div className="page brief" data-testid="page-brief">
      <p className="breadcrumb no-print">
        <LangLink to={`/countries/${iso3}`}>{t('brief.profile')}</LangLink> /
      </p>
      <p className="brief-kicker">{t('brief.title')}</p>
      <h1 data-testid="brief-title">{name}</h1>
      <div className="controls no-print">
        <a className="button" href={briefPdfUrl(iso3, BRIEF_LANGS.includes(lang) ? lang : 'en')} download data-testid="brief-pdf">
          {t('brief.downloadPdf')}
        </a>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('brief.print')}
        </button>
      </div>
      {brief.isPending && <Loading minHeight={900} />}
      {brief.isError && <ErrorBox error={brief.error} onRetry={() => brief.refetch()} />}
      {b && (
        <div data-testid="brief-ready">
          <p className="brief-meta">
            {[b.region ? t(`brief.region.${b.region}`, { defaultValue: b.region }) : null, b.iso3, t('brief.made', { date: b.made })].filter(Boolean).join(' · ')}
          </p>
          <SyntheticBanner sources={all.filter((s) => s.synthetic && b.synthetic)} />
          {b.unavailable.length > 0 && (
            <p className="brief-missing">
              {t('brief.unavailable')}: {b.unavailable.join(', ')}
            </p>
          )}
          <Indicators b={b} />
          <Marketplaces b={b} />
          <Regulation b={b} />
          <Facilitation b={b} />
          <Support b={b} />
          <Contacts b={b} />
          <Tariffs b={b} />
          <p className="brief-note">
            {t('brief.footer')} {t('brief.made', { date: b.made })}.
          </p>
        </div>
      )}
    </div>
  );
}
