import { useTranslation } from 'react-i18next';
import { LangLink } from '../../components/LangLink';
import { countryName } from '../../lib/country-names';
import { useDocumentTitle } from '../../lib/use-document-title';
import { SCENARIOS, SCENARIOS_VERSION } from '../../workshop/scenarios';
import './workshop.css';

/** /workshop: the scenarios a trainer can hand out, each as one link, in the reader's language. */
export default function WorkshopPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('workshop.title'));
  const origin = window.location.origin;
  return (
    <div className="page" data-testid="page-workshop">
      <h1>{t('workshop.title')}</h1>
      <p className="lead">{t('workshop.lead')}</p>
      <p className="muted small" data-testid="workshop-version">
        {t('workshop.version', { version: SCENARIOS_VERSION })}
      </p>
      <ul className="workshop-list" data-testid="workshop-scenarios">
        {SCENARIOS.map((s) => {
          const link = `/workshop/${s.id}${lang !== 'en' ? `?lang=${lang}` : ''}`;
          return (
            <li key={s.id} className="card" data-testid={`workshop-${s.id}`}>
              <h2 className="card__title">
                <LangLink to={`/workshop/${s.id}`} data-testid={`workshop-open-${s.id}`}>
                  {t(`workshop.scenario.${s.id}.title`)}
                </LangLink>
              </h2>
              <p>{t(`workshop.scenario.${s.id}.body`)}</p>
              <dl className="facts workshop-facts">
                <div>
                  <dt>{t('workshop.economy')}</dt>
                  <dd>{countryName(s.economy, lang)}</dd>
                </div>
                <div>
                  <dt>{t('workshop.peers')}</dt>
                  <dd>{s.peers.map((p) => countryName(p, lang)).join(', ')}</dd>
                </div>
                <div>
                  <dt>{t('workshop.period')}</dt>
                  <dd>{s.period ? s.period.replace('..', '–') : t('workshop.latest')}</dd>
                </div>
                <div>
                  <dt>{t('workshop.tour')}</dt>
                  <dd>{s.tour ? t('workshop.tourYes') : t('workshop.tourNo')}</dd>
                </div>
              </dl>
              <p className="small">
                {t('workshop.link')}: <code className="workshop-link" data-testid={`workshop-link-${s.id}`}>{`${origin}${link}`}</code>
              </p>
            </li>
          );
        })}
      </ul>
      <p>
        <LangLink to="/methodology">{t('methodology.title')}</LangLink>
      </p>
    </div>
  );
}
