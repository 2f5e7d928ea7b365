import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Source } from '../api';
import { formatDate } from '../lib/format';
import { isMethodologyModule, methodologyForPath } from '../lib/methodology-modules';
import { LangLink } from './LangLink';
import { splitSourceUrl } from '../lib/source-url';

/** The provenance badge under every chart: who published it, under what licence, when read. */
function SourceItem({ s, first }: { s: Source; first: boolean }) {
  const { t, i18n } = useTranslation();
  const link = s.url ? splitSourceUrl(s.url) : null;
  return (
    <span className="source-line__item" data-source-id={s.id}>
      {!first && '; '}
      {s.synthetic && <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong>}{' '}
      {link?.href ? (
        <a href={link.href} rel="noopener noreferrer" target="_blank">
          {s.publisher ?? s.title ?? s.id}
        </a>
      ) : (
        (s.publisher ?? s.title ?? s.id)
      )}
      {link?.note ? <> {link.note.startsWith('(') ? link.note : `(${link.note})`}</> : null}
      {s.title && s.publisher ? <> — {s.title}</> : null}
      {'. '}
      {t('source.licence')}: {s.license ?? t('source.licenceUnknown')}
      {'. '}
      {/* When the publisher's data was retrieved and when Puente imported it are two different times. */}
      <span className="source-line__dates" data-testid="source-dates">
        {s.retrieved_at ? t('honesty.retrievedOn', { date: formatPartialDate(s.retrieved_at, i18n.language) }) : t('honesty.retrievedUnknown')}
        {s.imported_at ? <> · {t('honesty.importedOn', { date: formatDate(s.imported_at, i18n.language) })}</> : null}
      </span>
    </span>
  );
}

/** A date as precise as the source gives it: "2024" and "May 2024" are not the 1st of January or May. */
function formatPartialDate(text: string, lang: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  if (/^\d{4}$/.test(text)) return text;
  return formatDate(text, lang);
}

const SHOWN = 2;

/**
 * The provenance badge under every chart: who published it, under what licence, when read, and
 * the methodology that explains its numbers. `methodology` names the module (docs/methodology/);
 * by default it is the module of the page the chart is on.
 */
export function SourceLine({ sources, note, methodology }: { sources: readonly Source[] | undefined; note?: string; methodology?: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const module = isMethodologyModule(methodology) ? methodology : methodologyForPath(pathname);
  const list = sources ?? [];
  const head = list.length > SHOWN + 1 ? list.slice(0, SHOWN) : list;
  const rest = list.length > SHOWN + 1 ? list.slice(SHOWN) : [];
  return (
    <div className="source-line" data-testid="source-line">
      <span className="source-line__label">{t('source.label', { count: Math.max(1, list.length) })}</span>{' '}
      {list.length === 0 && !note && <span>{t('source.unknown')}</span>}
      {head.map((s, i) => (
        <SourceItem key={s.id} s={s} first={i === 0} />
      ))}
      {rest.length > 0 && (
        <details className="source-line__more">
          <summary>{t('source.more', { count: rest.length })}</summary>
          {rest.map((s) => (
            <SourceItem key={s.id} s={s} first={false} />
          ))}
        </details>
      )}
      {note ? <span className="source-line__note"> {note}</span> : null}
      {module ? (
        <>
          {' '}
          <LangLink to={`/methodology/${module}`} className="source-line__methodology" data-testid="source-methodology">
            {t('methodology.link')}
          </LangLink>
        </>
      ) : null}
    </div>
  );
}
