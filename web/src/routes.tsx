// Routes as data. Pages load lazily so the first visit downloads only what it shows.
import { lazy as reactLazy, type ComponentType, type LazyExoticComponent } from 'react';

/** React's lazy, keeping its loader: the entry starts the first page's download before it renders. */
function lazy(load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown> } {
  return Object.assign(reactLazy(load), { preload: load });
}

export interface RouteDef {
  path: string;
  Component: LazyExoticComponent<ComponentType> & { preload?: () => Promise<unknown> };
}

export const routes: RouteDef[] = [
  { path: '/', Component: lazy(() => import('./pages/home/HomePage')) },
  { path: '/countries', Component: lazy(() => import('./pages/countries/CountriesPage')) },
  { path: '/countries/:iso3', Component: lazy(() => import('./pages/countries/CountryProfilePage')) },
  { path: '/countries/:iso3/brief', Component: lazy(() => import('./pages/briefs/CountryBriefPage')) },
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
  { path: '/support', Component: lazy(() => import('./pages/support/SupportPage')) },
  { path: '/support/gaps', Component: lazy(() => import('./pages/support/SupportGapsPage')) },
  { path: '/support/programmes/:id', Component: lazy(() => import('./pages/support/ProgrammePage')) },
  { path: '/directory', Component: lazy(() => import('./pages/directory/DirectoryPage')) },
  { path: '/processes', Component: lazy(() => import('./pages/processes/ProcessesPage')) },
  { path: '/processes/:id', Component: lazy(() => import('./pages/processes/CasePage')) },
  { path: '/facilitation', Component: lazy(() => import('./pages/facilitation/FacilitationPage')) },
  { path: '/facilitation/:iso3', Component: lazy(() => import('./pages/facilitation/FacilitationEconomyPage')) },
  { path: '/assistant', Component: lazy(() => import('./pages/assistant/AssistantPage')) },
  { path: '/signin', Component: lazy(() => import('./pages/account/SignInPage')) },
  { path: '/account', Component: lazy(() => import('./pages/account/AccountPage')) },
  { path: '/account/invitation', Component: lazy(() => import('./pages/account/InvitationPage')) },
  { path: '/admin/users', Component: lazy(() => import('./pages/account/AdminUsersPage')) },
  { path: '/admin/audit', Component: lazy(() => import('./pages/account/AdminAuditPage')) },
  { path: '/tariffs', Component: lazy(() => import('./pages/tariffs/TariffsPage')) },
  { path: '/tariffs/:iso3', Component: lazy(() => import('./pages/tariffs/TariffsPage')) },
  { path: '/review', Component: lazy(() => import('./pages/workflow/ReviewQueuePage')) },
  { path: '/my-economies', Component: lazy(() => import('./pages/workflow/MyEconomiesPage')) },
  { path: '/history/:entity/:id', Component: lazy(() => import('./pages/workflow/HistoryPage')) },
  { path: '/documents/new', Component: lazy(() => import('./pages/documents/DocumentsNewPage')) },
  { path: '/methodology', Component: lazy(() => import('./pages/methodology/MethodologyIndexPage')) },
  { path: '/methodology/:module', Component: lazy(() => import('./pages/methodology/MethodologyPage')) },
  { path: '/workshop', Component: lazy(() => import('./pages/workshop/WorkshopPage')) },
  { path: '/workshop/:scenario', Component: lazy(() => import('./pages/workshop/WorkshopScenarioPage')) },
  // Chart-only routes for <iframe> embeds (docs/charts.md); framing is allowed under /embed/ only.
  { path: '/embed/indicators/:code', Component: lazy(() => import('./pages/embed/IndicatorChartEmbed')) },
  { path: '/embed/readiness', Component: lazy(() => import('./pages/embed/ReadinessChartEmbed')) },
  { path: '/embed/marketplaces', Component: lazy(() => import('./pages/embed/TrafficChartEmbed')) },
  { path: '/embed/regulation/:iso3', Component: lazy(() => import('./pages/embed/PillarChartEmbed')) },
  { path: '/embed/facilitation/:iso3', Component: lazy(() => import('./pages/embed/FacilitationTrendEmbed')) },
  { path: '*', Component: lazy(() => import('./pages/NotFoundPage')) },
];
