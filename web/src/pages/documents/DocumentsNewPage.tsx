import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { shipmentSchema, type ShipmentInput } from '../../../../src/modules/documents/schema';
import { countryName } from '../../lib/country-names';
import { useDocumentTitle } from '../../lib/use-document-title';
import { prefill } from './shipment-form';
import './documents.css';

type Kind = 'invoice' | 'packing-list' | 'cn23';
type Format = 'pdf' | 'xml';

interface Place {
  locode: string;
  name: string;
  iso3: string;
  subdivision: string | null;
}

/** Sets a value deep in the shipment by a dotted path ("items.0.hs"). */
function setPath<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys[keys.length - 1]] = value;
  return copy as T;
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="doc-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="doc-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Aligned trade documents for a first shipment: invoice, packing list, CN 23 data (issue #21). */
export default function DocumentsNewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('documents.title'), t('documents.intro'));
  const [params] = useSearchParams();
  const [shipment, setShipment] = useState<ShipmentInput>(() => prefill(params, new Date().toISOString().slice(0, 10)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [placeQuery, setPlaceQuery] = useState('');
  const [places, setPlaces] = useState<Place[]>([]);
  const [ready, setReady] = useState<{ kind: Kind; format: Format; url: string; name: string } | null>(null);

  const item = shipment.items[0];
  const set = (path: string) => (e: { target: { value: string } }) => setShipment((s) => setPath(s, path, e.target.value));
  const value = (v: unknown) => (v == null ? '' : String(v));

  async function searchPlaces(q: string) {
    setPlaceQuery(q);
    if (q.trim().length < 2) return setPlaces([]);
    const res = await fetch(`/api/documents/places?q=${encodeURIComponent(q)}&country=${encodeURIComponent(shipment.seller.country)}&_size=8`);
    if (res.ok) setPlaces(((await res.json()) as { rows: Place[] }).rows);
  }

  async function download(kind: Kind, format: Format) {
    setReady(null);
    setServerErrors([]);
    const parsed = shipmentSchema.safeParse(shipment);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await fetch(`/api/documents/${kind}?format=${format}&lang=${lang === 'es' ? 'es' : 'en'}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(shipment),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string; errors?: string[] } | null;
        setServerErrors(body?.errors?.length ? body.errors : [body?.error ?? String(res.status)]);
        return;
      }
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.${format}`;
      const url = URL.createObjectURL(blob);
      setReady({ kind, format, url, name });
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page documents-page" data-testid="page-documents-new">
      <h1>{t('documents.title')}</h1>
      <p className="lead">{t('documents.intro')}</p>
      <p className="doc-private">{t('documents.private')}</p>
      <form
        className="doc-form"
        onSubmit={(e) => {
          e.preventDefault();
          void download('invoice', 'pdf');
        }}
      >
        <fieldset>
          <legend>{t('documents.parties')}</legend>
          <Field id="doc-number" label={t('documents.number')} error={errors['document.number']}>
            <input id="doc-number" value={shipment.document.number} onChange={set('document.number')} maxLength={35} required />
          </Field>
          <Field id="doc-date" label={t('documents.date')} error={errors['document.date']}>
            <input id="doc-date" type="date" value={shipment.document.date} onChange={set('document.date')} required />
          </Field>
          <Field id="doc-seller" label={t('documents.seller')} error={errors['seller.name']}>
            <input id="doc-seller" value={shipment.seller.name} onChange={set('seller.name')} maxLength={200} required />
          </Field>
          <Field id="doc-seller-country" label={t('documents.sellerCountry')} error={errors['seller.country']}>
            <input id="doc-seller-country" value={shipment.seller.country} onChange={set('seller.country')} maxLength={3} aria-describedby="doc-seller-country-name" />
            <span id="doc-seller-country-name" className="doc-hint">{countryName(shipment.seller.country, lang)}</span>
          </Field>
          <Field id="doc-buyer" label={t('documents.buyer')} error={errors['buyer.name']}>
            <input id="doc-buyer" value={shipment.buyer.name} onChange={set('buyer.name')} maxLength={200} required />
          </Field>
          <Field id="doc-buyer-country" label={t('documents.buyerCountry')} error={errors['buyer.country']}>
            <input id="doc-buyer-country" value={shipment.buyer.country} onChange={set('buyer.country')} maxLength={3} aria-describedby="doc-buyer-country-name" />
            <span id="doc-buyer-country-name" className="doc-hint">{countryName(shipment.buyer.country, lang)}</span>
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('documents.goods')}</legend>
          <Field id="doc-hs" label={t('documents.hs')} error={errors['items.0.hs']}>
            <input id="doc-hs" value={value(item.hs)} onChange={set('items.0.hs')} inputMode="numeric" maxLength={7} />
          </Field>
          <Field id="doc-description" label={t('documents.description')} error={errors['items.0.description']}>
            <input id="doc-description" value={value(item.description)} onChange={set('items.0.description')} maxLength={300} required />
          </Field>
          <Field id="doc-quantity" label={t('documents.quantity')} error={errors['items.0.quantity']}>
            <input id="doc-quantity" value={value(item.quantity)} onChange={set('items.0.quantity')} inputMode="decimal" />
          </Field>
          <Field id="doc-unit" label={t('documents.unit')} error={errors['items.0.unit']}>
            <input id="doc-unit" value={value(item.unit)} onChange={set('items.0.unit')} maxLength={3} />
          </Field>
          <Field id="doc-price" label={t('documents.unitPrice')} error={errors['items.0.unit_price']}>
            <input id="doc-price" value={value(item.unit_price)} onChange={set('items.0.unit_price')} inputMode="decimal" />
          </Field>
          <Field id="doc-currency" label={t('documents.currency')} error={errors.currency}>
            <input id="doc-currency" value={shipment.currency} onChange={set('currency')} maxLength={3} />
          </Field>
          <Field id="doc-net" label={t('documents.net')} error={errors['items.0.net_weight_kg']}>
            <input id="doc-net" value={value(item.net_weight_kg)} onChange={set('items.0.net_weight_kg')} inputMode="decimal" />
          </Field>
          <Field id="doc-gross" label={t('documents.gross')} error={errors['items.0.gross_weight_kg']}>
            <input id="doc-gross" value={value(item.gross_weight_kg)} onChange={set('items.0.gross_weight_kg')} inputMode="decimal" />
          </Field>
          <Field id="doc-package" label={t('documents.packageType')} error={errors['packages.0.type']}>
            <input id="doc-package" value={shipment.packages[0].type} onChange={set('packages.0.type')} maxLength={2} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('documents.delivery')}</legend>
          <Field id="doc-incoterm" label={t('documents.incoterm')} error={errors['delivery.incoterm']}>
            <select id="doc-incoterm" value={shipment.delivery.incoterm} onChange={set('delivery.incoterm')}>
              {['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
          <Field id="doc-place-search" label={t('documents.placeSearch')}>
            <input id="doc-place-search" type="search" value={placeQuery} onChange={(e) => void searchPlaces(e.target.value)} placeholder={t('documents.placePlaceholder')} autoComplete="off" />
          </Field>
          {places.length ? (
            <ul className="doc-places" aria-label={t('documents.placeResults')}>
              {places.map((p) => (
                <li key={p.locode}>
                  <button
                    type="button"
                    onClick={() => {
                      setShipment((s) => setPath(s, 'delivery.place', p.locode));
                      setPlaces([]);
                      setPlaceQuery(p.name);
                    }}
                  >
                    {p.name} {p.subdivision ? `(${p.subdivision})` : ''} — {p.locode}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <Field id="doc-place" label={t('documents.place')} error={errors['delivery.place']}>
            <input id="doc-place" value={shipment.delivery.place} onChange={set('delivery.place')} maxLength={5} />
          </Field>
          <Field id="doc-channel" label={t('documents.channel')} error={errors.channel}>
            <select
              id="doc-channel"
              value={shipment.channel}
              onChange={(e) => {
                const channel = e.target.value as ShipmentInput['channel'];
                setShipment((s) => ({ ...s, channel, ...(channel === 'postal' ? { transport_mode: 'postal' as const, cn23: s.cn23 ?? { category: 'sale_of_goods' as const } } : {}) }));
              }}
            >
              {(['marketplace', 'webshop', 'postal', 'courier'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`documents.channels.${c}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <div className="doc-actions">
          <button type="button" disabled={busy} onClick={() => void download('invoice', 'pdf')} data-testid="download-invoice-pdf">
            {t('documents.invoicePdf')}
          </button>
          <button type="button" disabled={busy} onClick={() => void download('invoice', 'xml')} data-testid="download-invoice-xml">
            {t('documents.invoiceXml')}
          </button>
          <button type="button" disabled={busy} onClick={() => void download('packing-list', 'pdf')} data-testid="download-packing-list">
            {t('documents.packingList')}
          </button>
          {shipment.channel === 'postal' ? (
            <button type="button" disabled={busy} onClick={() => void download('cn23', 'pdf')} data-testid="download-cn23">
              {t('documents.cn23')}
            </button>
          ) : null}
        </div>
        <div aria-live="polite" className="doc-status">
          {Object.keys(errors).length ? <p className="doc-error">{t('documents.fixErrors')}</p> : null}
          {serverErrors.length ? (
            <ul className="doc-error" data-testid="server-errors">
              {serverErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
          {ready ? (
            <p>
              <a href={ready.url} download={ready.name}>
                {ready.name}
              </a>
            </p>
          ) : null}
        </div>
      </form>
      <p className="doc-note">{t('documents.drafts')}</p>
    </main>
  );
}
