import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { routes } from '../routes';
import { TOURS } from '../tours/tours';
import { SCENARIOS, SCENARIOS_VERSION, scenarioTarget } from './scenarios';

const FEALAC = ['ARG', 'AUS', 'BOL', 'BRA', 'BRN', 'CHL', 'CHN', 'COL', 'CRI', 'CUB', 'DOM', 'ECU', 'SLV', 'GTM', 'HND', 'IDN', 'JPN', 'KHM', 'KOR', 'LAO', 'MYS', 'MEX', 'MNG', 'MMR', 'NZL', 'NIC', 'PAN', 'PRY', 'PER', 'PHL', 'SGP', 'SUR', 'THA', 'URY', 'VEN', 'VNM'];

describe('workshop scenarios', () => {
  it('are versioned, with unique ids', () => {
    expect(SCENARIOS_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s opens a page of the app with its economy, peers and period filled in', (_id, s) => {
    expect(FEALAC).toContain(s.economy);
    for (const p of s.peers) expect(FEALAC).toContain(p);
    const target = scenarioTarget(s);
    expect(target).not.toMatch(/[{}]/);
    const url = new URL(target, 'http://x');
    const match = matchRoutes(routes.map(({ path }) => ({ path })), url.pathname)?.[0];
    expect(match?.route.path).not.toBe('*');
    expect(target).toContain(s.economy);
    for (const p of s.peers) expect(target).toContain(p);
    if (s.period) expect(url.search).toContain(s.period);
    if (s.tour) {
      const tour = TOURS.find((t) => t.id === s.tour);
      expect(tour?.path).toBe(url.pathname);
      expect(url.searchParams.get('tour')).toBe(s.tour);
    }
    const messages = en as unknown as { workshop: { scenario: Record<string, { title: string; body: string }> } };
    expect(messages.workshop.scenario[s.id]?.title).toBeTruthy();
  });

  it('fills the template exactly', () => {
    expect(scenarioTarget({ id: 'x', economy: 'PER', peers: ['CHL', 'COL'], period: '2023-01..2024-12', page: '/marketplaces?economy={economy}~{peers}&time={period}', tour: 'marketplaces' })).toBe(
      '/marketplaces?economy=PER~CHL~COL&time=2023-01..2024-12&tour=marketplaces',
    );
  });
});
