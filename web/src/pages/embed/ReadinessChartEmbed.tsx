import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { readinessRequest, useReadiness } from '../../api';
import { barState } from '../../charts/bar-state';
import { BarChart } from '../../components/BarChart';
import { countryName } from '../../lib/country-names';
import { parseIsoList, parseYear } from '../../lib/query-string';
import { useUrlState } from '../../lib/url-state';
import { orderRows } from '../readiness/readiness-view';
import { EmbedFrame } from './EmbedFrame';
import { readinessSubtitle } from './subtitles';

/** /embed/readiness — the readiness ranking (bars with the FEALAC median), for an iframe. */
export default function ReadinessChartEmbed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const year = parseYear(url.get('year'));
  const windowParam = url.get('window');
  const maxMissingParam = url.get('maxMissing');
  const peers = parseIsoList(url.get('peer'));
  // The readiness page's own request, with the same weights, year, window and peers.
  const q = useReadiness(
    readinessRequest({
      weights: url.get('weights'),
      log: url.get('log'),
      year,
      window: windowParam && /^\d+$/.test(windowParam) ? Number(windowParam) : null,
      peer: peers,
      maxMissing: maxMissingParam && /^\d+$/.test(maxMissingParam) ? Number(maxMissingParam) : null,
    }),
  );
  const data = q.data;
  const bars = useMemo(() => {
    const peerSet = new Set(peers);
    return barState(orderRows(data?.rows ?? []).map((r) => ({ key: r.iso3, label: countryName(r.iso3, lang), value: r.score, role: peerSet.has(r.iso3) ? 'peer' : null })));
  }, [data, lang, peers.join('~')]); // eslint-disable-line react-hooks/exhaustive-deps
  const title = t('readiness.title');
  const subtitle = readinessSubtitle(t, data, peers, lang);
  return (
    <EmbedFrame title={title} subtitle={subtitle} sources={data?.sources} query={q} testid="embed-readiness">
      {data && (
        <BarChart
          state={bars}
          label={t('readiness.chartLabel')}
          xLabel={t('readiness.col.score')}
          reference={data.median}
          referenceLabel={t('readiness.median')}
          domainMax={100}
          testid="readiness-chart"
          share={{ meta: { title, subtitle, sources: data.sources } }}
        />
      )}
    </EmbedFrame>
  );
}
