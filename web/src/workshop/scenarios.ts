// Workshop scenarios as versioned data (scenarios.json): one link per exercise, opening a page
// with the scenario's economy, peers and period applied, and its tour started.
import data from './scenarios.json';
import { TOUR_PARAM, tourById } from '../tours/tours';

export interface Scenario {
  id: string;
  economy: string;
  peers: string[];
  period: string | null;
  page: string;
  tour: string | null;
}

export const SCENARIOS_VERSION: string = data.version;
export const SCENARIOS: Scenario[] = data.scenarios;

export function scenarioById(id: string | undefined): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The page a scenario opens: its template filled, plus `tour=` when it has a tour. */
export function scenarioTarget(s: Scenario): string {
  const filled = s.page
    .replaceAll('{economy}', s.economy)
    .replaceAll('{peers}', s.peers.join('~'))
    .replaceAll('{period}', s.period ?? '');
  if (!s.tour || !tourById(s.tour)) return filled;
  return `${filled}${filled.includes('?') ? '&' : '?'}${TOUR_PARAM}=${encodeURIComponent(s.tour)}`;
}
