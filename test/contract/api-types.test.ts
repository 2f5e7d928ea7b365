// The web app's API types (web/src/api-types.ts) are generated from the OpenAPI document; the
// committed file must be what a fresh generation gives, or the web app's build would check
// against an old contract.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.js';

describe('web/src/api-types.ts', () => {
  it('is a fresh generation from the OpenAPI document (else run `npm run api:types`)', async () => {
    const fresh = await generateApiTypes();
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(fresh.length).toBeGreaterThan(10_000);
    expect(committed === fresh, 'web/src/api-types.ts is stale: run `npm run api:types` and commit it').toBe(true);
  }, 60_000);
});
