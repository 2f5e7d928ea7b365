// The code lists a shipment is checked against, read once from PUENTE_CODELISTS_DIR (the shared
// data folder's codelists/). Nothing here is stored: documents are computed from the request.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface Place {
  locode: string;
  name: string;
  ascii: string;
  iso3: string;
  subdivision: string | null;
}

export interface CodeLists {
  /** HS 2022 six-digit subheadings → description. */
  hs: Map<string, string>;
  /** ISO 4217 code → minor unit (decimals); null when the list says N.A. */
  currencies: Map<string, number | null>;
  /** ISO 3166 alpha-3 → alpha-2, and names. */
  countries: Map<string, { alpha2: string; en: string; es: string }>;
  /** UN/ECE Rec 20 unit → name ('' when the vocabulary gives none). */
  units: Map<string, string>;
  /** UN/ECE Rec 21 package type → name. */
  packages: Map<string, string>;
  /** Incoterms 2020 three-letter code → name. */
  incoterms: Map<string, string>;
  /** UN/LOCODE → place (the 36 FEALAC economies). */
  places: Map<string, Place>;
}

function rows(dir: string, file: string): Record<string, string>[] {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Code list ${file} is missing from PUENTE_CODELISTS_DIR (${file} under the shared data's codelists/ folder)`);
  }
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

export function readCodeLists(dir: string): CodeLists {
  const hs = new Map<string, string>();
  for (const r of rows(dir, 'hs2022_full.csv')) if (r.level === '6') hs.set(r.hscode, r.description);
  const currencies = new Map<string, number | null>();
  for (const r of rows(dir, 'iso4217_codes-all.csv')) {
    if (!r.AlphabeticCode || r.WithdrawalDate) continue;
    const n = Number.parseInt(r.MinorUnit, 10);
    currencies.set(r.AlphabeticCode, Number.isFinite(n) ? n : null);
  }
  const countries = new Map<string, { alpha2: string; en: string; es: string }>();
  for (const r of rows(dir, 'country-codes_full.csv')) {
    const a3 = r['ISO3166-1-Alpha-3'];
    if (a3) countries.set(a3, { alpha2: r['ISO3166-1-Alpha-2'], en: r['UNTERM English Short'] || r['CLDR display name'] || a3, es: r['UNTERM Spanish Short'] || a3 });
  }
  const units = new Map<string, string>();
  for (const r of rows(dir, 'uncefact/rec20_units_of_measure.csv')) units.set(r.code, r.name ?? '');
  const packages = new Map<string, string>();
  for (const r of rows(dir, 'uncefact/rec21_package_types.csv')) packages.set(r.code, r.name ?? '');
  const incoterms = new Map<string, string>();
  for (const r of rows(dir, 'uncefact/delivery_terms_incoterms.csv')) if (r.is_three_letter_incoterms_code === '1' && r.in_uncefact_vocab_DeliveryTermsCodeList === '1') incoterms.set(r.code, r.name);
  const places = new Map<string, Place>();
  for (const r of rows(dir, 'unlocode/unlocode_fealac.csv')) {
    places.set(r.unlocode, { locode: r.unlocode, name: r.name, ascii: r.name_wo_diacritics, iso3: r.iso3, subdivision: r.subdivision_name || null });
  }
  return { hs, currencies, countries, units, packages, incoterms, places };
}

const loaded = new Map<string, CodeLists>();

/** The code lists of a folder, read at the first call and kept (they change only with the files). */
export function codeListsAt(dir: string): CodeLists {
  const key = resolve(dir);
  let lists = loaded.get(key);
  if (!lists) {
    lists = readCodeLists(key);
    loaded.set(key, lists);
  }
  return lists;
}
