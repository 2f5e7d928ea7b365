import { useTranslation } from 'react-i18next';
import { useHealth } from '../../api';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { MissingValue } from '../../components/MissingValue';
import { formatInteger } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';

const AUDIENCES = ['analysts', 'stewards', 'msmes', 'trainers'] as const;
const SECTIONS = [
  { to: '/countries', key: 'countries', testid: 'home-link-countries' },
  { to: '/indicators', key: 'indicators', testid: 'home-link-indicators' },
  { to: '/indicators/IT.NET.USER.ZS', key: 'internet', testid: 'home-link-internet' },
  { to: '/readiness', key: 'readiness', testid: 'home-link-readiness' },
  { to: '/marketplaces', key: 'marketplaces', testid: 'home-link-marketplaces' },
  { to: '/regulation', key: 'regulation', testid: 'home-link-regulation' },
] as const;

/**
 * Every module of this release with what is loaded (counts from /api/-/health) and, for what is
 * not, the command that loads it. Planned modules are listed as planned.
 */
interface ModuleStatus {
  key: string;
  to: string;
  counts: string[];
  /** Counts that must be above 0 for the module to count as loaded. */
  needs: string[];
  load: string[];
  synthetic?: string;
  /** i18n key of the "how to load" text, and per count its label (default: under web16.home). */
  loadKey?: string;
  countKeys?: Record<string, string>;
}
export const MODULES: ModuleStatus[] = [
  { key: 'countries', to: '/countries', counts: ['countries', 'country_pairs'], needs: ['countries', 'country_pairs'], load: ['npx puente import ../shared/data/countries ../shared/data/pairs'] },
  { key: 'indicators', to: '/indicators', counts: ['indicators', 'values'], needs: ['values'], load: ['npx puente import ../shared/data/indicators', 'npx puente sync worldbank'] },
  // Computed from the indicator values (counted above): no table of its own.
  { key: 'readiness', to: '/readiness', counts: [], needs: ['values'], load: ['npx puente import ../shared/data/indicators'] },
  {
    key: 'marketplaces',
    to: '/marketplaces',
    counts: ['marketplaces', 'websites', 'popularity_rows', 'traffic_rows'],
    needs: ['marketplaces', 'popularity_rows', 'traffic_rows'],
    load: ['npx puente import ../shared/data/marketplaces', 'npx puente demo marketplaces'],
    synthetic: 'synthetic_traffic_rows',
  },
  {
    key: 'regulation',
    to: '/regulation',
    counts: ['escap_measures', 'legal_inventory', 'digital_stri_values', 'reg_measures', 'cyberlaw_statuses', 'treaty_statuses', 'de_minimis_rows'],
    needs: ['cyberlaw_statuses', 'treaty_statuses', 'de_minimis_rows'],
    load: ['npx puente import ../shared/data/regulation', 'npx puente sync cyberlaw', 'npx puente sync oecd-stri'],
  },
  {
    key: 'facilitation',
    to: '/facilitation',
    counts: ['tf_scores', 'tf_statuses', 'tf_channels'],
    needs: ['tf_scores', 'tf_statuses'],
    load: ['npx puente import ../shared/data/facilitation ../shared/data/processes/low_value_export_channels.csv'],
  },
  { key: 'support', to: '/support', counts: ['support_programmes'], needs: ['support_programmes'], load: ['npx puente import ../shared/data/support'], loadKey: 'support.home.load', countKeys: { support_programmes: 'support.home.count' } },
  { key: 'directory', to: '/directory', counts: ['directory_entries'], needs: ['directory_entries'], load: ['npx puente import ../shared/data/directory'], loadKey: 'directory.home.load', countKeys: { directory_entries: 'directory.home.count' } },
  { key: 'processes', to: '/processes', counts: ['bpa_cases', 'bpa_benchmarks'], needs: ['bpa_cases'], load: ['npx puente import ../shared/data/processes'] },
];
const PLANNED = ['assistant'] as const;

function DataStatus() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const health = useHealth();
  const counts = (health.data?.counts ?? {}) as Record<string, number | undefined>;
  return (
    <section className="card data-status" aria-labelledby="data-status-h" data-testid="data-status">
      <h2 id="data-status-h">{t('home.status.title')}</h2>
      {health.isError && <ErrorBox error={health.error} onRetry={() => health.refetch()} />}
      {/* While the counts load, the list is drawn with placeholders, so nothing moves when they come. */}
      {(health.data || health.isPending) && (
        <>
          <ul className="module-status" data-testid={health.data ? 'module-status' : undefined} aria-busy={health.isPending || undefined}>
            {MODULES.map((m) => {
              const missing = m.needs.filter((k) => !counts[k]);
              const state = health.isPending ? 'loaded' : missing.length === 0 ? 'loaded' : missing.length === m.needs.length ? 'empty' : 'partial';
              if (health.isPending) {
                return (
                  <li key={m.key} className="module-status__item">
                    <div className="module-status__head">
                      <span className="module-status__name">{t(`web16.home.modules.${m.key}`)}</span>
                    </div>
                    {m.counts.length === 0 && <p className="small muted">{t(`web16.home.derived.${m.key}`)}</p>}
                    <dl className="module-status__counts">
                      {m.counts.map((k) => (
                        <div key={k}>
                          <dt>{t(`web16.home.counts.${k}`)}</dt>
                          <dd>
                            <span className="skeleton-text" aria-hidden="true" />
                          </dd>
                        </div>
                      ))}
                    </dl>
                    {m.synthetic && (
                      <p className="small skeleton-hidden" aria-hidden="true">
                        <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong>
                      </p>
                    )}
                  </li>
                );
              }
              const synthetic = m.synthetic ? (counts[m.synthetic] ?? 0) : 0;
              return (
                <li key={m.key} className={`module-status__item module-status__item--${state}`} data-testid={`module-${m.key}`} data-state={state}>
                  <div className="module-status__head">
                    <LangLink to={m.to} className="module-status__name">
                      {t(`web16.home.modules.${m.key}`)}
                    </LangLink>
                    <span className={`badge badge--${state}`}>{t(`web16.home.state.${state}`)}</span>
                  </div>
                  {m.counts.length === 0 && <p className="small muted">{t(`web16.home.derived.${m.key}`)}</p>}
                  <dl className="module-status__counts">
                    {m.counts.map((k) => (
                      <div key={k}>
                        <dt>{t(m.countKeys?.[k] ?? `web16.home.counts.${k}`)}</dt>
                        <dd data-testid={`status-${k}`}>{counts[k] === undefined ? <MissingValue /> : formatInteger(counts[k], lang)}</dd>
                      </div>
                    ))}
                  </dl>
                  {synthetic > 0 && (
                    <p className="small" data-testid={`module-${m.key}-synthetic`}>
                      <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong> {t('web16.home.syntheticRows', { count: synthetic, n: formatInteger(synthetic, lang) })}
                    </p>
                  )}
                  {state !== 'loaded' && (
                    <div className="module-status__load" data-testid={`module-${m.key}-load`}>
                      <p className="small">{t(m.loadKey ?? `web16.home.load.${m.key}`)}</p>
                      {m.load.map((cmd) => (
                        <pre key={cmd}>
                          <code>{cmd}</code>
                        </pre>
                      ))}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          <p className="small module-status__planned">
            <span className="badge badge--planned">{t('web16.home.state.planned')}</span>{' '}
            {PLANNED.map((k, i) => (
              <span key={k} data-testid={`module-${k}`} data-state="planned">
                {i > 0 && ' · '}
                {t(`web16.home.modules.${k}`)}
              </span>
            ))}
          </p>
          {health.data ? (
            <p className="muted small">{t('home.status.engine', { engine: health.data.engine, version: health.data.version })}</p>
          ) : (
            <Loading inline />
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

      <DataStatus />

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
        <section className="card" aria-labelledby="coverage-h">
          <h2 id="coverage-h">{t('home.coverage.title')}</h2>
          <p>{t('web16.home.coverageNow')}</p>
          <p className="muted">{t('web16.home.coverageNext')}</p>
          <p className="muted">{t('home.coverage.principles')}</p>
        </section>
      </div>

      <section aria-labelledby="explore-h">
        <h2 id="explore-h">{t('home.explore.title')}</h2>
        <ul className="link-cards">
          {SECTIONS.map((s) => (
            <li key={s.key}>
              <LangLink to={s.to} className="link-card" data-testid={s.testid}>
                <span className="link-card__title">{s.key === 'marketplaces' || s.key === 'regulation' ? t(`web16.home.explore.${s.key}.title`) : t(`home.explore.${s.key}.title`)}</span>
                <span className="link-card__text">{s.key === 'marketplaces' || s.key === 'regulation' ? t(`web16.home.explore.${s.key}.text`) : t(`home.explore.${s.key}.text`)}</span>
              </LangLink>
            </li>
          ))}
        </ul>
      </section>

    </div>
  );
}
