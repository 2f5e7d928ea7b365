import { z } from 'zod';
import type { Api } from '../http/api.js';
import { ROLES } from './principal.js';

export const meSchema = z.object({
  ok: z.literal(true),
  principal: z
    .object({
      via: z.enum(['session', 'token', 'legacy']),
      name: z.string(),
      roles: z.array(z.enum(ROLES)),
      economies: z.array(z.string()).describe('ISO3 codes a focal point answers for'),
    })
    .nullable()
    .describe('Who the request is from; null for an anonymous reader'),
});

/** `GET /api/-/auth/me`: who the web app is signed in as (never cached). */
export function meRoute(api: Api): void {
  api.json({
    method: 'get',
    path: '/api/-/auth/me',
    tag: 'accounts',
    summary: 'Who is calling: the signed-in account or token, or nobody',
    response: meSchema,
    async handler(c) {
      const p = await api.principalOf(c);
      return { principal: p ? { via: p.via, name: p.name, roles: p.roles, economies: p.economies } : null };
    },
  });
}
