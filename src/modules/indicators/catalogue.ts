// The indicators Puente knows by default: what they measure, in what unit, and where the World
// Bank API serves them. Imported files may add others (their name comes from the file).

export interface CatalogueEntry {
  code: string;
  name: string;
  unit: string;
  topic: 'internet' | 'payments' | 'logistics' | 'economy' | 'trade';
  definition: string;
  /** Code in the World Bank API v2 when it differs or exists; null when the API does not serve it. */
  worldbank: string | null;
}

export const CATALOGUE: CatalogueEntry[] = [
  { code: 'IT.NET.USER.ZS', name: 'Individuals using the Internet (% of population)', unit: '%', topic: 'internet', worldbank: 'IT.NET.USER.ZS',
    definition: 'Individuals who have used the Internet (from any location) in the last 3 months (ITU).' },
  { code: 'IT.NET.BBND.P2', name: 'Fixed broadband subscriptions (per 100 people)', unit: 'per 100 people', topic: 'internet', worldbank: 'IT.NET.BBND.P2',
    definition: 'Fixed subscriptions to high-speed access to the public Internet, at downstream speeds of 256 kbit/s or more (ITU).' },
  { code: 'IT.CEL.SETS.P2', name: 'Mobile cellular subscriptions (per 100 people)', unit: 'per 100 people', topic: 'internet', worldbank: 'IT.CEL.SETS.P2',
    definition: 'Subscriptions to a public mobile telephone service using cellular technology (ITU).' },
  { code: 'IT.NET.SECR.P6', name: 'Secure Internet servers (per 1 million people)', unit: 'per million people', topic: 'internet', worldbank: 'IT.NET.SECR.P6',
    definition: 'Distinct publicly trusted TLS/SSL certificates by hosting economy (Netcraft), per million people.' },
  { code: 'LP.LPI.OVRL.XQ', name: 'Logistics performance index: Overall (1=low to 5=high)', unit: 'score 1-5', topic: 'logistics', worldbank: 'LP.LPI.OVRL.XQ',
    definition: 'Weighted average of the six LPI dimensions from a survey of logistics professionals (World Bank). Survey year 2022 is the "LPI 2023" edition.' },
  { code: 'FINDEX.account_t_d', name: 'Account ownership, financial institution or mobile money (% age 15+)', unit: '%', topic: 'payments', worldbank: 'FX.OWN.TOTL.ZS',
    definition: 'Respondents who report having an account at a financial institution or a mobile money service (Global Findex; = WDI FX.OWN.TOTL.ZS).' },
  { code: 'FINDEX.fiaccount_t_d', name: 'Bank or similar financial institution account (% age 15+)', unit: '%', topic: 'payments', worldbank: null,
    definition: 'Respondents with an account at a bank or another type of financial institution (Global Findex).' },
  { code: 'FINDEX.mobileaccount_t_d', name: 'Mobile money account (% age 15+)', unit: '%', topic: 'payments', worldbank: null,
    definition: 'Respondents who personally used a mobile money service in the past 12 months (Global Findex).' },
  { code: 'FINDEX.fin26a', name: 'Used a mobile phone or the internet to pay bills (% age 15+)', unit: '%', topic: 'payments', worldbank: null,
    definition: 'Global Findex question fin26a.' },
  { code: 'FINDEX.fin26b', name: 'Used a mobile phone or the internet to buy something online (% age 15+)', unit: '%', topic: 'payments', worldbank: null,
    definition: 'Global Findex question fin26b: bought something online using a mobile phone or the internet.' },
  { code: 'FINDEX.fin27a', name: 'Made a digital online merchant payment for an online purchase (% age 15+)', unit: '%', topic: 'payments', worldbank: null,
    definition: 'Global Findex question fin27a.' },
  { code: 'FINDEX.fin27b', name: 'Paid cash on delivery for an online purchase (% age 15+)', unit: '%', topic: 'payments', worldbank: null,
    definition: 'Global Findex question fin27b.' },
  { code: 'NY.GDP.PCAP.CD', name: 'GDP per capita (current US$)', unit: 'current US$', topic: 'economy', worldbank: 'NY.GDP.PCAP.CD',
    definition: 'Gross domestic product divided by midyear population, current US dollars.' },
  { code: 'NY.GDP.PCAP.PP.CD', name: 'GDP per capita, PPP (current international $)', unit: 'current international $', topic: 'economy', worldbank: 'NY.GDP.PCAP.PP.CD',
    definition: 'GDP per capita converted to international dollars using purchasing power parity rates.' },
  { code: 'SP.POP.TOTL', name: 'Population, total', unit: 'people', topic: 'economy', worldbank: 'SP.POP.TOTL',
    definition: 'All residents regardless of legal status or citizenship, midyear estimates.' },
  { code: 'PA.NUS.FCRF', name: 'Official exchange rate (LCU per US$, period average)', unit: 'LCU per US$', topic: 'economy', worldbank: 'PA.NUS.FCRF',
    definition: 'Exchange rate determined by national authorities or in the legally sanctioned market, annual average of monthly averages (IMF IFS). Other modules convert amounts to US$ with it (a dated rate: the year of the amount).' },
  { code: 'TX.VAL.MRCH.CD.WT', name: 'Merchandise exports (current US$)', unit: 'current US$', topic: 'trade', worldbank: 'TX.VAL.MRCH.CD.WT',
    definition: 'F.o.b. value of goods provided to the rest of the world (WTO).' },
  { code: 'TM.VAL.MRCH.CD.WT', name: 'Merchandise imports (current US$)', unit: 'current US$', topic: 'trade', worldbank: 'TM.VAL.MRCH.CD.WT',
    definition: 'C.i.f. value of goods received from the rest of the world (WTO).' },
];

/** Default components of the readiness index (METHODS.md §2); every request can change them. */
export const DEFAULT_COMPONENTS = [
  { code: 'IT.NET.USER.ZS', weight: 1, log: false },
  { code: 'FINDEX.account_t_d', weight: 1, log: false },
  // Secure servers per million spans four orders of magnitude across FEALAC: log first.
  { code: 'IT.NET.SECR.P6', weight: 1, log: true },
  { code: 'LP.LPI.OVRL.XQ', weight: 1, log: false },
  { code: 'FINDEX.fin26b', weight: 1, log: false },
];

export const WORLD_BANK_SOURCE = {
  publisher: 'World Bank',
  license: 'CC BY 4.0',
};
