import { describe, expect, it } from 'vitest';
import type { AudienceRow } from '../api';
import { audienceState } from './audience-state';

const row = (dimension: AudienceRow['dimension'], category: string, share: number | null, synthetic = false): AudienceRow => ({
  dimension,
  category,
  share,
  visits: 100,
  months: 1,
  coverage: 0.5,
  synthetic,
});

describe('audienceState', () => {
  it('one panel per dimension with data, categories in their natural order', () => {
    const s = audienceState([row('device', 'mobile', 0.7, true), row('age', '65+', 0.1), row('age', '18-24', 0.3), row('age', '25-34', 0.6), row('device', 'desktop', 0.3)]);
    expect(s.map((p) => p.dimension)).toEqual(['age', 'device']);
    expect(s[0].bars.map((b) => b.key)).toEqual(['18-24', '25-34', '65+']);
    expect(s[1]).toMatchObject({ bars: [{ key: 'desktop', value: 0.3 }, { key: 'mobile', value: 0.7 }], synthetic: true, visits: 100, coverage: 0.5 });
  });

  it('an unknown share is not a bar; a dimension without rows has no panel', () => {
    expect(audienceState([row('sex', 'female', null)])).toEqual([]);
    expect(audienceState([])).toEqual([]);
  });
});
