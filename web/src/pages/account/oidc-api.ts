// Single sign-on as the sign-in page sees it: whether it is on, and the provider's name.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OidcRefusal, oidcConfigSchema } from '../../../../src/platform/auth/schema';

export type OidcConfig = z.infer<typeof oidcConfigSchema>;
export type { OidcRefusal };

export const OIDC_REFUSALS: readonly OidcRefusal[] = ['off', 'provider', 'state', 'denied', 'unknown', 'disabled'];

export function useOidcConfig() {
  return useQuery({
    queryKey: ['auth', 'oidc'],
    queryFn: async (): Promise<OidcConfig | null> => {
      const res = await fetch('/api/-/auth/oidc');
      // Unknown is not "off": a failed answer shows no button and no claim.
      return res.ok ? ((await res.json()) as OidcConfig) : null;
    },
    staleTime: 5 * 60_000,
  });
}
