import { z } from 'zod';

// Every setting Puente reads, with its default and meaning. docs/settings.md documents each one;
// a test fails when a setting here is missing there.
export const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080).describe('HTTP port of `puente serve`.'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on; `0.0.0.0` to serve a network.'),
  DATABASE_URL: z
    .string()
    .min(1)
    .default('duckdb:var/puente.duckdb')
    .describe('`duckdb:<file>` (embedded, default; `duckdb::memory:` for a throw-away database) or `postgres://user:pass@host:port/db`.'),
  PUENTE_PAGE_SIZE: z.coerce.number().int().min(1).default(1000).describe('Rows per page when `_size` is not given.'),
  PUENTE_MAX_PAGE_SIZE: z.coerce.number().int().min(1).default(10000).describe('Largest `_size` a client may ask for (`_size=max`).'),
  PUENTE_MAX_DOWNLOAD_ROWS: z.coerce
    .number()
    .int()
    .min(1)
    .default(1_000_000)
    .describe('Most rows one `.csv` download returns; beyond it the download says it is truncated.'),
  PUENTE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000).describe('A database statement running longer is cancelled.'),
  PUENTE_CACHE_MB: z.coerce
    .number()
    .min(0)
    .default(128)
    .describe('Memory for rendered answers (JSON, CSV, metadata, zip and their compressed forms), in MiB; least recently used answers go first. 0 turns the cache off.'),
  PUENTE_CACHE_WARM: z.coerce
    .number()
    .int()
    .min(0)
    .default(32)
    .describe('After the data version changes (an import, a sync, a published edit, or another server\'s write), the server computes again, one at a time in the background, this many answers that were most asked for under the previous version, so that a crowd arriving after an import finds them ready. 0 turns it off.'),
  PUENTE_MAX_CONCURRENT_QUERIES: z.coerce
    .number()
    .int()
    .min(1)
    .default(4)
    .describe('Answers computed at once (cache misses of the public read routes); the others wait in a queue.'),
  PUENTE_QUERY_QUEUE: z.coerce
    .number()
    .int()
    .min(0)
    .default(64)
    .describe('Answers waiting for a turn beyond PUENTE_MAX_CONCURRENT_QUERIES; a request that finds the queue full gets 503 with Retry-After.'),
  PUENTE_HTTP_MAX_AGE_S: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('`max-age` of the public read answers (Cache-Control: public, max-age=N, must-revalidate); 0 = browsers and proxies revalidate every time (a cheap 304).'),
  PUENTE_DATA_VERSION_STALE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe('PostgreSQL: how long a server trusts the data version it read before reading it again, i.e. how late it sees a write committed by another server over the same database (its own writes: at once).'),
  PUENTE_READ_URLS: z
    .string()
    .default('')
    .refine((v) => v.split(',').map((u) => u.trim()).filter(Boolean).every((u) => /^postgres(ql)?:\/\//.test(u)), 'each read URL must start with postgres:// (comma-separated)')
    .describe('PostgreSQL: comma-separated URLs of hot standbys (streaming replicas of DATABASE_URL) that serve the public read answers. A standby is used only once it has replayed every write the server has seen; otherwise, and when it is down, reads go to the primary. Empty: every read goes to DATABASE_URL.'),
  PUENTE_REPLICA_POLL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .default(250)
    .describe('PostgreSQL: how often each standby of PUENTE_READ_URLS is asked which data version it has replayed (and whether it answers).'),
  PUENTE_WORLDBANK_URL: z.string().url().default('https://api.worldbank.org/v2').describe('Base URL of the World Bank API v2.'),
  PUENTE_OECD_SDMX_URL: z.string().url().default('https://sdmx.oecd.org/public/rest').describe('Base URL of the OECD SDMX REST API (`puente sync oecd-stri`).'),
  PUENTE_STRI_MEDIAN_MIN_N: z.coerce
    .number()
    .int()
    .min(1)
    .max(36)
    .default(18)
    .describe('Fewest economies with a Digital STRI value in a year for the FEALAC median to be given (18 = half of the 36 members); below it the ranking says "not enough data".'),
  PUENTE_BPA_VARIABILITY: z.coerce
    .number()
    .min(0)
    .default(1)
    .describe('Business-process analysis: a step whose (max − min) / avg time reaches this is flagged as an unpredictable bottleneck candidate (bpa.md §5.3).'),
  PUENTE_BPA_MANY_ACTORS: z.coerce
    .number()
    .int()
    .min(2)
    .default(3)
    .describe('Business-process analysis: a step with at least this many parties is flagged as a bottleneck candidate ("many agencies touching one shipment").'),
  PUENTE_CODELISTS_DIR: z
    .string()
    .min(1)
    .default('../shared/data/codelists')
    .describe('Folder of the code lists the trade documents are checked against (HS 2022, ISO 4217, ISO 3166, uncefact/, unlocode/), read at run time.'),
  PUENTE_SYNC_ON_START: z
    .enum(['auto', 'never'])
    .default('auto')
    .describe('`auto`: on an empty database, `serve` tries to sync the open sources (World Bank) in the background; `never`: it does not.'),
  PUENTE_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000).describe('Timeout of one request to a public API.'),
  PUENTE_ADMIN_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('Token for the admin API (`/api/-/admin/*`). When unset, `serve` makes one and writes it to `var/admin-token` (mode 600) for the local CLI.'),
  PUENTE_EDITOR_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('Bearer token of the editing API (regulation measure records; business-process cases: create, update, delete). When unset, editing is disabled (403).'),
  PUENTE_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024)
    .describe('Largest request body of a write route (bytes); a larger one is refused with 413 before it is read whole.'),
  PUENTE_MAX_BULK_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024)
    .describe('Largest request body of a bulk write (importing many measure records at once), in bytes; 413 beyond it.'),
  PUENTE_AUTH_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Wrong tokens one client address may send per `PUENTE_AUTH_WINDOW_S`; past it, gated routes answer 429 with Retry-After.'),
  PUENTE_AUTH_WINDOW_S: z.coerce.number().int().min(1).default(60).describe('Window (seconds) over which wrong tokens are counted per client address.'),
  PUENTE_SESSION_IDLE_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('A signed-in session unused for this many minutes ends (idle timeout); the next request needs a new sign-in.'),
  PUENTE_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(12)
    .describe('A session ends this many hours after sign-in however much it is used (absolute lifetime).'),
  PUENTE_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .describe('`true` behind TLS (an HTTPS proxy): the session and CSRF cookies get the Secure flag, so a browser sends them over HTTPS only.'),
  PUENTE_LOGIN_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(5)
    .describe('Wrong passwords one account may receive per `PUENTE_LOGIN_WINDOW_S` (from any address); past it, sign-in to that account answers 429 with Retry-After. Wrong sign-ins also count against the address under `PUENTE_AUTH_MAX_FAILURES`.'),
  PUENTE_LOGIN_WINDOW_S: z.coerce.number().int().min(1).default(900).describe('Window (seconds) over which wrong passwords are counted per account.'),
  PUENTE_INVITATION_HOURS: z.coerce.number().int().min(1).default(72).describe('How long a one-time invitation link (to set an account\'s password) stays valid.'),
  PUENTE_FIRST_ADMIN_PASSWORD: z
    .string()
    .min(12)
    .optional()
    .describe('On a start with no accounts, create the first admin (login `admin`) with this password instead of printing a one-time link to set it.'),
  PUENTE_OIDC_ISSUER: z
    .url()
    .optional()
    .describe('Single sign-on through OpenID Connect: the provider\'s issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). Unset: sign-in by password only. Needs `PUENTE_OIDC_CLIENT_ID`.'),
  PUENTE_OIDC_CLIENT_ID: z.string().min(1).optional().describe('The client id Puente was registered with at the OpenID provider.'),
  PUENTE_OIDC_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe('The client secret of a confidential client (sent by HTTP Basic to the token endpoint). Unset: a public client (PKCE only).'),
  PUENTE_OIDC_REDIRECT_URL: z
    .url()
    .optional()
    .describe('The redirect URI registered at the provider: `<public origin>/api/-/auth/oidc/callback`. Unset: made from the origin each request arrives at (set it behind a proxy).'),
  PUENTE_OIDC_PROVIDER_NAME: z.string().min(1).max(60).optional().describe('The provider\'s name on the sign-in button ("Sign in with <name>"). Unset: the issuer\'s host name.'),
  PUENTE_OIDC_SCOPES: z.string().min(1).default('openid email profile').describe('Scopes asked of the provider (space-separated; `openid` is always asked).'),
  PUENTE_OIDC_LINK_BY_EMAIL: z
    .enum(['true', 'false'])
    .default('true')
    .describe('`true`: the first single sign-on of an identity with a provider-verified e-mail links it to the account whose login is that e-mail (an admin created it first); later sign-ins match the identity\'s subject. `false`: only subjects already linked sign in. Accounts are never created by single sign-on.'),
  PUENTE_SHARE_TOLERANCE: z.coerce
    .number()
    .min(0)
    .max(0.5)
    .default(0.01)
    .describe('How far from 1 the shares of one website, period and dimension in a traffic shares file may sum (0.01 = 0.99..1.01).'),
  PUENTE_MEDIAN_MIN_ECONOMIES: z.coerce
    .number()
    .int()
    .min(1)
    .max(36)
    .default(18)
    .describe(
      'Fewest FEALAC economies with a value for a median across them (the FEALAC median line of a profile, the readiness median) to be given; below it the median is empty ("not enough data") and its n is still shown. Default 18: half of the 36 members.',
    ),
  PUENTE_TF_AVERAGE_MIN_ECONOMIES: z.coerce
    .number()
    .int()
    .min(1)
    .max(36)
    .default(5)
    .describe('Trade facilitation: fewest economies with a score for a FEALAC or regional average (pooled) to be given; below it the average is empty ("not enough data") and its n is still shown.'),
  PUENTE_TF_PEER_MIN_ECONOMIES: z.coerce
    .number()
    .int()
    .min(1)
    .max(36)
    .default(3)
    .describe('Trade facilitation: fewest chosen peers with a score (or with a status of a measure) for a peer average or a peer share to be given; below it "not enough data".'),
  PUENTE_TF_IMPLEMENTED_MIN_STATUS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3)
    .default(3)
    .describe('Trade facilitation: the status (0..3) from which an economy counts as implementing a measure, for peer shares, peer gaps and next measures (3 = fully implemented).'),
  PUENTE_TF_PREREQ_MIN_STATUS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3)
    .default(2)
    .describe('Trade facilitation: the status (0..3) a prerequisite needs for the next measure of the implementation sequence to be proposed (2 = at least partially implemented); an unknown status never counts as met.'),
  PUENTE_REG_MIN_COVERAGE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .describe('Regulation: the share of the framework\'s weights that must be known before a score is ranked or coloured, or a distance or "same rules" is stated (0.7 = 70 %); below it the page says "not enough data".'),
  PUENTE_SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10000)
    .describe('On SIGTERM, SIGINT or SIGHUP, `serve` stops accepting and lets requests and jobs in flight finish this long; then it cancels what still runs (imports roll back), closes the database and exits 0. A second signal exits at once.'),
  PUENTE_DB_WAIT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60000)
    .describe('How long `serve` waits for an unreachable PostgreSQL at start (retrying with backoff from 0.5 s to 5 s) before it gives up with exit 1.'),
  PUENTE_IMPORT_LOCK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(60000)
    .describe('PostgreSQL: how long an import waits for another import (or a killed one\'s session) to release the import lock before it stops, naming the session that holds it.'),
  PUENTE_IMPORT_WORK_MEM_MB: z.coerce
    .number()
    .int()
    .min(1)
    .max(65536)
    .default(256)
    .describe('PostgreSQL: memory (MiB) each sort or hash of an import may use before it spills to disk (`work_mem`, set for the import\'s transaction only), so rollups rebuild in memory. Imports run one at a time.'),
  PUENTE_IDLE_IN_TRANSACTION_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(60000)
    .describe('PostgreSQL: a Puente session left idle inside a transaction this long (its client hung) is ended by the server, releasing its locks.'),
  PUENTE_SUPPORT_GAP_K: z.coerce
    .number()
    .int()
    .min(1)
    .max(35)
    .default(2)
    .describe('Support measures: a type (or target) is a gap of an economy when at least this many of its peers have it and it has none recorded (`k=` overrides it per request).'),
  PUENTE_LINK_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4).describe('`puente check links`: URLs visited at once.'),
  PUENTE_LINK_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000).describe('`puente check links`: a URL that has not answered after this long is recorded as a timeout.'),
  PUENTE_LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info').describe('How much `serve` and the CLI log.'),
});

export type Config = z.infer<typeof settingsSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const known: Record<string, unknown> = {};
  for (const key of Object.keys(settingsSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') known[key] = value;
  }
  const parsed = settingsSchema.safeParse({ ...known, ...overrides });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n  ${lines.join('\n  ')}`);
  }
  if (parsed.data.PUENTE_OIDC_ISSUER && !parsed.data.PUENTE_OIDC_CLIENT_ID) {
    throw new ConfigError('Invalid settings: PUENTE_OIDC_ISSUER is set but PUENTE_OIDC_CLIENT_ID is not (single sign-on needs both)');
  }
  if (parsed.data.PUENTE_OIDC_ISSUER) {
    const issuer = new URL(parsed.data.PUENTE_OIDC_ISSUER);
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname))) {
      throw new ConfigError('Invalid settings: PUENTE_OIDC_ISSUER must be an https:// URL (plain http:// only on a loopback address, for tests)');
    }
  }
  if (parsed.data.PUENTE_MAX_PAGE_SIZE < parsed.data.PUENTE_PAGE_SIZE) {
    throw new ConfigError('Invalid settings: PUENTE_MAX_PAGE_SIZE is smaller than PUENTE_PAGE_SIZE');
  }
  return parsed.data;
}
