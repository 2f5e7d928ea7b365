// A test authenticator (until the accounts of issue #13 are merged, and for API tests after):
// a bearer token or the cookie `puente_test_principal` names one of the given principals.
import type { Context } from 'hono';
import type { Principal } from '../../src/platform/auth/principal.js';
import type { Authenticate, Env } from '../../src/platform/http/api.js';
import type { App } from '../../src/server.js';

export const TEST_PRINCIPAL_COOKIE = 'puente_test_principal';

export function testAuthenticator(principals: Record<string, Principal>): Authenticate {
  return async (c: Context<Env>) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const cookie = new RegExp(`(?:^|;\\s*)${TEST_PRINCIPAL_COOKIE}=([^;]+)`).exec(c.req.header('cookie') ?? '')?.[1];
    const key = bearer ?? (cookie ? decodeURIComponent(cookie) : undefined);
    return (key && principals[key]) || null;
  };
}

const p = (name: string, roles: Principal['roles'], economies: string[] = []): Principal => ({ via: 'session', userId: `u-${name}`, name, roles, economies });

/** The cast of the workflow tests: a focal point for Peru, one for Chile, a contributor, two reviewers, an admin. */
export const CAST: Record<string, Principal> = {
  'fp-per': p('Lucía (focal point, Peru)', ['focal_point'], ['PER']),
  'fp-chl': p('Tomás (focal point, Chile)', ['focal_point'], ['CHL']),
  contributor: p('Ana (contributor)', ['contributor']),
  reviewer: p('Rita (reviewer)', ['reviewer']),
  reviewer2: p('Raúl (reviewer)', ['reviewer']),
  admin: p('Admin', ['admin']),
};

/** A request to the app in process as one of the cast (`who` is its key; none = anonymous), JSON in and out. */
export async function callAs(app: App, method: 'GET' | 'POST', path: string, who?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await app.fetch(
    new Request(`http://puente.test${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(who ? { authorization: `Bearer ${who}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
  );
  return { status: res.status, body: (await res.json()) as any };
}
