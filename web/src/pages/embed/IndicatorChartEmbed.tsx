import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { indicatorValuesRequest, useCountries, useIndicatorValues } from '../../api';
import { explorerLines } from '../../charts/explorer-lines';
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
    return explorerLines(data.rows, selected, lang, regionOf);
  }, [data, selected.join('~'), lang, regionOf]); // eslint-disable-line react-hooks/exhaustive-deps

  const title = t('explorer.chartLabel', { indicator: name });
  const subtitle = [unit, selected.length ? selected.map((c) => countryName(c, lang)).join(', ') : t('chart.export.allEconomies'), yearSpan(chart?.years)].filter(Boolean).join(' · ');
  return (
    <EmbedFrame title={title} subtitle={subtitle} sources={data?.sources} query={values} testid="embed-indicator">
      {chart && <LineChart state={chart} label={title} yLabel={unit} testid="indicator-chart" share={{ meta: { title, subtitle, sources: data?.sources } }} />}
    </EmbedFrame>
  );
}
