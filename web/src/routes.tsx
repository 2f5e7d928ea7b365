// Routes as data. Pages load lazily so the first visit downloads only what it shows.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface RouteDef {
  path: string;
  Component: LazyExoticComponent<ComponentType>;
}

export const routes: RouteDef[] = [
  { path: '/', Component: lazy(() => import('./pages/home/HomePage')) },
  { path: '/countries', Component: lazy(() => import('./pages/countries/CountriesPage')) },
  { path: '/countries/:iso3', Component: lazy(() => import('./pages/countries/CountryProfilePage')) },
  { path: '/indicators', Component: lazy(() => import('./pages/indicators/IndicatorsPage')) },
  { path: '/indicators/:code', Component: lazy(() => import('./pages/indicators/IndicatorExplorerPage')) },
  { path: '/readiness', Component: lazy(() => import('./pages/readiness/ReadinessPage')) },
  { path: '/marketplaces', Component: lazy(() => import('./pages/marketplaces/MarketplaceExplorerPage')) },
  { path: '/marketplaces/correlations', Component: lazy(() => import('./pages/marketplaces/MarketplaceCorrelationPage')) },
  { path: '/marketplaces/:id', Component: lazy(() => import('./pages/marketplaces/MarketplaceProfilePage')) },
  { path: '/regulation', Component: lazy(() => import('./pages/regulation/RegulationPage')) },
  { path: '/regulation/compare', Component: lazy(() => import('./pages/regulation/RegulationComparePage')) },
  { path: '/regulation/pair', Component: lazy(() => import('./pages/regulation/RegulationPairPage')) },
  { path: '/regulation/digital-stri', Component: lazy(() => import('./pages/regulation/DigitalStriPage')) },
  { path: '/regulation/simulate', Component: lazy(() => import('./pages/regulation/RegulationSimulatorPage')) },
  { path: '/regulation/:iso3', Component: lazy(() => import('./pages/regulation/RegulationProfilePage')) },
  { path: '/facilitation', Component: lazy(() => import('./pages/facilitation/FacilitationPage')) },
  { path: '/facilitation/:iso3', Component: lazy(() => import('./pages/facilitation/FacilitationEconomyPage')) },
  { path: '*', Component: lazy(() => import('./pages/NotFoundPage')) },
];
