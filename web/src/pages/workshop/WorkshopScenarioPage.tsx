import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useParams } from 'react-router';
import { withLang } from '../../lib/url-state';
import { scenarioById, scenarioTarget } from '../../workshop/scenarios';
import NotFoundPage from '../NotFoundPage';

/** /workshop/:scenario: opens the scenario's page with its economy, peers and period, and its tour. */
export default function WorkshopScenarioPage() {
  const { scenario } = useParams();
  const { search } = useLocation();
  const { t } = useTranslation();
  const s = scenarioById(scenario);
  if (!s) return <NotFoundPage what={t('workshop.unknown', { id: scenario ?? '' })} back={{ to: '/workshop', label: t('workshop.title') }} />;
  return <Navigate replace to={withLang(scenarioTarget(s), search)} />;
}
