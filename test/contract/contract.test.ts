// Every operation of the generated OpenAPI document is called with valid values and with each
// kind of invalid value, on both engines, and every answer is checked against the document
// (status, content type, body schema) by ajv. A route registered through the Api is in the
// document, so it cannot escape this test.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/bootstrap.js';
import { modules } from '../../src/modules.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Engine } from '../../src/platform/db/index.js';
import { createLog } from '../../src/platform/log.js';
import type { AppContext } from '../../src/platform/module.js';
import { createApp, type App } from '../../src/server.js';
import { createToken, insertUser } from '../../src/platform/auth/store.js';
import { hashPassword } from '../../src/platform/auth/secrets.js';
import { GOOD_SHARES, GOOD_VISITS } from '../../src/modules/marketplaces/test-fixtures.js';
import { engines, freshDatabase } from '../support/engines.js';
import { operationsOf, redoclyLint, ResponseChecker, type Operation, type Parameter } from './openapi.js';

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const NOW = new Date('2025-05-01T10:00:00Z');
const ADMIN = 'a'.repeat(24);
const EDITOR = 'e'.repeat(24);
const INDICATOR = 'IT.NET.USER.ZS';

interface Setup {
  app: App;
  ctx: AppContext;
  logged: string[];
  account: typeof account;
}

/** An admin account's personal token (routes that name a role), and what the account routes act on. */
const account = { token: '', otherUser: '', otherToken: '' };
const ACCOUNT_PASSWORD = 'contract password 0123';

async function setup(engine: Engine): Promise<Setup> {
  const db = await freshDatabase(engine);
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  const logged: string[] = [];
  const ctx: AppContext = {
    db,
    // Many wrong tokens are sent on purpose: the throttle is tested on its own (hostile.test.ts).
    config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_EDITOR_TOKEN: EDITOR, PUENTE_AUTH_MAX_FAILURES: '100000' }),
    log: createLog('error', (l) => logged.push(l)),
    clock: () => NOW,
    fetch: (() => Promise.reject(new Error('no network in tests'))) as typeof fetch,
  };
  const partner = mkdtempSync(join(tmpdir(), 'puente-contract-'));
  try {
    writeFileSync(join(partner, 'partner_visits.csv'), GOOD_VISITS);
    writeFileSync(join(partner, 'partner_shares.csv'), GOOD_SHARES);
    await importFiles(ctx, [DATA]);
    await importFiles(ctx, [partner]);
  } finally {
    rmSync(partner, { recursive: true, force: true });
  }
  const at = NOW.toISOString();
  const admin = await insertUser(db.kysely, { login: 'contract-admin', name: 'Contract admin', roles: ['admin'], economies: [], passwordHash: await hashPassword(ACCOUNT_PASSWORD) }, at);
  // Kept by the engine's setup and made current by its beforeAll (a timed-out setup of the other engine cannot overwrite it).
  const accountOfSetup = {
    token: (await createToken(db.kysely, admin.id, 'contract', at)).token,
    otherToken: (await createToken(db.kysely, admin.id, 'to revoke', at)).row.id,
    otherUser: (await insertUser(db.kysely, { login: 'contract-other', name: 'Contract other', roles: ['contributor'], economies: [] }, at)).id,
  };
  return { app: createApp(ctx, { adminToken: ADMIN }), ctx, logged, account: accountOfSetup };
}

/** Values that name something that exists, by parameter name; the test fails for a name it does not know. */
function validValue(op: Operation, p: Parameter, ids: Record<string, string>): string {
  if (p.schema.example !== undefined) return String(p.schema.example);
  if (p.in === 'path') {
    if (p.name === 'iso3') return 'PER';
    if (p.name === 'code') return INDICATOR;
    if (p.name === 'hs') return '0901.21';
    if (p.name === 'id' && op.path.startsWith('/api/marketplaces/')) return ids.marketplace;
    if (p.name === 'id' && op.path.startsWith('/api/regulation/measures/')) return ids.measure;
    if (p.name === 'id' && op.path.startsWith('/api/support/programmes/')) return ids.programme;
    if (p.name === 'id' && op.path.startsWith('/api/directory/entries/')) return ids.entry;
    // The delete removes the case the create made (the synthetic case is the copy's baseline by then).
    if (p.name === 'id' && op.path === '/api/processes/cases/{id}/delete') return 'contract-case';
    if (p.name === 'id' && op.path.startsWith('/api/processes/cases/')) return 'synthetic-ecommerce-export';
    if (p.name === 'id' && op.path.startsWith('/api/-/account/tokens/')) return account.otherToken;
    if (p.name === 'id' && op.path.startsWith('/api/-/admin/users/')) return account.otherUser;
    // The editorial workflow: one draft per step, each in the status the step follows (made in beforeAll).
    if (p.name === 'id' && op.path.startsWith('/api/-/drafts/')) {
      const step = /\/api\/-\/drafts\/\{id\}\/(.+)$/.exec(op.path)?.[1];
      return ids[`draft:${step ?? 'edit'}`] ?? ids['draft:edit'];
    }
    if (p.name === 'entity' && op.path.startsWith('/api/-/history/')) return 'support_programmes';
    if (p.name === 'id' && op.path.startsWith('/api/-/history/')) return ids.reverted;
  }
  const query: Record<string, string> = { indicator: INDICATOR, economies: 'PER~CHL', a: 'PER', b: 'CHL', economy: 'PER', partners: 'CHL~MEX', origin: 'PER', destination: 'JPN', q: 'coffee' };
  if (p.name in query) return query[p.name];
  throw new Error(`${op.method} ${op.path}: no valid value known for the ${p.in} parameter "${p.name}" (give it an example in its schema, or add it to validValue)`);
}

/** A value the parameter's schema refuses, and whether a 400 is certain (enum, pattern, number). */
function invalidValue(p: Parameter): { value: string; certain: boolean } {
  const s = p.schema;
  if (s.enum) return { value: 'not-a-value', certain: true };
  if (s.type === 'integer' || s.type === 'number' || (Array.isArray(s.type) && (s.type.includes('integer') || s.type.includes('number')))) return { value: 'abc', certain: true };
  if (s.pattern) {
    for (const v of ['!!', 'ZZZ!', '-']) if (!new RegExp(s.pattern).test(v)) return { value: v, certain: true };
  }
  // A well-formed code that names nothing: unknown codes are errors (400), not empty answers.
  return { value: 'ZZZ', certain: CODE_PARAMS.has(p.name) };
}

/** Filters whose values are codes of economies, regions, groups, marketplaces, indicators or categories. */
const CODE_PARAMS = new Set(['country', 'economy', 'economies', 'peer', 'origin', 'partners', 'a', 'b', 'marketplace', 'indicator', 'subregion', 'category', 'flow', 'dimension', 'instrument']);

/** Valid bodies of the writes, by operationId. A write without one is still called with every kind of invalid request. */
const MEASURE = { iso3: 'PER', indicator_id: '6.1', category_id: '6.1.a', title: 'Ley X sobre datos', coverage: 'horizontal', urls: ['https://a.pe/x'] };
function validBody(op: Operation, ids: Record<string, string>): unknown {
  switch (op.operationId) {
    case 'postSystemDrafts':
      return { entity: 'support_programmes', entity_id: ids.wfProgramme, changes: { agency: 'Agencia de prueba del contrato' } };
    case 'postSystemDraftsById':
      return { changes: { description: 'Texto de prueba del contrato' } };
    case 'postSystemDraftsByIdSubmit':
    case 'postSystemDraftsByIdApprove':
    case 'postSystemDraftsByIdPublish':
    case 'postSystemDraftsByIdWithdraw':
      return {};
    case 'postSystemDraftsByIdReject':
    case 'postSystemDraftsByIdRequestChanges':
      return { comment: 'Contract test' };
    case 'postSystemHistoryByEntityByIdRevert':
      return { audit_id: ids.audit };
    case 'postSystemVerifications':
      return { entity: 'support_programmes', entity_id: ids.wfProgramme, feedback: 'Not correct', requested_action: 'Contract test', action_date: '2025-05-01' };
    case 'postRegulationMeasures':
      return MEASURE;
    case 'postRegulationMeasuresById':
      return { title: 'Ley X sobre datos (modificada)' };
    case 'postSupportProgrammes':
      return { iso3: 'PER', programme: 'Programa de prueba del contrato', type_text: 'training', target_text: 'women' };
    case 'postSupportProgrammesById':
      return { stage: 'implemented' };
    case 'postDirectoryEntries':
      return { iso3: 'PER', role: 'trade_ministry', name_local: 'Ministerio de prueba del contrato' };
    case 'postDirectoryEntriesById':
      return { to_verify: true };
    case 'postSupportLinkChecks':
      return { checks: [{ url: 'https://example.org/', status: 200, ok: true, final_url: null, error: null, checked_at: '2025-05-01T10:00:00.000Z' }] };
    case 'postProcessesCases':
      return { id: 'contract-case', title: 'Contract case', exporter: 'PER' };
    case 'postProcessesCasesById':
      return { id: 'synthetic-ecommerce-export', title: 'Synthetic case (edited by the contract test)', label: 'SYNTHETIC' };
    case 'postProcessesCasesByIdSteps':
      return { csv: 'procedure_id,procedure,step_id,step,time_avg\np1,Procedure,s1,Step,1\n' };
    case 'postProcessesCasesByIdCopy':
      return { id: 'contract-to-be' };
    case 'postFacilitationStatuses':
      return { statuses: [{ iso3: 'PER', round: 2025, measure: 'ntfc', status: 2, source_url: 'https://a.pe/tf' }] };
    case 'postDocumentsInvoice':
    case 'postDocumentsPackingList':
    case 'postDocumentsCn23':
      return JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/examples/shipment-per-jpn-coffee.json', import.meta.url)), 'utf8'));
    case 'postSystemAdminImport':
      return { paths: [join(DATA, 'indicators/internet_users_fealac.csv')], dryRun: true };
    case 'postSystemAdminSync':
      return { source: 'worldbank', indicators: [INDICATOR] };
    case 'postSystemAuthLogin':
      return { login: 'contract-admin', password: ACCOUNT_PASSWORD };
    case 'postSystemAccountTokens':
    case 'postSystemAdminUsersByIdTokens':
      return { name: 'contract' };
    case 'postSystemAdminUsers':
      return { login: 'contract-new', name: 'Contract new', roles: ['focal_point'], economies: ['PER'] };
    case 'postSystemAdminUsersByIdRoles':
      return { roles: ['reviewer'] };
    case 'postSystemAdminUsersByIdDisable':
      return { disabled: true };
    default:
      return op.requestBody ? undefined : null;
  }
}

function tokenFor(op: Operation): string | null {
  const scheme = Object.keys(op.security?.[0] ?? {})[0];
  if (scheme === 'account') return account.token;
  return scheme === 'adminToken' || scheme === 'admin' ? ADMIN : scheme ? EDITOR : null;
}

function url(op: Operation, values: Record<string, string>, query: Record<string, string> = {}): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, n) => encodeURIComponent(values[n]));
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `http://puente.test${path}${qs ? `?${qs}` : ''}`;
}

/** Writes run last, in an order where each finds what it needs: create, update, then delete. */
const WRITE_ORDER = [
  'postRegulationMeasures',
  'postRegulationMeasuresById',
  'postRegulationMeasuresByIdDelete',
  'postSupportProgrammes',
  'postSupportProgrammesById',
  'postSupportProgrammesByIdDelete',
  'postDirectoryEntries',
  'postDirectoryEntriesById',
  'postDirectoryEntriesByIdDelete',
  'postSystemDrafts',
  'postSystemDraftsById',
  'postSystemDraftsByIdSubmit',
  'postSystemDraftsByIdApprove',
  'postSystemDraftsByIdPublish',
];

describe.each(engines)('the API keeps its OpenAPI contract on %s', (engine) => {
  let s: Setup;
  let doc: any;
  let checker: ResponseChecker;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    s = await setup(engine);
    Object.assign(account, s.account);
    doc = await (await s.app.fetch(new Request('http://puente.test/api/openapi.json'))).json();
    checker = new ResponseChecker(doc);
    const list = await (await s.app.fetch(new Request('http://puente.test/api/marketplaces'))).json();
    ids.marketplace = list.rows.find((r: any) => r.visits !== null)?.id ?? list.rows[0].id;
    ids.programme = (await (await s.app.fetch(new Request('http://puente.test/api/support/programmes?economy=PER'))).json()).rows[0].id;
    ids.entry = (await (await s.app.fetch(new Request('http://puente.test/api/directory/entries?economy=PER'))).json()).rows[0].id;
    await workflowFixtures();
  }, 240_000);

  /** Drafts in the statuses each workflow step follows, and a published change to revert. */
  async function workflowFixtures() {
    const per = (await (await s.app.fetch(new Request('http://puente.test/api/support/programmes?economy=PER'))).json()).rows.map((r: any) => r.id);
    const post = async (path: string, body: unknown) => {
      const res = await s.app.fetch(new Request(`http://puente.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}` }, body: JSON.stringify(body) }));
      const out = await res.json();
      expect(res.status, `${path}: ${JSON.stringify(out)}`).toBe(200);
      return out;
    };
    const draft = async (id: string, changes: Record<string, unknown>, submit: boolean) => (await post('/api/-/drafts', { entity: 'support_programmes', entity_id: id, changes, submit })).draft.id as string;
    // Not the programme the direct-edit routes change and delete (ids.programme, per[0]).
    ids.wfProgramme = per[3];
    ids['draft:edit'] = await draft(per[3], { as_of: '2025-04' }, false);
    ids['draft:submit'] = ids['draft:edit'];
    ids['draft:approve'] = ids['draft:edit'];
    ids['draft:publish'] = ids['draft:edit'];
    ids['draft:reject'] = await draft(per[1], { as_of: '2025-03' }, true);
    ids['draft:request-changes'] = await draft(per[1], { as_of: '2025-02' }, true);
    ids['draft:withdraw'] = await draft(per[1], { as_of: '2025-01' }, false);
    // A published change of another programme, for the history and its revert.
    ids.reverted = per[2];
    const d = await draft(per[2], { trust: 'C' }, true);
    await post(`/api/-/drafts/${d}/approve`, {});
    await post(`/api/-/drafts/${d}/publish`, {});
    const history = (await (await s.app.fetch(new Request(`http://puente.test/api/-/history/support_programmes/${per[2]}`))).json()).rows;
    ids.audit = history.find((r: any) => r.action === 'update').id;
  }
  afterAll(async () => {
    await s?.ctx.db.close();
  });

  /** Sends a request and records every way its answer breaks the document. */
  async function call(op: Operation, label: string, init: RequestInit & { url: string }, failures: string[]): Promise<{ status: number; body: string; headers: Headers }> {
    const res = await s.app.fetch(new Request(init.url, init));
    const { problems, body } = await checker.check(op, res);
    // 502 is the one 5xx a route may declare: a public source it asked failed (not the request's fault).
    if (res.status >= 500 && res.status !== 502) problems.push(`answered ${res.status}`);
    for (const p of problems) failures.push(`${op.method} ${op.path} [${label}] ${init.url.replace('http://puente.test', '')}: ${p} -- ${body.slice(0, 200)}`);
    return { status: res.status, body, headers: res.headers };
  }

  // Its work grows with every route a module adds: its own time limit, not the unit default.
  it('every GET operation: valid values answer 200, each kind of invalid value a declared error, all as the document says', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    const reads = operationsOf(doc).filter((op) => op.method === 'GET');
    expect(reads.length).toBeGreaterThan(90);
    for (const op of reads) {
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      const required = op.parameters.filter((p) => p.in === 'query' && p.required);
      const values = Object.fromEntries(pathParams.map((p) => [p.name, validValue(op, p, ids)]));
      const query = Object.fromEntries(required.map((p) => [p.name, validValue(op, p, ids)]));

      // A gated read (the admin jobs list) is refused without its token, and answers with it.
      const token = tokenFor(op);
      const headers = token ? { authorization: `Bearer ${token}` } : undefined;
      if (token) {
        const anonymous = await call(op, 'no token', { url: url(op, values, query) }, failures);
        if (anonymous.status !== 401) failures.push(`${op.method} ${op.path} [no token]: answered ${anonymous.status}, not 401`);
      }
      const ok = await call(op, 'valid', { url: url(op, values, query), headers }, failures);
      // A browser-facing step (single sign-on) declares a redirect instead of a 200.
      const expected = op.responses['302'] && !op.responses['200'] ? 302 : 200;
      if (ok.status !== expected) failures.push(`${op.method} ${op.path} [valid]: answered ${ok.status}, not ${expected} -- ${ok.body.slice(0, 200)}`);
      if (expected === 302 && !ok.headers.get('location')) failures.push(`${op.method} ${op.path} [valid]: a redirect without Location`);

      // Each path parameter naming nothing.
      for (const p of pathParams) {
        const bad = await call(op, `path ${p.name}`, { url: url(op, { ...values, [p.name]: 'ZZZ' }, query), headers }, failures);
        if (![400, 404].includes(bad.status)) failures.push(`${op.method} ${op.path} [path ${p.name}=ZZZ]: answered ${bad.status}, not 400/404`);
      }
      // Each query parameter with a value it refuses.
      for (const p of op.parameters.filter((x) => x.in === 'query')) {
        const { value, certain } = invalidValue(p);
        const bad = await call(op, `query ${p.name}`, { url: url(op, values, { ...query, [p.name]: value }), headers }, failures);
        if (certain && bad.status !== 400) failures.push(`${op.method} ${op.path} [${p.name}=${value}]: answered ${bad.status}, not 400`);
        if (certain && bad.status === 400 && !bad.body.includes(p.name)) failures.push(`${op.method} ${op.path} [${p.name}=${value}]: the error does not name the parameter -- ${bad.body.slice(0, 200)}`);
      }
      // Unknown, repeated and malformed parameters.
      const data = op.parameters.some((p) => p.name === '_size');
      for (const [label, extra] of [
        ['unknown parameter', '_nope=1'],
        ['malformed escape', 'x=%ZZ'],
        ['repeated parameter', '_sort=a&_sort=b'],
      ] as const) {
        const base = url(op, values, query);
        const bad = await call(op, label, { url: `${base}${base.includes('?') ? '&' : '?'}${extra}`, headers }, failures);
        const must400 = label === 'malformed escape' || data;
        if (must400 && bad.status !== 400) failures.push(`${op.method} ${op.path} [${label}]: answered ${bad.status}, not 400`);
      }
    }
    if (failures.length) console.log(failures.join('\n'));
    expect(failures).toEqual([]);
  }); // every operation of the document, each kind of bad value: minutes on a busy machine (the limit above is not a timing)

  // Its own time limit too: every write route (the public document POSTs included) adds its calls.
  it('every write: refused without a token, with a wrong one, with a body too large or not JSON; accepted with a valid one; each as declared', async () => {
    const failures: string[] = [];
    const writes = operationsOf(doc)
      .filter((op) => op.method !== 'GET')
      .sort((x, y) => (WRITE_ORDER.indexOf(x.operationId) + 1 || 99) - (WRITE_ORDER.indexOf(y.operationId) + 1 || 99));
    expect(writes.length).toBeGreaterThanOrEqual(5);
    for (const op of writes) {
      // A public POST computes an answer from its body and writes nothing (it declares no security).
      const open = (op.security ?? []).length === 0;
      if (!open) expect(op.security, `${op.operationId} declares its gate`).toHaveLength(1);
      const token = open ? 'none' : tokenFor(op)!;
      const values = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, validValue(op, p, ids)]));
      const target = url(op, values);
      const json = { 'content-type': 'application/json' };
      const body = validBody(op, ids);
      const payload = body === null || body === undefined ? undefined : JSON.stringify(body);
      if (!open) {
        const none = await call(op, 'no token', { url: target, method: op.method, headers: json, body: payload }, failures);
        if (none.status !== 401) failures.push(`${op.operationId} [no token]: ${none.status}, not 401`);
        const wrong = await call(op, 'wrong token', { url: target, method: op.method, headers: { ...json, authorization: 'Bearer wrong' }, body: payload }, failures);
        if (wrong.status !== 401) failures.push(`${op.operationId} [wrong token]: ${wrong.status}, not 401`);
      }
      const auth = { ...json, authorization: `Bearer ${token}` };
      if (op.requestBody) {
        const notJson = await call(op, 'not JSON', { url: target, method: op.method, headers: auth, body: '{"paths": [' }, failures);
        if (notJson.status !== 400) failures.push(`${op.operationId} [not JSON]: ${notJson.status}, not 400`);
        const huge = 'x'.repeat(s.ctx.config.PUENTE_MAX_BULK_BODY_BYTES + 1);
        const big = await call(op, 'too large', { url: target, method: op.method, headers: auth, body: JSON.stringify({ x: huge }) }, failures);
        if (big.status !== 413) failures.push(`${op.operationId} [too large]: ${big.status}, not 413`);
        const stray = await call(op, 'unknown field', { url: target, method: op.method, headers: auth, body: JSON.stringify({ ...(body as object), _nope: 1 }) }, failures);
        if (stray.status === 200 && op.operationId !== 'postRegulationMeasuresById') failures.push(`${op.operationId} [unknown field]: accepted`);
      }
      if (body !== undefined) {
        const good = await call(op, 'valid', { url: target, method: op.method, headers: auth, body: payload }, failures);
        if (good.status !== 200 && op.operationId !== 'postSystemAdminSync') failures.push(`${op.operationId} [valid]: ${good.status}, not 200 -- ${good.body.slice(0, 200)}`);
        if (op.operationId === 'postRegulationMeasures' && good.status === 200) ids.measure = JSON.parse(good.body).measure.id;
      }
      if (op.parameters.some((p) => p.in === 'path')) {
        const missing = await call(op, 'no such id', { url: url(op, { ...values, id: 'no-such-measure' }), method: op.method, headers: auth, body: payload ?? undefined }, failures);
        if (missing.status !== 404) failures.push(`${op.operationId} [no such id]: ${missing.status}, not 404`);
      }
    }
    if (failures.length) console.log(failures.join('\n'));
    expect(failures).toEqual([]);
    expect(ids.measure, 'the measure created by the contract test').toBeTruthy();
  }, 300_000);

  it('well-formed codes that name nothing are 400s naming parameter and value, with the nearest known code', async () => {
    const cases: [string, RegExp][] = [
      ['/api/countries?country=ARN', /^country: "ARN" is not a known FEALAC economy \(did you mean "ARG"\?\)$/],
      ['/api/indicators/IT.NET.USER.ZS.csv?country=PER~ZZZ', /^country: "ZZZ" is not a known FEALAC economy$/],
      ['/api/traffic?origin=ZZX', /^origin: "ZZX" is not a known ISO 3166 alpha-3 code/],
      [`/api/flows?marketplace=${ids.marketplace}x`, new RegExp(`^marketplace: "${ids.marketplace}x" is not a known marketplace id \\(did you mean "${ids.marketplace}"\\?\\)$`)],
      ['/api/marketplaces?category=zzzzzz', /^category: "zzzzzz" is not a known category$/],
      ['/api/regulation/treaties?instrument=wipo_pctt', /^instrument: "wipo_pctt" is not a known instrument \(did you mean "wipo_pct"\?\)$/],
      ['/api/regulation/measures?indicator=99.9', /^indicator: "99.9" is not a known framework indicator/],
      ['/api/regulation/pair?a=PER&b=USA', /^b: "USA" is not a known FEALAC economy/],
    ];
    for (const [path, message] of cases) {
      const res = await s.app.fetch(new Request(`http://puente.test${path}`));
      const body = await res.json();
      expect(res.status, path).toBe(400);
      expect(body.error, path).toMatch(message);
    }
  });

  it('nothing was logged as an internal error', () => {
    expect(s.logged).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('passes Redocly CLI\'s recommended rules (errors and warnings)', async () => {
    const db = await freshDatabase('duckdb');
    try {
      const ctx: AppContext = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }), log: createLog('error', () => {}), clock: () => NOW, fetch: fetch };
      const app = createApp(ctx);
      const doc = await (await app.fetch(new Request('http://puente.test/api/openapi.json'))).json();
      const ops = operationsOf(doc);
      const declaredPublic = new Set(app.api.routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.path}`));
      const gatedReads = new Set(app.api.routes.filter((r) => r.method === 'GET' && r.auth).map((r) => `${r.method} ${r.path}`));
      expect(ops.every((op) => /^[a-z][A-Za-z0-9]+$/.test(op.operationId))).toBe(true);
      expect(new Set(ops.map((op) => op.operationId)).size).toBe(ops.length);
      // Reads are public (an empty security list) but the admin API's; writes need a bearer token,
      // except POSTs declared public (they compute from the body and write nothing).
      for (const op of ops) {
        const open = (op.method === 'GET' && !op.path.startsWith('/api/-/admin/') && !gatedReads.has(`${op.method} ${op.path}`)) || declaredPublic.has(`${op.method} ${op.path}`);
        expect(op.security, `${op.method} ${op.path}`).toEqual(open ? [] : [expect.any(Object)]);
      }
      const { problems } = await redoclyLint(doc);
      // A browser-facing redirect step (single sign-on) answers 302, never 2XX, by its nature.
      const redirects = new Set(ops.filter((op) => op.responses['302'] && !op.responses['200']).map((op) => `#/paths/${op.path.replaceAll('~', '~0').replaceAll('/', '~1')}/get/responses`));
      expect(redirects.size).toBeGreaterThan(0);
      expect(problems.filter((p) => !(p.ruleId === 'operation-2xx-response' && redirects.has(p.location)))).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
