import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useCountries } from '../../api';
import { DownloadMenu } from '../../components/DownloadMenu';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { formatInteger } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState, withLang } from '../../lib/url-state';
import { EconomySelect } from '../support/SupportParts';
import { TariffSection } from './TariffSection';
import { editionsRequest, useEditions } from './tariffs-api';
import './tariffs.css';

const DEFAULT_DESTINATION = 'JPN';
const DEFAULT_HS = '0901.21';
const HS_PATTERN = /^\d{4}(\.?\d{2})?(\.?\d{1,4})?$/;

/** Tariff lookup: a destination's duty on an HS code, for an origin, with the schedules Puente holds. */
export default function TariffsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const url = useUrlState();
  const chosen = useParams().iso3;
  const destination = (chosen ?? DEFAULT_DESTINATION).toUpperCase();
  const hsParam = url.get('hs') ?? DEFAULT_HS;
  const hs = HS_PATTERN.test(hsParam) ? hsParam : DEFAULT_HS;
  const origin = url.get('origin');
  const valueParam = Number(url.get('value'));
  const value = url.get('value') && Number.isFinite(valueParam) && valueParam > 0 ? valueParam : null;
  const currency = url.get('currency');
  // Each destination's page has its own title (and so its own description).
  useDocumentTitle(chosen ? t('tariffs.titleOf', { country: countryName(destination, lang) }) : t('tariffs.title'));
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const editions = useEditions();

  const [hsDraft, setHsDraft] = useState(hs);
  const [valueDraft, setValueDraft] = useState(value ? String(value) : '');
  const [currencyDraft, setCurrencyDraft] = useState(currency ?? 'USD');
  useEffect(() => setHsDraft(hs), [hs]);
  const hsId = useId();
  const valueId = useId();
  const currencyId = useId();
  const hsError = hsDraft && !HS_PATTERN.test(hsDraft.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (hsError) return;
    url.set({ hs: hsDraft.trim() || null, value: valueDraft ? valueDraft : null, currency: valueDraft && currencyDraft ? currencyDraft.toUpperCase() : null }, { push: true });
  };

  return (
    <div className="page" data-testid="page-tariffs">
      <h1>{t('tariffs.title')}</h1>
      <p className="lead">{t('tariffs.lead')}</p>
      <form className="controls controls--panel tariff-form" onSubmit={submit} data-testid="tariff-form">
        <EconomySelect
          options={members.length ? members : [destination]}
          value={destination}
          onChange={(v) => v && navigate(withLang(`/tariffs/${v}${window.location.search}`, window.location.search))}
          label={t('tariffs.destination')}
          testid="tariff-destination"
        />
        <EconomySelect options={members} value={origin} onChange={(v) => url.set({ origin: v }, { push: true })} label={t('tariffs.origin')} testid="tariff-origin" allowEmpty />
        <div className="field">
          <label htmlFor={hsId} className="field-label">
            {t('tariffs.hs')}
          </label>
          <input id={hsId} type="search" value={hsDraft} onChange={(e) => setHsDraft(e.target.value)} inputMode="decimal" aria-invalid={hsError ? true : undefined} aria-describedby={`${hsId}-hint`} data-testid="tariff-hs" />
          <span id={`${hsId}-hint`} className="muted small">
            {hsError ? t('tariffs.hsInvalid') : t('tariffs.hsHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={valueId} className="field-label">
            {t('tariffs.value')}
          </label>
          <input id={valueId} type="number" min="0" step="any" value={valueDraft} onChange={(e) => setValueDraft(e.target.value)} data-testid="tariff-value" />
        </div>
        <div className="field">
          <label htmlFor={currencyId} className="field-label">
            {t('tariffs.currency')}
          </label>
          <input id={currencyId} type="search" value={currencyDraft} maxLength={3} onChange={(e) => setCurrencyDraft(e.target.value)} data-testid="tariff-currency" />
        </div>
        <button type="submit" className="button" data-testid="tariff-submit">
          {t('tariffs.lookUp')}
        </button>
      </form>
      <TariffSection destination={destination} origin={origin} hs={hs} value={value} currency={currency} />
      <section className="card" aria-labelledby="tariff-editions-h">
        <div className="card__head">
          <h2 id="tariff-editions-h">{t('tariffs.editionsTitle')}</h2>
          <DownloadMenu request={editionsRequest()} filename="puente-tariff-editions" />
        </div>
        <p className="muted small">{t('tariffs.editionsNote')}</p>
        <ul data-testid="tariff-editions">
          {(editions.data?.rows ?? []).map((e) => (
            <li key={e.id}>
              {countryName(e.destination, lang)}: {t('tariffs.editionRow', { edition: e.edition, lines: formatInteger(e.lines, lang), publisher: e.publisher })}
            </li>
          ))}
        </ul>
        <SourceLine sources={editions.data?.sources} />
      </section>
    </div>
  );
}
