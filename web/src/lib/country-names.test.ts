import { describe, expect, it } from 'vitest';
import { countryName, loadCountryNames } from './country-names';

describe('country names (looked up once per code and language)', () => {
  it('gives the same name on every call, and the Spanish name in Spanish', async () => {
    expect(countryName('DEU', 'en')).toBe('Germany');
    expect(countryName('DEU', 'en')).toBe('Germany');
    await loadCountryNames('es');
    expect(countryName('DEU', 'es')).toBe('Alemania');
    expect(countryName('XXX', 'es')).toBe('XXX');
  });
});
