import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { trafficRequest, useTraffic } from '../../api';
import { TrafficChart } from '../../components/TrafficChart';
import { useUrlState } from '../../lib/url-state';
import { filterFromUrl, GROUPS, trafficChartState, trafficSubtitle, type GroupBy } from '../marketplaces/marketplace-view';
import { EmbedFrame } from './EmbedFrame';

/** /embed/marketplaces — the Marketplace Explorer's visits over time, with the page's filters. */
export default function TrafficChartEmbed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const group: GroupBy = (GROUPS as readonly string[]).includes(url.get('group') ?? '') ? (url.get('group') as GroupBy) : 'marketplace';
  const filter = filterFromUrl(url);
  const q = useTraffic(trafficRequest(filter, group));
  const data = q.data;
  const chart = useMemo(() => (data ? trafficChartState(data, group, lang, t) : null), [data, group, lang, t]);
  const title = t('marketplaces.view.chart');
  const subtitle = trafficSubtitle(t, filter, group, lang);
  return (
    <EmbedFrame title={title} subtitle={subtitle} sources={data?.sources} query={q} testid="embed-traffic">
      {chart && <TrafficChart state={chart} label={title} testid="traffic-chart" share={{ meta: { title, subtitle, sources: data?.sources } }} />}
      {chart && chart.omitted > 0 && <p className="muted small">{t('marketplaces.omitted', { count: chart.omitted })}</p>}
    </EmbedFrame>
  );
}
