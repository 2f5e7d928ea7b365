import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useLocation } from 'react-router';
import { countriesRequest, useCountries, type Country, type Group } from '../../api';
import type { LegendEntry, MapItem } from '../../charts/map-state';
import { GROUP_HIGHLIGHT, MEMBER_MUTED, REGION_COLORS } from '../../charts/palette';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { Map } from '../../components/Map';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { GROUP_CODES, groupLabel, regionLabel } from '../../lib/labels';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState, withLang } from '../../lib/url-state';

const REGIONS = ['east-asia', 'latin-america'] as const;
const REGION_NAME: Record<string, string> = { 'east-asia': 'East Asia', 'latin-america': 'Latin America' };

export default function CountriesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const navigate = useNavigate();
  const { search } = useLocation();
  const filterId = useId();
  useDocumentTitle(t('countries.title'));

  const region = REGIONS.find((r) => r === url.get('region')) ?? null;
  const group = url.get('group') || null;
  const sort = url.get('sort');

  const all = useCountries();
  const tableRequest = countriesRequest({ region, group });
  const filtered = useCountries(tableRequest);
  const groups: Group[] = all.data?.groups ?? [];
  const groupCodes = groups.length ? groups.map((g) => g.code) : [...GROUP_CODES];

  const inFilter = useCallback(
    (c: Country) =>
      (!region || c.fealac_region === REGION_NAME[region]) && (!group || (c.subregions ?? []).includes(group)),
    [region, group],
  );

  const { items, legend } = useMemo(() => {
    const countries = all.data?.rows ?? [];
    const filtering = Boolean(region || group);
    const items: MapItem[] = countries.map((c) => {
      const on = inFilter(c);
      const fill = !filtering ? (REGION_COLORS[c.fealac_region] ?? MEMBER_MUTED) : on ? (group ? GROUP_HIGHLIGHT : (REGION_COLORS[c.fealac_region] ?? GROUP_HIGHLIGHT)) : MEMBER_MUTED;
      const subs = (c.subregions ?? []).map((s) => groupLabel(t, s, groups)).join(', ');
      const joined = c.year_joined ? t('countries.joinedIn', { year: c.year_joined }) : t('countries.joinedUnknown');
      return {
        iso3: c.iso3,
        fill,
        emphasis: filtering && on,
        title: [`${countryName(c.iso3, lang)} (${c.iso3})`, regionLabel(t, c.fealac_region), subs, joined].filter(Boolean).join('\n'),
      };
    });
    const legend: LegendEntry[] = !filtering
      ? Object.entries(REGION_COLORS).map(([r, color]) => ({ key: r, label: regionLabel(t, r), fill: color }))
      : [
          {
            key: 'selected',
            label: group ? groupLabel(t, group, groups) : regionLabel(t, REGION_NAME[region!]),
            fill: group ? GROUP_HIGHLIGHT : REGION_COLORS[REGION_NAME[region!]],
          },
          { key: 'others', label: t('countries.otherMembers'), fill: MEMBER_MUTED },
        ];
    return { items, legend };
  }, [all.data, region, group, inFilter, t, lang, groups]);

  const columns = useMemo<ColumnDef<Country, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('countries.col.name'),
        accessorFn: (c) => countryName(c.iso3, lang),
        sortingFn: (a, b, id) => String(a.getValue(id)).localeCompare(String(b.getValue(id)), lang),
        cell: (c) => (
          <LangLink to={`/countries/${c.row.original.iso3}`} data-testid={`country-link-${c.row.original.iso3}`}>
            {String(c.getValue())}
          </LangLink>
        ),
      },
      { id: 'iso3', header: t('countries.col.iso3'), accessorKey: 'iso3' },
      { id: 'iso2', header: t('countries.col.iso2'), accessorKey: 'iso2' },
      { id: 'iso_numeric', header: t('countries.col.numeric'), accessorKey: 'iso_numeric' },
      { id: 'region', header: t('countries.col.region'), accessorFn: (c) => regionLabel(t, c.fealac_region) },
      {
        id: 'subregions',
        header: t('countries.col.subregions'),
        accessorFn: (c) => (c.subregions ?? []).map((s) => groupLabel(t, s, groups)).join(', ') || undefined,
        cell: (c) => (c.getValue() ? String(c.getValue()) : <MissingValue label={t('countries.noSubregion')} />),
      },
      {
        id: 'year_joined',
        header: t('countries.col.joined'),
        accessorFn: (c) => c.year_joined ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() ? String(c.getValue()) : <MissingValue label={t('countries.notConfirmed')} />),
      },
    ],
    [t, lang, groups],
  );

  const filterValue = region ? `region:${region}` : group ? `group:${group}` : '';

  return (
    <div className="page" data-testid="page-countries">
      <h1>{t('countries.title')}</h1>
      <p className="lead">{t('countries.lead')}</p>

      <div className="controls">
        <div className="field">
          <label htmlFor={filterId} className="field-label">
            {t('countries.filter')}
          </label>
          <select
            id={filterId}
            value={filterValue}
            data-testid="country-filter"
            onChange={(e) => {
              const [kind, code] = e.target.value.split(':');
              url.set({ region: kind === 'region' ? code : null, group: kind === 'group' ? code : null }, { push: true });
            }}
          >
            <option value="">{t('countries.allMembers')}</option>
            <optgroup label={t('countries.byRegion')}>
              {REGIONS.map((r) => (
                <option key={r} value={`region:${r}`}>
                  {regionLabel(t, r)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('countries.byGroup')}>
              {groupCodes.map((g) => (
                <option key={g} value={`group:${g}`}>
                  {groupLabel(t, g, groups)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <DownloadMenu request={tableRequest} filename={`fealac-countries${group ? `-${group}` : region ? `-${region}` : ''}`} />
      </div>

      {all.isPending && <Loading />}
      {all.isError && <ErrorBox error={all.error} onRetry={() => all.refetch()} />}
      {all.data && (
        <section aria-labelledby="countries-map-h" className="card">
          <h2 id="countries-map-h" className="sr-only">
            {t('countries.mapTitle')}
          </h2>
          <Map
            items={items}
            legend={legend}
            label={t('countries.mapLabel', { count: items.length })}
            share={{ meta: { title: t('countries.mapTitle'), subtitle: t('countries.mapLabel', { count: items.length }), sources: filtered.data?.sources ?? all.data?.sources } }}
            onSelect={(iso3) => navigate(withLang(`/countries/${iso3}`, search))}
            testid="countries-map"
          />
          {group && groups.find((g) => g.code === group)?.note && (
            <p className="small" lang="en" data-testid="group-note">
              {groups.find((g) => g.code === group)?.note}
            </p>
          )}
          <p className="muted small">{t('countries.mapHint')}</p>
        </section>
      )}

      {filtered.isError && <ErrorBox error={filtered.error} onRetry={() => filtered.refetch()} />}
      {filtered.data && (
        <section aria-labelledby="countries-table-h">
          <h2 id="countries-table-h">{t('countries.tableTitle', { count: filtered.data.rows.length })}</h2>
          <DataTable
            data={filtered.data.rows.filter(inFilter)}
            columns={columns}
            caption={t('countries.tableCaption')}
            captionHidden
            sort={sort ?? 'name'}
            onSortChange={(s) => url.set({ sort: s === 'name' ? null : s })}
            getRowId={(c) => c.iso3}
            pageSize={0}
            testid="countries-table"
          />
          <SourceLine sources={filtered.data.sources ?? all.data?.sources} />
        </section>
      )}
    </div>
  );
}
