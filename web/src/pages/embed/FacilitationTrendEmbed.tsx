import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LineChart } from '../../components/LineChart';
import { countryName } from '../../lib/country-names';
import { scoresRequest, useScores } from '../facilitation/tf-api';
import { trendState, trendTitles } from '../facilitation/tf-trend';
import { EmbedFrame } from './EmbedFrame';

/** /embed/facilitation/:iso3 — an economy's trade-facilitation scores by survey round, for an iframe. */
export default function FacilitationTrendEmbed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const iso3 = (useParams().iso3 ?? '').toUpperCase();
  const name = countryName(iso3, lang);
  const q = useScores(scoresRequest([iso3]));
  const rows = q.data?.rows;
  const trend = useMemo(() => trendState(rows ?? [], t), [rows, lang, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const { title, subtitle } = trendTitles(t, name, trend.years);
  return (
    <EmbedFrame title={title} subtitle={subtitle} sources={q.data?.sources} query={q} testid="embed-facilitation">
      {q.data && <LineChart state={trend} label={title} yLabel={t('facilitation.axisPct')} testid="tf-trend-chart" share={{ meta: { title, subtitle, sources: q.data.sources } }} />}
    </EmbedFrame>
  );
}
