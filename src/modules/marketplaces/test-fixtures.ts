// Partner files used by the import tests (ingest.test.ts) and the fast-path tests
// (fast-path.test.ts): good ones, and bad ones with the line, field and message staging must report.
export const SRC = 'Test panel,https://example.org/panel,Partner licence,false';
export const VISITS_HEADER = 'domain,serves_iso3,month,visits,source,source_url,license,synthetic';
export const SHARES_HEADER = 'domain,serves_iso3,period,dimension,category,share,source,source_url,license,synthetic';
export const GOOD_VISITS = `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-01,1000,${SRC}\nmercadolibre.com.ar,ARG,2024-02,1200,${SRC}\nwww.amazon.com,ARG,2024-01,500,${SRC}\n`;
export const GOOD_SHARES =
  `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2024,origin,ARG,0.8,${SRC}\nmercadolibre.com.ar,ARG,2024,origin,URY,0.15,${SRC}\nmercadolibre.com.ar,ARG,2024,origin,CHN,0.05,${SRC}\n` +
  `mercadolibre.com.ar,ARG,2024-02,origin,ARG,0.7,${SRC}\nmercadolibre.com.ar,ARG,2024-02,origin,USA,0.295,${SRC}\n` +
  `mercadolibre.com.ar,ARG,2024,sex,female,0.52,${SRC}\nmercadolibre.com.ar,ARG,2024,sex,male,0.48,${SRC}\n`;

export interface BadCase {
  name: string;
  file: string;
  content: string;
  line: number;
  field: string;
  message: RegExp;
}

export const BAD_PARTNER_FILES: BadCase[] = [
  { name: 'negative visits', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-03,10,${SRC}\nmercadolibre.com.ar,ARG,2024-04,-5,${SRC}\n`, line: 3, field: 'visits', message: /visits must be a finite number >= 0, got "-5"/ },
  { name: 'visits that are not a number', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-03,many,${SRC}\n`, line: 2, field: 'visits', message: /"many" is not a number/ },
  { name: 'an unknown domain', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-03,10,${SRC}\nnot-in-registry.example,ARG,2024-03,10,${SRC}\n`, line: 3, field: 'domain', message: /unknown website "not-in-registry.example" serving ARG/ },
  { name: 'a registry domain with the wrong economy', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,BRA,2024-03,10,${SRC}\n`, line: 2, field: 'domain', message: /unknown website "mercadolibre.com.ar" serving BRA/ },
  { name: 'a duplicate month', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-03,10,${SRC}\nmercadolibre.com.ar,ARG,2024-04,10,${SRC}\nmercadolibre.com.ar,ARG,2024-03,11,${SRC}\n`, line: 4, field: 'month', message: /duplicate month 2024-03 .*first given on line 2/ },
  { name: 'a bad month (2024-13)', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-13,10,${SRC}\n`, line: 2, field: 'month', message: /"2024-13" is not a month \(YYYY-MM\)/ },
  { name: 'a date instead of a month', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,03/2024,10,${SRC}\n`, line: 2, field: 'month', message: /not a month/ },
  { name: 'a second source inside one file', file: 'v.csv', content: `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-03,10,${SRC}\nmercadolibre.com.ar,ARG,2024-04,10,Other panel,,Partner licence,false\n`, line: 3, field: 'source', message: /differs from the first row's \("Test panel"\)/ },
  { name: 'shares that do not sum to 1', file: 's.csv', content: `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023,origin,ARG,0.8,${SRC}\nmercadolibre.com.ar,ARG,2023,origin,URY,0.1,${SRC}\n`, line: 2, field: 'share', message: /origin shares of mercadolibre.com.ar \(ARG\) 2023 sum to 0.9, not 1 \(tolerance 0.01/ },
  { name: 'a share above 1', file: 's.csv', content: `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023,device,mobile,1.2,${SRC}\nmercadolibre.com.ar,ARG,2023,device,desktop,-0.2,${SRC}\n`, line: 2, field: 'share', message: /between 0 and 1, got "1.2"/ },
  { name: 'an unknown age group', file: 's.csv', content: `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023,age,18-99,1,${SRC}\n`, line: 2, field: 'category', message: /unknown age category "18-99"/ },
  { name: 'a bad period', file: 's.csv', content: `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023-00,sex,female,1,${SRC}\n`, line: 2, field: 'period', message: /not a year \(YYYY\) or a month/ },
  { name: 'a duplicate share category', file: 's.csv', content: `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023,sex,female,0.5,${SRC}\nmercadolibre.com.ar,ARG,2023,sex,female,0.5,${SRC}\n`, line: 3, field: 'category', message: /duplicate sex category female .*first given on line 2/ },
];
