// Japan's rate columns as data: which column of the schedule is which rate or agreement, and which
// FEALAC economies are party to each agreement (Japan's own partner lists). Only parties for which
// the agreement is in force with Japan are listed; an accession after `AS_OF` is not. Economies
// outside FEALAC (Switzerland, India, the EU, the UK, the United States, Canada) are not listed:
// Puente answers for the 36 FEALAC economies only.

export type ColumnKind = 'general' | 'temporary' | 'wto' | 'gsp' | 'gsp_ldc' | 'agreement';

export interface RateColumn {
  /** The column's key in the publisher's file, verbatim. */
  key: string;
  /** Puente's id for the column (API, CSV). */
  id: string;
  kind: ColumnKind;
  name_en: string;
  name_es: string;
  /** FEALAC economies that may claim the column's rate (agreements only). */
  parties: string[];
  /** The official page listing the agreement and its parties. */
  source: string | null;
  note?: string;
}

/** When the party lists were last compared with Japan's official lists. */
export const AS_OF = '2026-07-09';

// Japan Ministry of Foreign Affairs: the list of Japan's EPAs/FTAs in force and their partners.
const MOFA = 'https://www.mofa.go.jp/policy/economy/fta/index.html';
// Japan Customs: EPAs in force and the rules of origin of each.
const CUSTOMS_EPA = 'https://www.customs.go.jp/english/roo/index.htm';

const ASEAN = ['BRN', 'KHM', 'IDN', 'LAO', 'MYS', 'MMR', 'PHL', 'SGP', 'THA', 'VNM'];

const epa = (key: string, id: string, name_en: string, name_es: string, parties: string[], note?: string, source = MOFA): RateColumn => ({ key, id, kind: 'agreement', name_en, name_es, parties, source, ...(note ? { note } : {}) });

export const JPN_COLUMNS: RateColumn[] = [
  { key: '基本', id: 'general', kind: 'general', name_en: 'General rate (Customs Tariff Act)', name_es: 'Tasa general (Ley de Aranceles Aduaneros)', parties: [], source: null },
  { key: '暫定', id: 'temporary', kind: 'temporary', name_en: 'Temporary rate (Act on Temporary Measures concerning Customs)', name_es: 'Tasa temporal (Ley de Medidas Temporales Aduaneras)', parties: [], source: null },
  { key: 'WTO協定', id: 'wto', kind: 'wto', name_en: 'WTO rate (MFN, bound in Japan\'s WTO schedule)', name_es: 'Tasa OMC (NMF, consolidada en la lista de Japón ante la OMC)', parties: [], source: null },
  { key: '特恵', id: 'gsp', kind: 'gsp', name_en: 'GSP preferential rate', name_es: 'Tasa preferencial SGP', parties: [], source: 'https://www.customs.go.jp/english/c-answer_e/imtsukan/1501_e.htm', note: 'Only for the beneficiaries of Japan\'s Generalized System of Preferences, a list Puente does not hold: check it with Japan Customs.' },
  { key: '特別特恵', id: 'gsp_ldc', kind: 'gsp_ldc', name_en: 'GSP rate for least developed countries', name_es: 'Tasa SGP para países menos adelantados', parties: [], source: 'https://www.customs.go.jp/english/c-answer_e/imtsukan/1501_e.htm', note: 'Only for least developed beneficiaries of Japan\'s GSP, a list Puente does not hold.' },
  epa('EPA_シンガポール', 'epa_sgp', 'Japan–Singapore Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Singapur', ['SGP']),
  epa('EPA_メキシコ', 'epa_mex', 'Japan–Mexico Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–México', ['MEX']),
  epa('EPA_マレーシア', 'epa_mys', 'Japan–Malaysia Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Malasia', ['MYS']),
  epa('EPA_チリ', 'epa_chl', 'Japan–Chile Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Chile', ['CHL']),
  epa('EPA_タイ', 'epa_tha', 'Japan–Thailand Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Tailandia', ['THA']),
  epa('EPA_インドネシア', 'epa_idn', 'Japan–Indonesia Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Indonesia', ['IDN']),
  epa('EPA_ブルネイ', 'epa_brn', 'Japan–Brunei Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Brunéi', ['BRN']),
  epa('EPA_アセアン', 'epa_asean', 'ASEAN–Japan Comprehensive Economic Partnership Agreement (AJCEP)', 'Acuerdo de Asociación Económica Integral ASEAN–Japón (AJCEP)', ASEAN),
  epa('EPA_フィリピン', 'epa_phl', 'Japan–Philippines Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Filipinas', ['PHL']),
  epa('EPA_スイス', 'epa_che', 'Japan–Switzerland Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Suiza', []),
  epa('EPA_ベトナム', 'epa_vnm', 'Japan–Viet Nam Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Viet Nam', ['VNM']),
  epa('EPA_インド', 'epa_ind', 'Japan–India Comprehensive Economic Partnership Agreement', 'Acuerdo de Asociación Económica Integral Japón–India', []),
  epa('EPA_ペルー', 'epa_per', 'Japan–Peru Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Perú', ['PER']),
  epa('EPA_豪州', 'epa_aus', 'Japan–Australia Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Australia', ['AUS']),
  epa('EPA_モンゴル', 'epa_mng', 'Japan–Mongolia Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–Mongolia', ['MNG']),
  epa('EPA_CPTPP', 'cptpp', 'Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)', 'Tratado Integral y Progresista de Asociación Transpacífico (CPTPP)', ['AUS', 'BRN', 'CHL', 'MYS', 'MEX', 'NZL', 'PER', 'SGP', 'VNM'], 'Parties for which the agreement is in force (depositary: New Zealand); accessions concluded after the as-of date are not listed.', 'https://www.mfat.govt.nz/en/trade/free-trade-agreements/free-trade-agreements-in-force/cptpp'),
  epa('EPA_欧州連合', 'epa_eu', 'Japan–EU Economic Partnership Agreement', 'Acuerdo de Asociación Económica Japón–UE', []),
  epa('EPA_英国', 'epa_gbr', 'Japan–UK Comprehensive Economic Partnership Agreement', 'Acuerdo de Asociación Económica Integral Japón–Reino Unido', []),
  epa('EPA_RCEP_アセアン豪州NZ', 'rcep_asean_anz', 'Regional Comprehensive Economic Partnership (RCEP): schedule for ASEAN, Australia and New Zealand', 'Asociación Económica Integral Regional (RCEP): lista para la ASEAN, Australia y Nueva Zelandia', [...ASEAN.filter((c) => c !== 'MMR'), 'AUS', 'NZL'], 'Myanmar is left out: Japan\'s application of RCEP to Myanmar was not confirmed on an official Japanese page; ask Japan Customs.'),
  epa('EPA_RCEP_中国', 'rcep_chn', 'Regional Comprehensive Economic Partnership (RCEP): schedule for China', 'Asociación Económica Integral Regional (RCEP): lista para China', ['CHN']),
  epa('EPA_RCEP_韓国', 'rcep_kor', 'Regional Comprehensive Economic Partnership (RCEP): schedule for the Republic of Korea', 'Asociación Económica Integral Regional (RCEP): lista para la República de Corea', ['KOR']),
  epa('EPA_日米貿易協定', 'epa_usa', 'Japan–US Trade Agreement', 'Acuerdo Comercial Japón–EE. UU.', []),
];

/** Rate columns per destination (one schedule today). */
export const COLUMNS_BY_DESTINATION: Record<string, RateColumn[]> = { JPN: JPN_COLUMNS };

/** The note every preferential rate carries. */
export const ORIGIN_NOTE_EN = 'Only for goods that meet the agreement\'s rules of origin, declared with the proof of origin the agreement requires; otherwise the MFN rate applies.';
export const RULES_OF_ORIGIN_URL = CUSTOMS_EPA;
