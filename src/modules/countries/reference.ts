// Reference data the product carries itself (it must build a database on a machine with no
// data directory). Facts, each with where it was read; `puente import` of a members file
// (docs/data-formats.md) can still correct them.
//
// Each source carries its own fixed "as of" date: the day its facts were read from the publisher
// (written to the source record's retrieved_at). Never the start time: a restart must not change
// the data, and Puente must not claim a retrieval that did not happen. Change a date only when
// the facts are read again.

/** The day the membership lists and group definitions below were read from their publishers. */
export const REFERENCE_AS_OF = '2026-11-22';

export const MEMBERSHIP_SOURCE = {
  publisher: 'FEALAC',
  title: 'FEALAC member countries and years of accession (ministerial declarations)',
  url: 'https://www.fealac.org/',
  license: 'Facts (no licence needed); cite FEALAC',
  as_of: REFERENCE_AS_OF,
};

export type Region = 'East Asia' | 'Latin America';

/** iso3 -> [FEALAC region, year joined or null where not confirmed] */
export const MEMBERS: Record<string, [Region, number | null]> = {
  AUS: ['East Asia', 1999], BRN: ['East Asia', 1999], KHM: ['East Asia', 1999], CHN: ['East Asia', 1999],
  IDN: ['East Asia', 1999], JPN: ['East Asia', 1999], KOR: ['East Asia', 1999], LAO: ['East Asia', 1999],
  MYS: ['East Asia', 1999], MMR: ['East Asia', 1999], NZL: ['East Asia', 1999], PHL: ['East Asia', 1999],
  SGP: ['East Asia', 1999], THA: ['East Asia', 1999], VNM: ['East Asia', 1999],
  // Mongolia joined between 2007 and 2010; the exact year is not confirmed, so it stays unknown.
  MNG: ['East Asia', null],
  ARG: ['Latin America', 1999], BOL: ['Latin America', 1999], BRA: ['Latin America', 1999], CHL: ['Latin America', 1999],
  COL: ['Latin America', 1999], ECU: ['Latin America', 1999], MEX: ['Latin America', 1999], PAN: ['Latin America', 1999],
  PRY: ['Latin America', 1999], PER: ['Latin America', 1999], URY: ['Latin America', 1999], VEN: ['Latin America', 1999],
  CRI: ['Latin America', 2001], CUB: ['Latin America', 2001], SLV: ['Latin America', 2001],
  GTM: ['Latin America', 2004], NIC: ['Latin America', 2004],
  DOM: ['Latin America', 2007],
  HND: ['Latin America', 2011], SUR: ['Latin America', 2011],
};

/** English names as FEALAC uses them (i18n-iso-countries gives the other languages). */
export const ENGLISH_NAMES: Record<string, string> = {
  KOR: 'Korea, Republic of', LAO: 'Lao PDR', VNM: 'Viet Nam', BOL: 'Bolivia', VEN: 'Venezuela', BRN: 'Brunei Darussalam',
};

export interface GroupDef {
  code: string;
  name_en: string;
  name_es: string;
  kind: 'bloc' | 'geographic';
  note?: string;
  source: { publisher: string; title: string; url: string; as_of: string };
  members: Record<string, string>; // iso3 -> status
}

export const GROUPS: GroupDef[] = [
  {
    code: 'asean', name_en: 'ASEAN', name_es: 'ASEAN', kind: 'bloc',
    source: { publisher: 'ASEAN Secretariat', title: 'ASEAN Member States', url: 'https://asean.org/member-states/', as_of: REFERENCE_AS_OF },
    members: Object.fromEntries(['BRN', 'KHM', 'IDN', 'LAO', 'MYS', 'MMR', 'PHL', 'SGP', 'THA', 'VNM'].map((c) => [c, 'member'])),
  },
  {
    code: 'northeast-asia', name_en: 'Northeast Asia', name_es: 'Asia nororiental', kind: 'geographic',
    source: { publisher: 'United Nations Statistics Division', title: 'M49 Eastern Asia', url: 'https://unstats.un.org/unsd/methodology/m49/', as_of: REFERENCE_AS_OF },
    members: Object.fromEntries(['CHN', 'JPN', 'KOR', 'MNG'].map((c) => [c, 'member'])),
  },
  {
    code: 'oceania', name_en: 'Oceania', name_es: 'Oceanía', kind: 'geographic',
    source: { publisher: 'United Nations Statistics Division', title: 'M49 Australia and New Zealand', url: 'https://unstats.un.org/unsd/methodology/m49/', as_of: REFERENCE_AS_OF },
    members: { AUS: 'member', NZL: 'member' },
  },
  {
    code: 'pacific-alliance', name_en: 'Pacific Alliance', name_es: 'Alianza del Pacífico', kind: 'bloc',
    source: { publisher: 'Alianza del Pacífico', title: 'Países miembros', url: 'https://alianzapacifico.net/', as_of: REFERENCE_AS_OF },
    members: Object.fromEntries(['CHL', 'COL', 'MEX', 'PER'].map((c) => [c, 'member'])),
  },
  {
    code: 'mercosur', name_en: 'Mercosur', name_es: 'Mercosur', kind: 'bloc',
    note: 'Venezuela is suspended (since 2016/2017); Bolivia became a full member in 2024 and is adopting the acquis.',
    source: { publisher: 'MERCOSUR', title: 'Países del MERCOSUR', url: 'https://www.mercosur.int/quienes-somos/paises-del-mercosur/', as_of: REFERENCE_AS_OF },
    members: { ARG: 'member', BRA: 'member', PRY: 'member', URY: 'member', BOL: 'member (acceding)', VEN: 'suspended' },
  },
  {
    code: 'andean-community', name_en: 'Andean Community', name_es: 'Comunidad Andina', kind: 'bloc',
    source: { publisher: 'Comunidad Andina', title: 'Países miembros', url: 'https://www.comunidadandina.org/', as_of: REFERENCE_AS_OF },
    members: Object.fromEntries(['BOL', 'COL', 'ECU', 'PER'].map((c) => [c, 'member'])),
  },
  {
    code: 'central-america', name_en: 'Central America', name_es: 'Centroamérica', kind: 'geographic',
    note: 'The six Central American isthmus members of FEALAC (SICA members); Mexico is not included.',
    source: { publisher: 'SICA', title: 'Estados miembros del SICA', url: 'https://www.sica.int/', as_of: REFERENCE_AS_OF },
    members: Object.fromEntries(['CRI', 'SLV', 'GTM', 'HND', 'NIC', 'PAN'].map((c) => [c, 'member'])),
  },
  {
    code: 'caribbean', name_en: 'Caribbean', name_es: 'Caribe', kind: 'geographic',
    note: 'Cuba and the Dominican Republic (M49 Caribbean); Suriname as a CARICOM member (geographically South America).',
    source: { publisher: 'United Nations Statistics Division; CARICOM', title: 'M49 Caribbean; CARICOM member states', url: 'https://unstats.un.org/unsd/methodology/m49/', as_of: REFERENCE_AS_OF },
    members: { CUB: 'member', DOM: 'member', SUR: 'CARICOM member' },
  },
];

/** ISO 3166-1 codes and names come from the i18n-iso-countries package; as of its pinned version. */
export const ISO_SOURCE = {
  publisher: 'i18n-iso-countries (npm, MIT) after ISO 3166-1',
  title: 'ISO 3166-1 codes and country names',
  url: 'https://www.npmjs.com/package/i18n-iso-countries',
  license: 'MIT',
  as_of: REFERENCE_AS_OF,
};

export const LANGUAGES = ['en', 'es', 'pt', 'zh', 'ja', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
