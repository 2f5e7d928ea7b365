// An in-process app per engine for API tests: a fresh database with every module's reference data,
// then the test file's own rows (`seed`), built once per engine and shared by the file's tests.
import { afterAll, expect } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import type { Engine } from '../../src/platform/db/index.js';
import { createLog } from '../../src/platform/log.js';
import type { AppContext } from '../../src/platform/module.js';
import { createApp, type App } from '../../src/server.js';
import { modules } from '../../src/modules.js';
import { freshDatabase } from './engines.js';

export interface TestApp {
  app: App;
  ctx: AppContext;
}

/** `setup(engine)` gives that engine's app (made on first use); the databases close after the file's tests. */
export function appsPerEngine(now: Date, seed: (ctx: AppContext) => Promise<void>): (engine: Engine) => Promise<TestApp> {
  const apps = new Map<Engine, Promise<TestApp>>();
  afterAll(async () => {
    for (const s of apps.values()) await (await s).ctx.db.close();
  });
  return (engine) => {
    if (!apps.has(engine)) {
      apps.set(
        engine,
        (async () => {
          const db = await freshDatabase(engine);
          for (const m of modules) await m.seed?.(db.kysely, { clock: () => now });
          const ctx: AppContext = {
            db,
            config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }),
            log: createLog('error', () => {}),
            clock: () => now,
            fetch: (() => Promise.reject(new Error('no network in tests'))) as typeof fetch,
          };
          await seed(ctx);
          return { app: createApp(ctx), ctx };
        })(),
      );
    }
    return apps.get(engine)!;
  };
}

export const get = (app: App, path: string) => app.fetch(new Request(`http://puente.test${path}`));

/** The JSON body of a 200 answer (the test fails with the body otherwise). */
export async function json(app: App, path: string): Promise<any> {
  const res = await get(app, path);
  const body = await res.json();
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}
