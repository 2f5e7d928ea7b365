import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { routes } from '../routes';
import { TOURS, tourForPath } from './tours';

type Steps = Record<string, Record<string, { title?: string; body?: string }>>;

describe('workshop tours', () => {
  it.each(TOURS.map((t) => [t.id, t] as const))('%s: 3 to 6 steps, each with its title and text, on a page of the app', (_id, tour) => {
    expect(tour.steps.length).toBeGreaterThanOrEqual(3);
    expect(tour.steps.length).toBeLessThanOrEqual(6);
    const texts = (en.tour as unknown as Steps)[tour.id];
    for (let i = 1; i <= tour.steps.length; i++) {
      expect(texts?.[`s${i}`]?.title, `tour.${tour.id}.s${i}.title`).toBeTruthy();
      expect(texts?.[`s${i}`]?.body, `tour.${tour.id}.s${i}.body`).toBeTruthy();
    }
    expect(texts?.[`s${tour.steps.length + 1}`], 'no text for a step that is not there').toBeUndefined();
    expect(routes.some((r) => r.path === tour.path)).toBe(true);
  });

  it('belongs to its page only', () => {
    expect(tourForPath('/marketplaces')?.id).toBe('marketplaces');
    expect(tourForPath('/marketplaces/')?.id).toBe('marketplaces');
    expect(tourForPath('/marketplaces/mercadolibre')).toBeUndefined();
    expect(tourForPath('/')).toBeUndefined();
  });
});
