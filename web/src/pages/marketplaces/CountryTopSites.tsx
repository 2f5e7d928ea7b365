import { useTranslation } from 'react-i18next';
import { countryName } from '../../lib/country-names';
import { TopSites } from './TopSites';

/** The country page's section: the most visited e-commerce sites of the economy (open top lists). */
export function CountryTopSites({ iso3 }: { iso3: string }) {
  const { t, i18n } = useTranslation();
  return (
    <TopSites
      economy={[iso3]}
      title={t('web16.top.countryTitle', { country: countryName(iso3, i18n.language) })}
      filename={`${iso3}-top-sites`}
      testid="country-top-sites"
    />
  );
}
