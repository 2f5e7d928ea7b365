import { TariffSection } from '../tariffs/TariffSection';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request, useApi, useCountries, type Envelope, type Source } from '../../api';
import { CountryPicker } from '../../components/CountryPicker';
import { DownloadMenu } from '../../components/DownloadMenu';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { compareNames, countryName } from '../../lib/country-names';

import { toQueryString } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { CHANNELS, KINDS, TRAITS, type Item, type Product, type Question, type Section } from '../../../../src/modules/assistant/schema';
import './assistant.css';

/** A number as people write it: up to two decimals, none when it is whole (10 000 JPY, not 10 000,00). */
const formatNumber = (v: number, lang: string, digits = 2) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);

type AnswerEnvelope = Envelope<Item> & { question: Question; sections: Section[]; sources?: Source[] };
type HsEnvelope = Envelope<Product & { score: number | null }>;

/** The question's names in the URL, in the order they are written. */
const NAMES = ['origin', 'destination', 'hs', 'kind', 'value', 'currency', 'weight', 'channel', 'traits', 'date'] as const;

/** The export assistant: one MSME question in the URL, one sourced answer from every module. */
export default function AssistantPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('assistant.title'));
  const url = useUrlState();
  const members = useCountries().data?.rows.map((c) => c.iso3) ?? [];
  const asked = Object.fromEntries(NAMES.map((n) => [n, url.get(n)])) as Record<(typeof NAMES)[number], string | null>;
  const ready = Boolean(asked.origin && asked.destination);
  const req = ready ? request('/assistant', Object.fromEntries(NAMES.filter((n) => asked[n]).map((n) => [n, asked[n]!]))) : null;
  const answer = useApi<AnswerEnvelope>(req);

  return (
    <div className="page assistant" data-testid="page-assistant">
      <h1>{t('assistant.title')}</h1>
      <p className="lead">{t('assistant.lead')}</p>
      <QuestionForm asked={asked} members={members} onAsk={(q) => url.set(q, { push: true })} />
      {!ready && <p className="muted">{t('assistant.askFirst')}</p>}
      {req && answer.isPending && <Loading />}
      {req && answer.isError && <ErrorBox error={answer.error} onRetry={() => answer.refetch()} />}
      {req && answer.data && <AnswerView data={answer.data} req={req} lang={lang} />}
    </div>
  );
}

// ---------------------------------------------------------------- the question

function QuestionForm({ asked, members, onAsk }: { asked: Record<string, string | null>; members: string[]; onAsk: (q: Record<string, string | null>) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [origin, setOrigin] = useState(asked.origin ?? '');
  const [dests, setDests] = useState<string[]>(asked.destination?.split('~').filter(Boolean) ?? []);
  const [hs, setHs] = useState(asked.hs ?? '');
  const [search, setSearch] = useState('');
  const [searched, setSearched] = useState('');
  const [kind, setKind] = useState(asked.kind ?? 'goods');
  const [value, setValue] = useState(asked.value ?? '');
  const [currency, setCurrency] = useState(asked.currency ?? 'USD');
  const [weight, setWeight] = useState(asked.weight ?? '');
  const [channel, setChannel] = useState(asked.channel ?? '');
  const [traits, setTraits] = useState<string[]>(asked.traits?.split('~').filter(Boolean) ?? []);
  // A shared link (or back/forward) sets the form to the question it holds.
  useEffect(() => {
    setOrigin(asked.origin ?? '');
    setDests(asked.destination?.split('~').filter(Boolean) ?? []);
    setHs(asked.hs ?? '');
    setKind(asked.kind ?? 'goods');
    setValue(asked.value ?? '');
    setCurrency(asked.currency ?? 'USD');
    setWeight(asked.weight ?? '');
    setChannel(asked.channel ?? '');
    setTraits(asked.traits?.split('~').filter(Boolean) ?? []);
  }, [asked.origin, asked.destination, asked.hs, asked.kind, asked.value, asked.currency, asked.weight, asked.channel, asked.traits]);
  const found = useApi<HsEnvelope>(searched ? request('/assistant/hs', { q: searched }) : null);
  const product = useApi<HsEnvelope>(hs ? request('/assistant/hs', { q: hs }) : null).data?.rows.find((r) => r.code === hs);
  const cmp = compareNames(lang);
  const sorted = [...members].sort((a, b) => cmp(countryName(a, lang), countryName(b, lang)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAsk({
      origin: origin || null,
      destination: dests.length ? dests.join('~') : null,
      hs: hs || null,
      kind: kind === 'goods' ? null : kind,
      value: value || null,
      currency: value && currency ? currency.toUpperCase() : null,
      weight: weight || null,
      channel: channel || null,
      traits: traits.length ? traits.join('~') : null,
    });
  };

  return (
    <form className="card assistant-form" onSubmit={submit} aria-labelledby={`${id}-h`} data-testid="assistant-form">
      <h2 id={`${id}-h`}>{t('assistant.question')}</h2>
      <div className="assistant-form__grid">
        <div className="field">
          <label htmlFor={`${id}-origin`} className="field-label">
            {t('assistant.origin')}
          </label>
          <select id={`${id}-origin`} value={origin} onChange={(e) => setOrigin(e.target.value)} data-testid="assistant-origin" required>
            <option value="">{t('assistant.choose')}</option>
            {sorted.map((c) => (
              <option key={c} value={c}>
                {countryName(c, lang)}
              </option>
            ))}
          </select>
        </div>
        <CountryPicker options={members} selected={dests} onChange={setDests} label={t('assistant.destinations')} max={5} testid="assistant-destinations" />
        <div className="field assistant-form__product">
          <label htmlFor={`${id}-search`} className="field-label">
            {t('assistant.productSearch')}
          </label>
          <div className="assistant-form__search">
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  setSearched(search.trim());
                }
              }}
              placeholder={t('assistant.productPlaceholder')}
              data-testid="assistant-hs-search"
            />
            <button type="button" className="button" onClick={() => setSearched(search.trim())} data-testid="assistant-hs-go">
              {t('assistant.search')}
            </button>
          </div>
          {found.data && (
            <div className="field">
              <label htmlFor={`${id}-hs`} className="field-label">
                {t('assistant.productPick', { count: found.data.rows.length })}
              </label>
              <select id={`${id}-hs`} value={hs} onChange={(e) => setHs(e.target.value)} data-testid="assistant-hs-results" size={Math.min(6, Math.max(2, found.data.rows.length))}>
                {found.data.rows.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.code} — {r.description}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p className="small muted assistant-form__chosen" data-testid="assistant-product">
            {hs && (
              <button type="button" className="button--link" onClick={() => setHs('')}>
                {t('assistant.clearProduct')}
              </button>
            )}{' '}
            {hs ? `${t('assistant.product')}: ${hs}${product ? ` — ${product.description}` : ''}` : t('assistant.noProduct')}
          </p>
          <p className="small muted">{t('assistant.hsNote')}</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`} className="field-label">
            {t('assistant.kind')}
          </label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} data-testid="assistant-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`assistant.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`} className="field-label">
            {t('assistant.value')}
          </label>
          <input id={`${id}-value`} type="text" inputMode="decimal" pattern="\d+(\.\d+)?" value={value} onChange={(e) => setValue(e.target.value)} data-testid="assistant-value" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-currency`} className="field-label">
            {t('assistant.currency')}
          </label>
          <input id={`${id}-currency`} type="text" maxLength={3} pattern="[A-Za-z]{3}" value={currency} onChange={(e) => setCurrency(e.target.value)} data-testid="assistant-currency" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-weight`} className="field-label">
            {t('assistant.weight')}
          </label>
          <input id={`${id}-weight`} type="text" inputMode="decimal" pattern="\d+(\.\d+)?" value={weight} onChange={(e) => setWeight(e.target.value)} data-testid="assistant-weight" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-channel`} className="field-label">
            {t('assistant.channel')}
          </label>
          <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="assistant-channel">
            <option value="">{t('assistant.anyChannel')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`assistant.channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="assistant-form__traits">
          <legend className="field-label">{t('assistant.traits')}</legend>
          {TRAITS.map((tr) => (
            <label key={tr} className="check">
              <input type="checkbox" checked={traits.includes(tr)} onChange={(e) => setTraits(e.target.checked ? [...traits, tr] : traits.filter((x) => x !== tr))} data-testid={`assistant-trait-${tr}`} />{' '}
              {t(`assistant.traitNames.${tr}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <button type="submit" className="button" disabled={!origin || !dests.length} data-testid="assistant-ask">
        {t('assistant.ask')}
      </button>
    </form>
  );
}

// ---------------------------------------------------------------- the answer

function AnswerView({ data, req, lang }: { data: AnswerEnvelope; req: ReturnType<typeof request>; lang: string }) {
  const { t } = useTranslation();
  const q = data.question;
  const name = (iso3: string) => countryName(iso3, lang);
  const pdfParams = new URLSearchParams(req.params);
  pdfParams.set('lang', lang);
  const pdfUrl = `/api/assistant/brief.pdf${toQueryString(pdfParams)}`;
  const synthetic = data.rows.some((r) => r.synthetic);
  const documentsUrl = (b: string) => {
    const p = new URLSearchParams({ origin: q.origin, destination: b });
    if (q.product) p.set('hs', q.product.code);
    if (q.value !== null) p.set('value', String(q.value));
    if (q.value !== null) p.set('currency', q.currency);
    if (q.weight_kg !== null) p.set('weight', String(q.weight_kg));
    if (q.channel) p.set('channel', q.channel);
    if (lang !== 'en') p.set('lang', lang);
    return `/documents/new?${p.toString()}`;
  };

  return (
    <div className="assistant-answer" data-testid="assistant-answer">
      <section className="card" aria-labelledby="assistant-brief-h">
        <div className="card__head">
          <h2 id="assistant-brief-h">{t('assistant.briefTitle', { origin: name(q.origin), destinations: q.destinations.map(name).join(', ') })}</h2>
          <div className="controls no-print">
            <DownloadMenu request={req} filename={`puente-assistant-${q.origin}-${q.destinations.join('-')}`} />
            <button type="button" className="button" onClick={() => window.print()} data-testid="assistant-print">
              {t('assistant.print')}
            </button>
            <a className="button" href={pdfUrl} download data-testid="assistant-pdf">
              {t('assistant.pdf')}
            </a>
          </div>
        </div>
        {synthetic && <p className="badge badge--synthetic">{t('synthetic.badge')}</p>}
        <dl className="assistant-question" data-testid="assistant-question">
          <dt>{t('assistant.product')}</dt>
          <dd>{q.product ? `${q.product.code} — ${q.product.description}` : t('assistant.noProduct')}</dd>
          <dt>{t('assistant.shipment')}</dt>
          <dd>
            {q.value !== null ? `${formatNumber(q.value, lang, 2)} ${q.currency}` : <MissingValue />}
            {q.value_usd !== null && q.currency !== 'USD' && <> ≈ US$ {formatNumber(q.value_usd, lang, 2)} ({t('assistant.rateYear', { year: q.rate.rate_year })})</>}
            {q.value !== null && q.value_usd === null && <> ({t('assistant.noRate')})</>}
            {q.weight_kg !== null && <> · {formatNumber(q.weight_kg, lang, 2)} kg</>}
          </dd>
          <dt>{t('assistant.channel')}</dt>
          <dd>{q.channel ? t(`assistant.channels.${q.channel}`) : t('assistant.anyChannel')}</dd>
          <dt>{t('assistant.traits')}</dt>
          <dd>{q.traits.length ? q.traits.map((x) => t(`assistant.traitNames.${x}`)).join(', ') : t('assistant.noTraits')}</dd>
          <dt>{t('assistant.date')}</dt>
          <dd>{q.date}</dd>
        </dl>
      </section>
      {data.sections.map((s) =>
        // The tariffs module draws its own section (rates verbatim and read, agreements, the duty).
        s.id === 'tariffs' && s.destination && q.product ? (
          <TariffSection key={`${s.id}-${s.destination}`} destination={s.destination} origin={q.origin} hs={q.product.code} value={q.value} currency={q.currency} date={q.date} level={2} />
        ) : (
          <SectionView key={`${s.id}-${s.destination ?? ''}`} s={s} items={data.rows.filter((r) => r.section === s.id && r.destination === s.destination)} q={q} lang={lang} documentsUrl={documentsUrl} />
        ),
      )}
      <section className="card" aria-labelledby="assistant-sources-h">
        <h2 id="assistant-sources-h">{t('assistant.sources')}</h2>
        <SourceLine sources={data.sources} />
        <p className="small muted">{t('assistant.generated', { date: q.date })}</p>
      </section>
    </div>
  );
}

function SectionView({ s, items, q, lang, documentsUrl }: { s: Section; items: Item[]; q: Question; lang: string; documentsUrl: (b: string) => string }) {
  const { t } = useTranslation();
  const hid = `assistant-${s.id}-${s.destination ?? 'home'}`;
  const title = t(`assistant.section.${s.id}`, { a: countryName(q.origin, lang), b: s.destination ? countryName(s.destination, lang) : '' });
  return (
    <section className="card assistant-section" aria-labelledby={hid} data-testid={`assistant-section-${s.id}${s.destination ? `-${s.destination}` : ''}`} data-status={s.status}>
      <div className="card__head">
        <h2 id={hid}>{title}</h2>
        <span className={`badge assistant-status assistant-status--${s.status}`}>{t(`assistant.sectionStatus.${s.status}`)}</span>
      </div>
      {items.length > 0 && (
        <div className="data-table__scroll" tabIndex={0} role="region" aria-label={title}>
          <table className="assistant-facts">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assistant.col.what')}</th>
                <th scope="col">{t('assistant.col.value')}</th>
                <th scope="col">{t('assistant.col.finding')}</th>
                <th scope="col">{t('assistant.col.asOf')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i, n) => (
                <FactRow key={n} i={i} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.missing.length > 0 && (
        <ul className="assistant-missing" data-testid="assistant-missing">
          {s.missing.map((m) => (
            <li key={m}>
              <strong>{t('assistant.missing')}</strong> {m}
            </li>
          ))}
        </ul>
      )}
      {s.id === 'border' && s.destination && (
        <p className="no-print">
          <a href={documentsUrl(s.destination)} data-testid={`assistant-documents-${s.destination}`}>
            {t('assistant.documents')}
          </a>
        </p>
      )}
    </section>
  );
}

function FactRow({ i, lang }: { i: Item; lang: string }) {
  const { t } = useTranslation();
  const st = (code: string | null) => (code ? t(`assistant.status.${code}`, { defaultValue: code }) : null);
  const value =
    i.value === null ? (
      <MissingValue />
    ) : (
      <>
        {typeof i.value === 'number' ? formatNumber(i.value, lang, 2) : i.value}
        {i.unit ? ` ${i.unit}` : ''}
        {i.value_usd !== null && i.unit !== 'USD' && (
          <>
            <br />≈ US$ {formatNumber(i.value_usd, lang, 2)}
          </>
        )}
      </>
    );
  const findings = [st(i.status)];
  if (i.key === 'marketplace') findings.push(`${t('assistant.foreignSellers')}: ${st(i.qualifier ?? 'unknown')}`);
  if (i.key === 'cyberlaw' && i.qualifier) findings.push(`${t('assistant.atHome')}: ${i.qualifier}`);
  if (i.key === 'pillar' && i.qualifier) findings.push(`${t('assistant.atHome')}: ${i.qualifier}`);
  if ((i.key === 'de_minimis' || i.key === 'de_minimis_planned') && i.qualifier) findings.push(t(`assistant.dmKind.${i.qualifier}`, { defaultValue: i.qualifier }));
  if (i.key === 'export_channel' && i.qualifier) findings.push(i.qualifier);
  return (
    <tr data-key={i.key} data-status={i.status ?? ''}>
      <th scope="row">
        <span className="assistant-key">{t(`assistant.key.${i.key}`, { defaultValue: i.key })}</span>
        {i.subject && (
          <>
            <br />
            {i.url ? (
              <a href={i.url} rel="noopener noreferrer" target={i.url.startsWith('/') ? undefined : '_blank'}>
                {i.subject}
              </a>
            ) : (
              i.subject
            )}
          </>
        )}
        {i.synthetic && (
          <>
            {' '}
            <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong>
          </>
        )}
        {i.detail && <span className="assistant-detail">{i.detail}</span>}
      </th>
      <td>{value}</td>
      <td>{findings.filter(Boolean).join(' · ') || <MissingValue />}</td>
      <td>{i.as_of ?? <MissingValue />}</td>
    </tr>
  );
}
