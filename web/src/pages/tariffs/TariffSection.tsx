// "At B's customs, above the de minimis": the destination's tariff on the product, for the
// export assistant's answer and the tariffs page. Unknown stays unknown: no schedule is said in
// words with where to look, a rate Puente does not read is shown verbatim, never as zero.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadMenu } from '../../components/DownloadMenu';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { formatNumber } from '../../lib/format';
import { tariffRequest, useAgreements, useTariff, type AgreementRow, type AnswerLine, type ParsedRate } from './tariffs-api';
import './tariffs.css';

export interface TariffSectionProps {
  /** Destination economy (ISO3). */
  destination: string;
  /** Origin economy (ISO3): its preferential rates. */
  origin?: string | null;
  /** HS heading, subheading or national line. */
  hs: string;
  /** Customs value of the typical shipment, for the duty. */
  value?: number | null;
  /** Currency of the value (default US$). */
  currency?: string | null;
  /** The edition in force on this date (default: the latest). */
  date?: string | null;
  /** The section's heading level (2 on its own page, 3 inside the assistant's answer). */
  level?: 2 | 3;
}

export function TariffSection({ destination, origin, hs, value, currency, date, level = 2 }: TariffSectionProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = useId();
  const req = tariffRequest({ destination, hs, origin, value, currency, date });
  const q = useTariff(req);
  const agreements = useAgreements(q.data?.schedule ? destination : null);
  const H = level === 2 ? 'h2' : 'h3';
  const country = countryName(destination, lang);
  const d = q.data;
  return (
    <section className="card tariff-section" aria-labelledby={headingId} aria-busy={q.isFetching} data-testid="tariff-section">
      <div className="card__head">
        <H id={headingId}>{t('tariffs.sectionTitle', { country })}</H>
        <DownloadMenu request={req} filename={`puente-tariff-${destination}-${hs}${origin ? `-${origin}` : ''}`} />
      </div>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {d && !d.schedule && (
        <div data-testid="tariff-no-schedule">
          <p className="tariff-none">{d.reason === 'no_edition' ? t('tariffs.noEdition', { country, date: d.date }) : t('tariffs.noSchedule', { country })}</p>
          <OfficialLinks link={d.official_link} agency={d.agency} />
        </div>
      )}
      {d?.schedule && (
        <>
          <p className="muted small" data-testid="tariff-edition">
            {t('tariffs.edition', { edition: d.schedule.edition, publisher: d.schedule.publisher })}{' '}
            <a href={d.schedule.url} rel="noopener noreferrer external" target="_blank">
              {t('tariffs.officialSchedule')}
            </a>
          </p>
          {d.lines.length === 0 && <p data-testid="tariff-no-line">{t('tariffs.noLine', { hs })}</p>}
          {d.lines.map((l, i) => (
            <TariffLine key={`${l.code}-${i}`} line={l} origin={d.origin} agreements={agreements.data?.rows ?? []} />
          ))}
          {d.lines_truncated && <p className="muted small">{t('tariffs.truncated')}</p>}
          <p className="muted small">{t('tariffs.roo')}</p>
          <p className="muted small">{t('tariffs.licence', { licence: d.schedule.licence })}</p>
        </>
      )}
      <SourceLine sources={d?.sources} methodology="tariffs" />
    </section>
  );
}

function OfficialLinks({ link, agency }: { link: { url: string; note: string | null } | null; agency: { name: string; url: string | null } | null }) {
  const { t } = useTranslation();
  if (!link && !agency) return <p className="muted">{t('tariffs.noLink')}</p>;
  return (
    <ul className="tariff-links">
      {link && (
        <li data-testid="tariff-official-link">
          {t('tariffs.officialLink')}:{' '}
          <a href={link.url} rel="noopener noreferrer external" target="_blank">
            {link.note ?? link.url}
          </a>
        </li>
      )}
      {agency && (
        <li data-testid="tariff-agency">
          {t('tariffs.agency')}:{' '}
          {agency.url ? (
            <a href={agency.url} rel="noopener noreferrer external" target="_blank">
              {agency.name}
            </a>
          ) : (
            agency.name
          )}
        </li>
      )}
    </ul>
  );
}

/** A rate as read, beside its verbatim text. */
export function RateReading({ text, parsed }: { text: string | null; parsed: ParsedRate | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!text || !parsed) return <MissingValue label={t('tariffs.noRate')} />;
  let reading: string;
  if (parsed.kind === 'free') reading = t('tariffs.free');
  else if (parsed.kind === 'ad_valorem') reading = `${formatNumber(parsed.percent, lang, parsed.percent! % 1 ? 1 : 0)} %`;
  else if (parsed.kind === 'specific') reading = t('tariffs.specific', { amount: formatNumber(parsed.amount, lang, parsed.amount! % 1 ? 2 : 0), currency: parsed.currency, unit: parsed.unit });
  else reading = t('tariffs.notParsed');
  return (
    <span className="rate" data-kind={parsed.kind}>
      <strong className="rate__reading">{reading}</strong>{' '}
      <span className="rate__text" lang="ja" title={t('tariffs.verbatim')}>
        {text}
      </span>
    </span>
  );
}

function Duty({ duty, lang }: { duty: NonNullable<AnswerLine['duty']>; lang: string }) {
  const { t } = useTranslation();
  if (duty.amount === null) return <span className="muted">{t('tariffs.dutyUnknown', { why: duty.missing ?? '' })}</span>;
  return (
    <span data-testid="tariff-duty-amount">
      {t('tariffs.dutyAmount', { amount: formatNumber(duty.amount, lang, 0), currency: duty.destinationCurrency, usd: formatNumber(duty.usd, lang, 2), year: duty.rateDate ?? '' })}
    </span>
  );
}

const COLUMN_KEYS = ['general', 'temporary', 'wto', 'gsp', 'gsp_ldc'];

function TariffLine({ line, origin, agreements }: { line: AnswerLine; origin: string | null; agreements: AgreementRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const es = lang === 'es';
  const columnName = (id: string | null) => {
    if (!id) return '';
    if (COLUMN_KEYS.includes(id)) return t(`tariffs.column.${id}`);
    const a = agreements.find((x) => x.column === id);
    return a ? (es ? a.name_es : a.name_en) : id;
  };
  return (
    <article className="tariff-line" data-testid="tariff-line" data-code={line.code}>
      <h4 className="tariff-line__code">
        <span className="tariff-code">{line.code}</span> {line.description ? <span lang="en">{line.description}</span> : <MissingValue label={t('tariffs.noDescription')} />}
      </h4>
      <p className="muted small tariff-line__local" lang="ja">
        {line.description_local}
      </p>
      <div className="tariff-scroll">
        <table className="tariff-table">
          <caption className="sr-only">{t('tariffs.ratesOf', { code: line.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tariffs.col.rate')}</th>
              <th scope="col">{t('tariffs.col.reading')}</th>
            </tr>
          </thead>
          <tbody>
            <tr data-testid="tariff-mfn">
              <th scope="row">
                {t('tariffs.mfnApplied')}
                {line.mfn.column && <div className="muted small">{columnName(line.mfn.column)}</div>}
              </th>
              <td>{line.mfn.column ? <RateReading text={line.mfn.text} parsed={line.mfn.parsed} /> : <span className="muted">{t('tariffs.mfnUndetermined')}</span>}</td>
            </tr>
            {line.preferential.map((p) => (
              <tr key={p.agreement} data-testid="tariff-preferential" data-agreement={p.agreement}>
                <th scope="row">
                  <span className="tariff-agreement">{es ? p.name_es : p.name}</span>
                </th>
                <td>{p.text ? <RateReading text={p.text} parsed={p.parsed} /> : <span className="muted">{t('tariffs.noConcession')}</span>}</td>
              </tr>
            ))}
            {origin && line.preferential.length === 0 && (
              <tr>
                <th scope="row">{t('tariffs.preferential')}</th>
                <td className="muted">{t('tariffs.noAgreement', { origin: countryName(origin, lang) })}</td>
              </tr>
            )}
            {line.duty && (
              <tr data-testid="tariff-duty">
                <th scope="row">{t('tariffs.duty')}</th>
                <td>
                  <Duty duty={line.duty} lang={lang} />
                  {line.duty_preferential && line.duty_preferential.amount !== null && (
                    <div className="small">
                      {t('tariffs.dutyPreferential', { name: columnName(line.duty_preferential.agreement) })}: <Duty duty={line.duty_preferential} lang={lang} />
                    </div>
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <details className="tariff-details">
        <summary>{t('tariffs.allColumns')}</summary>
        <p className="muted small">{line.mfn.rule}</p>
        <ul className="tariff-columns">
          {line.columns.map((c) => (
            <li key={c.column}>
              {columnName(c.column)}: <RateReading text={c.text} parsed={c.parsed} />
              {line.inherited[c.column] && <span className="muted small"> {t('tariffs.inherited', { code: line.inherited[c.column] })}</span>}
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}
