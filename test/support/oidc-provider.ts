// A local OpenID provider for the single sign-on tests: panva's oidc-provider on 127.0.0.1, with
// one confidential test client and a few test users. Its development login form accepts any
// password for a known login (the test users' keys); a consent page follows.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestUser {
  email: string;
  email_verified: boolean;
  name: string;
}

export const TEST_CLIENT = { id: 'puente-test', secret: 'puente-test-client-secret-0123456789' };

export interface TestProvider {
  issuer: string;
  /** Call once Puente's address is known: the client's redirect URI is registered then. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

/** Starts listening at once (the issuer URL is known for Puente's settings); serves once registered. */
export async function startTestProvider(users: Record<string, TestUser>): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;
  let handler: ReturnType<Provider['callback']> | null = null;
  server.on('request', (req, res) => {
    if (!handler) {
      res.statusCode = 503;
      res.end('not registered yet');
      return;
    }
    void handler(req, res);
  });
  return {
    issuer,
    register(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [{ client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
        async findAccount(_ctx, id) {
          const user = users[id];
          if (!user) return undefined;
          return { accountId: id, async claims() { return { sub: id, ...user }; } };
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        pkce: { required: () => true },
        cookies: { keys: ['puente-test-provider-cookie-key-0123456789'] },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      });
      handler = provider.callback();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
