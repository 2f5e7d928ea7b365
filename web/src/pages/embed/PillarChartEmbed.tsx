import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { regEconomyRequest, useRegEconomy } from '../../api';
import { pillarState } from '../../charts/pillar-state';
import { PillarChart } from '../../components/PillarChart';
import { countryName } from '../../lib/country-names';
import { useUrlState } from '../../lib/url-state';
import { EmbedFrame } from './EmbedFrame';

/** /embed/regulation/:iso3 — the regulatory profile's pillar scores, for an iframe. */
export default function PillarChartEmbed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { iso3: raw = '' } = useParams();
  const iso3 = raw.toUpperCase();
  const url = useUrlState();
  const mode = url.get('scores') === 'corrected' ? 'corrected' : 'recorded';
  const q = useRegEconomy(regEconomyRequest(iso3, mode));
  const data = q.data;
  const pillars = useMemo(
    () => pillarState((data?.scores.pillars ?? []).map((p) => ({ id: p.id, label: `${p.pillar}. ${p.name}`, score: p.score, coverage: p.coverage }))),
    [data],
  );
  const title = `${t('regulation.pillarsTitle')}: ${countryName(iso3, lang)}`;
  const subtitle = [t('regulation.profile.title', { name: countryName(iso3, lang) }), `${t('regData.mode.label')}: ${t(`regData.mode.${mode}`)}`].join(' · ');
  return (
    <EmbedFrame title={title} subtitle={subtitle} sources={data?.sources} query={q} testid="embed-regulation">
      {data && (
        <PillarChart
          state={pillars}
          label={title}
          xLabel={t('regulation.scoreAxis')}
          unknownLabel={t('regulation.unknown')}
          coverageLabel={t('regulation.coverageShort')}
          minCoverage={data.min_coverage}
          lowCoverageLabel={t('regData.lowCoverage')}
          testid="reg-pillar-chart"
          share={{ meta: { title, subtitle, sources: data.sources } }}
        />
      )}
    </EmbedFrame>
  );
}
