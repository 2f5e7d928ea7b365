import { useTranslation } from 'react-i18next';
import { useHealth } from '../../api';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { formatInteger } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';

const AUDIENCES = ['analysts', 'stewards', 'msmes', 'trainers'] as const;
const SECTIONS = [
  { to: '/countries', key: 'countries', testid: 'home-link-countries' },
  { to: '/indicators', key: 'indicators', testid: 'home-link-indicators' },
  { to: '/indicators/IT.NET.USER.ZS', key: 'internet', testid: 'home-link-internet' },
  { to: '/readiness', key: 'readiness', testid: 'home-link-readiness' },
] as const;

function DataStatus() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const health = useHealth();
  return (
    <section className="card data-status" aria-labelledby="data-status-h" data-testid="data-status">
      <h2 id="data-status-h">{t('home.status.title')}</h2>
      {health.isPending && <Loading />}
      {health.isError && <ErrorBox error={health.error} onRetry={() => health.refetch()} />}
      {health.data && (
        <>
          <dl className="stats">
            {(['countries', 'indicators', 'values', 'sources'] as const).map((k) => (
              <div key={k} className="stats__item">
                <dt>{t(`home.status.${k}`)}</dt>
                <dd data-testid={`status-${k}`}>{formatInteger(health.data.counts?.[k] ?? 0, lang)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small">
            {t('home.status.engine', { engine: health.data.engine, version: health.data.version })}
          </p>
          {(health.data.counts?.values ?? 0) === 0 && (
            <div className="notice" data-testid="status-empty">
              <p>{t('home.status.empty')}</p>
              <pre>
                <code>npx puente import ../shared/data</code>
              </pre>
              <p>{t('home.status.emptyOr')}</p>
              <pre>
                <code>npx puente sync worldbank</code>
              </pre>
            </div>
          )}
        </>
      )}
    </section>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));
  return (
    <div className="page page--home" data-testid="page-home">
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
      </section>

      <div className="grid grid--2">
        <section className="card" aria-labelledby="audience-h">
          <h2 id="audience-h">{t('home.audience.title')}</h2>
          <ul className="plain-list">
            {AUDIENCES.map((a) => (
              <li key={a}>
                <strong>{t(`home.audience.${a}.name`)}</strong> — {t(`home.audience.${a}.what`)}
              </li>
            ))}
          </ul>
        </section>
        <DataStatus />
      </div>

      <section aria-labelledby="explore-h">
        <h2 id="explore-h">{t('home.explore.title')}</h2>
        <ul className="link-cards">
          {SECTIONS.map((s) => (
            <li key={s.key}>
              <LangLink to={s.to} className="link-card" data-testid={s.testid}>
                <span className="link-card__title">{t(`home.explore.${s.key}.title`)}</span>
                <span className="link-card__text">{t(`home.explore.${s.key}.text`)}</span>
              </LangLink>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="coverage-h">
        <h2 id="coverage-h">{t('home.coverage.title')}</h2>
        <p>{t('home.coverage.now')}</p>
        <p className="muted">{t('home.coverage.next')}</p>
        <p className="muted">{t('home.coverage.principles')}</p>
      </section>
    </div>
  );
}
