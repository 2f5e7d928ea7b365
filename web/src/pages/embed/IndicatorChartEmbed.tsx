import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { indicatorValuesRequest, useCountries, useIndicatorValues } from '../../api';
import { lineState, type SeriesSpec } from '../../charts/line-state';
import { REGION_COLORS, seriesColor } from '../../charts/palette';
import { LineChart } from '../../components/LineChart';
import { countryName } from '../../lib/country-names';
import { indicatorLabel, unitLabel } from '../../lib/labels';
import { formatYearRange, parseIsoList, parseYearRange } from '../../lib/query-string';
import { useUrlState } from '../../lib/url-state';
import { EmbedFrame, yearSpan } from './EmbedFrame';

/** /embed/indicators/:code — the indicator explorer's line chart ("over time"), for an iframe. */
export default function IndicatorChartEmbed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { code = '' } = useParams();
  const url = useUrlState();
  const time = formatYearRange(parseYearRange(url.get('time')));
  const selected = parseIsoList(url.get('country'));
  const members = useCountries();
  const regionOf = useMemo(() => new globalThis.Map(members.data?.rows.map((c) => [c.iso3, c.fealac_region]) ?? []), [members.data]);
  // The explorer's own request for its chart view, so the embed shows what the page shows.
  const values = useIndicatorValues(indicatorValuesRequest(code, { country: selected, time, sort: null }));
  const data = values.data;
  const name = indicatorLabel(data?.indicator, code, lang);
  const unit = unitLabel(data?.indicator, lang);

  const chart = useMemo(() => {
    if (!data) return null;
    const codes = selected.length ? selected : [...new Set(data.rows.map((r) => r.iso3))];
    const specs: SeriesSpec[] = codes.map((c, i) =>
      selected.length
        ? { key: c, label: countryName(c, lang), color: seriesColor(i, codes.length), kind: 'peer' }
        : { key: c, label: countryName(c, lang), color: REGION_COLORS[regionOf.get(c) ?? ''] ?? '#888', kind: 'other' },
    );
    return lineState(
      data.rows.filter((r) => r.year !== null).map((r) => ({ series: r.iso3, year: r.year as number, value: r.value })),
      specs,
    );
  }, [data, selected.join('~'), lang, regionOf]); // eslint-disable-line react-hooks/exhaustive-deps

  const title = t('explorer.chartLabel', { indicator: name });
  const subtitle = [unit, selected.length ? selected.map((c) => countryName(c, lang)).join(', ') : t('chart.export.allEconomies'), yearSpan(chart?.years)].filter(Boolean).join(' · ');
  return (
    <EmbedFrame title={title} subtitle={subtitle} sources={data?.sources} query={values} testid="embed-indicator">
      {chart && <LineChart state={chart} label={title} yLabel={unit} testid="indicator-chart" share={{ meta: { title, subtitle, sources: data?.sources } }} />}
    </EmbedFrame>
  );
}
