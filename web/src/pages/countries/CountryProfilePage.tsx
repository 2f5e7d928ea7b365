import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  ApiError,
  FEALAC_MEDIAN,
  profileRequest,
  useCountries,
  useCountry,
  useIndicatorCatalog,
  usePairs,
  useProfile,
  type IndicatorMeta,
  type ProfileEnvelope,
  type Source,
} from '../../api';
import type { SeriesSpec } from '../../charts/line-state';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { LineChart } from '../../components/LineChart';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { Tabs } from '../../components/Tabs';
import { YearRangeField } from '../../components/YearRangeField';
import { countryName } from '../../lib/country-names';
import { formatInteger, formatValue } from '../../lib/format';
import { groupLabel, indicatorLabel, regionLabel, topicLabel, unitLabel } from '../../lib/labels';
import { formatYearRange, parseIsoList, parseList, parseYearRange } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { CountryMarketplaces } from '../marketplaces/CountryMarketplaces';
import { CountryTopSites } from '../marketplaces/CountryTopSites';
import NotFoundPage from '../NotFoundPage';
import { StriProfileSection } from '../regulation/StriProfileSection';
import { SupportContactsSection } from './SupportContactsSection';
import { MEDIAN_N, profileLineState, profileSeries, profileWide, type WideRow } from './profile-series';

export const DEFAULT_PROFILE_INDICATORS = ['IT.NET.USER.ZS', 'FINDEX.account_t_d', 'LP.LPI.OVRL.XQ'];
const YEARS = Array.from({ length: 2026 - 2000 + 1 }, (_, i) => 2000 + i);
type View = 'chart' | 'table';

function sourcesFor(data: ProfileEnvelope, code: string): Source[] {
  const all = data.sources ?? [];
  const ids = new Set<string>();
  for (const r of data.rows) if (r.indicator_code === code && r.source_id) ids.add(r.source_id);
  return ids.size ? all.filter((s) => ids.has(s.id)) : all;
}

function Facts({ iso3 }: { iso3: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const country = useCountry(iso3);
  const pairs = usePairs(iso3);
  const groups = useCountries().data?.groups;
  if (country.isPending) return <Loading />;
  if (country.isError) return <ErrorBox error={country.error} onRetry={() => country.refetch()} />;
  const c = country.data.country ?? country.data.rows[0];
  const nearest = (pairs.data?.rows ?? [])
    .filter((p) => p.iso3_o === iso3 && p.iso3_d !== iso3 && p.dist_km !== null)
    .sort((a, b) => (a.dist_km as number) - (b.dist_km as number))
    .slice(0, 3);
  return (
    <dl className="facts" data-testid="profile-facts">
      <div>
        <dt>{t('profile.codes')}</dt>
        <dd>
          {c.iso3} · {c.iso2} · {c.iso_numeric}
        </dd>
      </div>
      <div>
        <dt>{t('countries.col.region')}</dt>
        <dd>{regionLabel(t, c.fealac_region)}</dd>
      </div>
      <div>
        <dt>{t('countries.col.subregions')}</dt>
        <dd>
          {(c.subregions ?? []).length === 0 ? (
            <MissingValue label={t('countries.noSubregion')} />
          ) : (
            (c.subregions ?? []).map((g, i) => (
              <span key={g}>
                {i > 0 && ', '}
                <LangLink to={`/countries?group=${g}`}>{groupLabel(t, g, groups)}</LangLink>
              </span>
            ))
          )}
        </dd>
      </div>
      <div>
        <dt>{t('countries.col.joined')}</dt>
        <dd data-testid="profile-joined">{c.year_joined ? String(c.year_joined) : <MissingValue label={t('countries.notConfirmed')} />}</dd>
      </div>
      {nearest.length > 0 && (
        <div>
          <dt>{t('profile.nearest')}</dt>
          <dd>
            {nearest
              .map((p) => t('profile.distance', { name: countryName(p.iso3_d, lang), km: formatInteger(p.dist_km, lang) }))
              .join(' · ')}
          </dd>
        </div>
      )}
    </dl>
  );
}

function IndicatorCard({
  iso3,
  code,
  meta,
  data,
  specs,
  view,
  onView,
  peers,
  time,
}: {
  iso3: string;
  code: string;
  meta: IndicatorMeta | undefined;
  data: ProfileEnvelope;
  specs: SeriesSpec[];
  view: View;
  onView: (v: View) => void;
  peers: string[];
  time: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const title = indicatorLabel(meta, code, lang);
  const unit = unitLabel(meta, lang);
  const min = data.median_min_economies ?? null;
  const state = useMemo(
    () => profileLineState(data.rows, code, specs, (r) => (r.series === FEALAC_MEDIAN && r.n != null ? t('honesty.medianN', { n: r.n }) : undefined)),
    [data.rows, code, specs, t],
  );
  const wide = useMemo(() => profileWide(data.rows, code, specs), [data.rows, code, specs]);
  const sources = sourcesFor(data, code);
  const columns = useMemo<ColumnDef<WideRow, unknown>[]>(
    () => [
      { id: 'year', header: t('table.year'), accessorKey: 'year', cell: (c) => String(c.getValue()) },
      ...specs.map(
        (s): ColumnDef<WideRow, unknown> => ({
          id: s.key,
          header: s.key === FEALAC_MEDIAN ? t('profile.median') : countryName(s.key, lang),
          accessorFn: (r) => r[s.key] ?? undefined,
          meta: { numeric: true },
          cell: (c) => {
            const v = c.getValue() as number | undefined;
            if (s.key !== FEALAC_MEDIAN) return v === undefined ? <MissingValue /> : formatValue(v, lang);
            // The median always shows how many economies it spans; below the minimum it is a gap.
            const n = c.row.original[MEDIAN_N];
            return (
              <span data-testid="median-cell" data-n={n ?? undefined}>
                {v === undefined ? (
                  <MissingValue label={n != null && min != null ? t('honesty.notEnough', { n, min }) : undefined} />
                ) : (
                  formatValue(v, lang)
                )}
                {n != null && <span className="muted small median-n"> {t('honesty.medianN', { n })}</span>}
              </span>
            );
          },
        }),
      ),
    ],
    [specs, t, lang, min],
  );
  const headingId = useId();
  return (
    <section className="card indicator-card" aria-labelledby={headingId} data-testid={`profile-indicator-${code}`}>
      <div className="card__head">
        <div>
          <h2 id={headingId}>{title}</h2>
          <p className="muted small">
            {[unit, topicLabel(meta?.topic, lang), code].filter(Boolean).join(' · ')}{' '}
            <LangLink to={`/indicators/${code}?view=chart&country=${[iso3, ...peers].join('~')}${time ? `&time=${time}` : ''}`}>
              {t('profile.explore')}
            </LangLink>
          </p>
        </div>
        <DownloadMenu request={profileRequest(iso3, { indicator: [code], peer: peers, time })} filename={`${iso3}-${code}-profile`} />
      </div>
      <Tabs
        tabs={[
          { id: 'chart', label: t('tabs.chart') },
          { id: 'table', label: t('tabs.table') },
        ]}
        selected={view}
        onChange={onView}
        label={t('profile.viewLabel', { name: title })}
      >
        {view === 'chart' ? (
          <LineChart
            state={state}
            label={t('profile.chartLabel', { indicator: title, country: countryName(iso3, lang) })}
            yLabel={unit}
            testid={`profile-chart-${code}`}
            share={{ meta: { title: t('profile.chartLabel', { indicator: title, country: countryName(iso3, lang) }), subtitle: [unit, topicLabel(meta?.topic, lang), code].filter(Boolean).join(' · '), sources } }}
          />
        ) : (
          <DataTable
            data={wide}
            columns={columns}
            caption={t('profile.tableCaption', { indicator: title, country: countryName(iso3, lang) })}
            captionHidden
            getRowId={(r) => String(r.year)}
            testid={`profile-table-${code}`}
          />
        )}
      </Tabs>
      {min != null && (
        <p className="muted small" data-testid="median-note">
          {t('honesty.medianNote', { min })}
        </p>
      )}
      <SourceLine sources={sources} methodology="indicators" />
    </section>
  );
}

function IndicatorChooser({ selected, onChange }: { selected: string[]; onChange: (next: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const catalogue = useIndicatorCatalog();
  const rows = catalogue.data?.rows ?? [];
  const topics = [...new Set(rows.map((r) => r.topic ?? ''))];
  return (
    <details className="chooser" data-testid="indicator-chooser">
      <summary>
        <span className="field-label">{t('profile.indicators')}</span> {t('profile.chooseIndicators', { count: selected.length })}
      </summary>
      {catalogue.isError && <ErrorBox error={catalogue.error} />}
      <div className="chooser__groups">
      {topics.map((topic) => (
        <fieldset key={topic} className="chooser__group">
          <legend>{topicLabel(topic, lang) || t('indicators.otherTopic')}</legend>
          {rows
            .filter((r) => (r.topic ?? '') === topic)
            .map((r) => (
              <label key={r.code} className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(r.code)}
                  data-testid={`choose-${r.code}`}
                  disabled={selected.length === 1 && selected.includes(r.code)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, r.code] : selected.filter((c) => c !== r.code))}
                />{' '}
                {indicatorLabel(r, r.code, lang)}
              </label>
            ))}
        </fieldset>
      ))}
      </div>
    </details>
  );
}

export default function CountryProfilePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { iso3: raw = '' } = useParams();
  const iso3 = raw.toUpperCase();
  const url = useUrlState();
  useDocumentTitle(countryName(iso3, lang));

  const indicatorParam = parseList(url.get('indicator'));
  const indicators = indicatorParam.length ? indicatorParam : DEFAULT_PROFILE_INDICATORS;
  const peers = parseIsoList(url.get('peer')).filter((p) => p !== iso3);
  const range = parseYearRange(url.get('time'));
  const time = formatYearRange(range);
  const view: View = url.get('view') === 'table' ? 'table' : 'chart';

  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const req = profileRequest(iso3, { indicator: indicators, peer: peers, time });
  const profile = useProfile(/^[A-Z]{3}$/.test(iso3) ? req : null);
  const country = useCountry(iso3);
  const specs = useMemo(() => profileSeries(iso3, peers, lang, t), [iso3, peers.join('~'), lang, t]); // eslint-disable-line react-hooks/exhaustive-deps

  // An unknown economy: a not-found page, without the controls and downloads of a profile of nothing.
  if (!/^[A-Z]{3}$/.test(iso3) || (country.error instanceof ApiError && country.error.status === 404)) {
    return <NotFoundPage what={t('web16.notFound.country', { code: raw })} back={{ to: '/countries', label: t('nav.countries') }} />;
  }

  return (
    <div className="page" data-testid="page-profile">
      <p className="breadcrumb">
        <LangLink to="/countries">{t('nav.countries')}</LangLink> /
      </p>
      <h1 data-testid="profile-title">{countryName(iso3, lang)}</h1>
      <Facts iso3={iso3} />
      <p>
        <LangLink to={`/countries/${iso3}/brief`} data-testid="profile-brief-link">
          {t('brief.open')}
        </LangLink>
      </p>

      <div className="controls controls--wrap controls--panel">
        <CountryPicker
          options={members.filter((m) => m !== iso3)}
          selected={peers}
          onChange={(next) => url.set({ peer: next }, { push: true })}
          label={t('profile.peers')}
          testid="peer-picker"
        />
        <YearRangeField range={range} years={YEARS} onChange={(r) => url.set({ time: formatYearRange(r) })} />
        <IndicatorChooser selected={indicators} onChange={(next) => url.set({ indicator: next }, { push: true })} />
      </div>

      {profile.isPending && <Loading />}
      {profile.isError && <ErrorBox error={profile.error} onRetry={() => profile.refetch()} />}
      {profile.data && (
        <>
          <SyntheticBanner sources={profile.data.sources} />
          <div className="profile-grid" aria-busy={profile.isFetching}>
            {indicators.map((code) => (
              <IndicatorCard
                key={code}
                iso3={iso3}
                code={code}
                meta={profile.data.indicators?.find((i) => i.code === code)}
                data={profile.data}
                specs={specs}
                view={view}
                onView={(v) => url.set({ view: v === 'chart' ? null : v })}
                peers={peers}
                time={time}
              />
            ))}
          </div>
          <div className="controls">
            <DownloadMenu request={req} filename={`${iso3}-profile`} label={t('profile.downloadAll')} />
          </div>
        </>
      )}
      {/^[A-Z]{3}$/.test(iso3) && <StriProfileSection iso3={iso3} />}
      {/^[A-Z]{3}$/.test(iso3) && <SupportContactsSection iso3={iso3} />}
      {/^[A-Z]{3}$/.test(iso3) && <CountryMarketplaces iso3={iso3} />}
      <CountryTopSites iso3={iso3} />
    </div>
  );
}
