import { useTranslation } from 'react-i18next';
import type { Source } from '../api';
import { formatDate } from '../lib/format';

/** The provenance badge under every chart: who published it, under what licence, when read. */
function SourceItem({ s, first }: { s: Source; first: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="source-line__item" data-source-id={s.id}>
      {!first && '; '}
      {s.synthetic && <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong>}{' '}
      {s.url ? (
        <a href={s.url} rel="noopener noreferrer" target="_blank">
          {s.publisher ?? s.title ?? s.id}
        </a>
      ) : (
        (s.publisher ?? s.title ?? s.id)
      )}
      {s.title && s.publisher ? <> — {s.title}</> : null}
      {'. '}
      {t('source.licence')}: {s.license ?? t('source.licenceUnknown')}
      {s.retrieved_at ? <>. {t('source.retrieved', { date: formatDate(s.retrieved_at, i18n.language) })}</> : null}
    </span>
  );
}

const SHOWN = 2;

/** The provenance badge under every chart: who published it, under what licence, when read. */
export function SourceLine({ sources, note }: { sources: readonly Source[] | undefined; note?: string }) {
  const { t } = useTranslation();
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
    </div>
  );
}
