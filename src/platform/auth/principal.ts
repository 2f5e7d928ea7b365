import type { Context } from 'hono';

// Who is calling: the one shape every write route, the workflow and the audit log read. How a
// principal is found (session cookie, personal token, the legacy shared tokens) is the business
// of the authenticator the server passes to the Api; routes only read the principal.

/** The roles of issue #13; a reader is anyone without a principal. */
export const ROLES = ['contributor', 'focal_point', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** How the caller proved who they are. */
  via: 'session' | 'token' | 'legacy';
  /** The account; null for the legacy shared tokens. */
  userId: string | null;
  /** Shown in the audit log and in histories. */
  name: string;
  roles: Role[];
  /** ISO3 codes a focal point answers for (empty for other roles). */
  economies: string[];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** An admin holds every role. */
export function hasRole(p: Principal | null | undefined, role: Role): boolean {
  return !!p && (p.roles.includes('admin') || p.roles.includes(role));
}

/**
 * May this principal propose (draft) a change to an entry of `economy`? Contributors, reviewers
 * and admins for any economy; a focal point only for their own economies.
 */
export function mayPropose(p: Principal | null | undefined, economy: string | null): boolean {
  if (!p) return false;
  if (hasRole(p, 'contributor') || hasRole(p, 'reviewer')) return true;
  return p.roles.includes('focal_point') && economy != null && p.economies.includes(economy);
}

/** May this principal verify (Correct / Not correct) an entry of `economy`? Its focal points, and admins. */
export function mayVerify(p: Principal | null | undefined, economy: string | null): boolean {
  if (!p) return false;
  if (p.roles.includes('admin')) return true;
  return p.roles.includes('focal_point') && economy != null && p.economies.includes(economy);
}

/** The principal the Api's gate found for this request (undefined on public routes). */
export function principalOf(c: Context): Principal | undefined {
  return (c as Context<{ Variables: { principal?: Principal } }>).get('principal');
}

/** The name a write is recorded under in the audit log. */
export function actorOf(c: Context): string {
  return principalOf(c)?.name ?? 'anonymous';
}
