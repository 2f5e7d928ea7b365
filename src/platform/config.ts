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
  PUENTE_WORLDBANK_URL: z.string().url().default('https://api.worldbank.org/v2').describe('Base URL of the World Bank API v2.'),
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
    .describe('Bearer token of the editing API (regulation measure records: create, update, delete). When unset, editing is disabled (403).'),
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
  PUENTE_SHARE_TOLERANCE: z.coerce
    .number()
    .min(0)
    .max(0.5)
    .default(0.01)
    .describe('How far from 1 the shares of one website, period and dimension in a traffic shares file may sum (0.01 = 0.99..1.01).'),
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
  if (parsed.data.PUENTE_MAX_PAGE_SIZE < parsed.data.PUENTE_PAGE_SIZE) {
    throw new ConfigError('Invalid settings: PUENTE_MAX_PAGE_SIZE is smaller than PUENTE_PAGE_SIZE');
  }
  return parsed.data;
}
