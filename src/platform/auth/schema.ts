import { z } from 'zod';
import { ROLES } from './principal.js';

// The shapes of the accounts API (zod, no I/O): the server validates and documents with them, the web app types its pages by them.

export const userSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  economies: z.array(z.string()),
  disabled: z.boolean(),
  has_password: z.boolean().describe('false until the invitation link is used'),
  created_at: z.string(),
  updated_at: z.string(),
});
export const tokenSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart (the secret is shown once, at creation)'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export const principalView = z.object({ via: z.enum(['session', 'token', 'legacy']), name: z.string(), roles: z.array(z.enum(ROLES)), economies: z.array(z.string()) });
export const auditRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string(),
  before: z.string().nullable().describe('The record before, as JSON; empty for a creation'),
  after: z.string().nullable().describe('The record after, as JSON; empty for a deletion'),
});

/** Why a sign-in was refused: the sign-in page shows a message for each (account.oidc.error.*). */
export type OidcRefusal = 'off' | 'provider' | 'state' | 'denied' | 'unknown' | 'disabled';

export const oidcConfigSchema = z.object({
  ok: z.literal(true),
  enabled: z.boolean().describe('Whether single sign-on is configured (PUENTE_OIDC_ISSUER)'),
  provider: z.string().nullable().describe('The name on the sign-in button; null when single sign-on is off'),
  start: z.string().nullable().describe('Where the sign-in button leads; null when single sign-on is off'),
});
