import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { INDICATORS_DIR, SHARED_DATA } from '../../../test/support/shared-data.js';
import { listAudit } from '../../platform/audit.js';
import type { Database, Engine } from '../../platform/db/index.js';
import { runImport, type ImportReport } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';
import { usdRates } from '../indicators/index.js';
import { copyToBe, removeStep } from './compute.js';
import { caseSchema } from './schema.js';
import { CaseConflict, createCase, deleteCase, getCase, listBenchmarks, listCases, replaceCase } from './store.js';

const PROCESSES = join(SHARED_DATA, 'processes');
const FX = join(INDICATORS_DIR, 'fx_official_fealac.csv');
const NOW = new Date('2025-03-01T12:00:00Z');
const clock = () => NOW;
const who = (min: number) => ({ actor: 'ana', at: `2025-03-01T12:${String(min).padStart(2, '0')}:00.000Z` });
const kinds = modules.flatMap((m) => m.importers ?? []);

// Expectations from the files themselves (the folder keeps growing).
const partial = JSON.parse(readFileSync(join(PROCESSES, 'cases/bpa_cases_partial.json'), 'utf8'));
const partialSteps = partial.cases.reduce((n: number, c: any) => n + c.steps.length + (c.sub_procedures ?? []).reduce((m: number, sp: any) => m + sp.steps.length, 0), 0);
const stepsCsv = csvRecords(readFileSync(join(PROCESSES, 'cases/bpa_steps_partial.csv'), 'utf8'));
const dbRecords = csvRecords(readFileSync(join(PROCESSES, 'db2018-2020_fealac_trading_across_borders.csv'), 'utf8'));
const fxRecords = csvRecords(readFileSync(FX, 'utf8'));

const answered: Partial<Record<Engine, string>> = {};

describe.each(engines)('processes import and store on %s', (engine) => {
  let db: Database;
  let report: ImportReport;
  const seen: unknown[] = [];
  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    report = await runImport(db, kinds, [PROCESSES, FX], { now: NOW });
  });
  afterAll(async () => {
    answered[engine] = JSON.stringify(seen);
    await db?.close();
  });

  it('reads the JSON cases, the single-case files and the Doing Business CSV; skips the copies with their reason', () => {
    const by = Object.fromEntries(report.files.map((f) => [basename(f.file), f]));
    expect(by['bpa_cases_partial.json']).toMatchObject({ importer: 'processes/partial-cases', rows: partial.cases.length });
    expect(by['synthetic-ecommerce-export.json']).toMatchObject({ importer: 'processes/case-file', rows: 1 });
    expect(by['tpad-bgd-jpn-frozen-shrimp.partial.json']).toMatchObject({ importer: 'processes/case-file', rows: 1 });
    expect(by['db2018-2020_fealac_trading_across_borders.csv']).toMatchObject({ importer: 'processes/doing-business', rows: dbRecords.length * 3 });
    expect(by['fx_official_fealac.csv']).toMatchObject({ importer: 'indicators/values', rows: fxRecords.length });
    const skipped = Object.fromEntries(report.skipped.map((s) => [basename(s.file), s.reason]));
    expect(skipped['bpa_steps_partial.csv']).toMatch(/^processes\/partial-steps: the steps of bpa_cases_partial.json/);
    expect(skipped['db-trading-across-borders-hours-fealac.json']).toMatch(/^processes\/doing-business-hours:/);
  });

  it('the skipped steps CSV holds exactly the JSON steps (so nothing is lost by reading the JSON)', async () => {
    expect(stepsCsv).toHaveLength(partialSteps);
    const cases = await listCases(db.kysely, { label: 'PARTIAL' });
    const stored = cases.filter((c) => partial.cases.some((p: any) => p.case_id === c.doc.id));
    const names = stored.flatMap((c) => c.doc.procedures.flatMap((p) => p.steps.map((s) => `${c.doc.id}|${s.name}`))).sort();
    expect(names).toEqual(stepsCsv.map((r) => `${r.case_id}|${r.step}`).sort());
  });

  it('keeps unknown as unknown: no time or cost is invented; stated words are kept', async () => {
    const arg = (await getCase(db.kysely, 'ARG-exporta-simple'))!.doc;
    expect(arg.label).toBe('PARTIAL');
    expect(arg.exporter).toBe('ARG');
    const steps = arg.procedures.flatMap((p) => p.steps);
    expect(steps).toHaveLength(partial.cases.find((c: any) => c.case_id === 'ARG-exporta-simple').steps.length);
    expect(steps.every((s) => s.time.avg === null && s.cost === null)).toBe(true);
    expect(steps[0].oneTime).toBe(true);
    const slv = (await getCase(db.kysely, 'SLV-export-declaration-ciex'))!.doc.procedures[0].steps;
    expect(slv[0].cost).toEqual({ amount: 0, currency: null, text: 'free' });
    expect(slv[1].cost).toEqual({ amount: null, currency: null, text: 'US$17.50 + 13% IVA' });
    const synthetic = (await getCase(db.kysely, 'synthetic-ecommerce-export'))!;
    expect(synthetic.doc.label).toBe('SYNTHETIC');
    const src = await db.kysely.selectFrom('sources').select(['synthetic']).where('id', '=', synthetic.source_id!).executeTakeFirstOrThrow();
    expect(Boolean(src.synthetic)).toBe(true);
    seen.push(arg, synthetic.doc);
  });

  it('Doing Business values: ".." stays empty, numbers as published', async () => {
    const rows = await listBenchmarks(db.kysely, ['ARG', 'VEN']);
    const rec = dbRecords.find((r) => r['Country Code'] === 'ARG' && /Time to export: Documentary/.test(r['Series Name']))!;
    expect(rows.find((r) => r.iso3 === 'ARG' && r.series_code === rec['Series Code'] && r.year === 2019)!.value).toBe(Number(rec['2019 [YR2019]']));
    const dots = dbRecords.filter((r) => r['2019 [YR2019]'] === '..').length;
    expect(dots).toBeGreaterThan(0);
    expect((await listBenchmarks(db.kysely, [])).filter((r) => r.year === 2019 && r.value === null)).toHaveLength(dots);
    seen.push(rows);
  });

  it('dated US$ rates: the year asked, else the latest earlier one, never a guess', async () => {
    const hnd = fxRecords.filter((r) => r.iso3 === 'HND');
    const y = hnd[hnd.length - 1].year;
    const [exact, later, none, usd] = await usdRates(db.kysely, [
      { currency: 'HNL', date: `${y}-06-30` },
      { currency: 'HNL', date: String(Number(y) + 3) },
      { currency: 'EUR', date: '2020' },
      { currency: 'USD', date: '2020' },
    ]);
    expect(exact).toMatchObject({ iso3: 'HND', rateYear: Number(y), lcuPerUsd: Number(hnd[hnd.length - 1].value) });
    expect(later).toMatchObject({ rateYear: Number(y), year: Number(y) + 3 });
    expect(none.lcuPerUsd).toBeNull();
    expect(none.missing).toMatch(/EUR/);
    expect(usd.lcuPerUsd).toBe(1);
    seen.push(exact, later);
  });

  it('editor writes: create, copy to to-be, remove a step, delete; each in the audit log', async () => {
    const arg = (await getCase(db.kysely, 'ARG-exporta-simple'))!.doc;
    const toBe = copyToBe(arg, 'ARG-exporta-simple-to-be');
    await createCase(db.kysely, toBe, who(1));
    await expect(createCase(db.kysely, toBe, who(2))).rejects.toThrow(CaseConflict);
    const first = toBe.procedures[0].steps[1].id;
    const edited = removeStep(toBe, first);
    const after = await replaceCase(db.kysely, edited, who(3));
    expect(after!.doc.procedures[0].steps.map((s) => s.id)).not.toContain(first);
    expect((await getCase(db.kysely, toBe.id))!.doc.procedures[0].steps).toHaveLength(toBe.procedures[0].steps.length - 1);
    expect(await replaceCase(db.kysely, { ...edited, id: 'nope' }, who(4))).toBeNull();
    const made = caseSchema.parse({ id: 'new-case', title: 'New', exporter: 'PER' });
    await createCase(db.kysely, made, who(5));
    expect(await deleteCase(db.kysely, 'new-case', who(6))).toEqual(made);
    expect(await getCase(db.kysely, 'new-case')).toBeNull();
    const audit = await listAudit(db.kysely, { entity: 'bpa_cases' });
    expect(audit.map((a) => `${a.action} ${a.entity_id}`)).toEqual(['delete new-case', 'create new-case', 'update ARG-exporta-simple-to-be', 'create ARG-exporta-simple-to-be']);
    expect(JSON.parse(audit[2].before as string).procedures[0].steps).toHaveLength(toBe.procedures[0].steps.length);
    seen.push(audit.map((a) => [a.action, a.entity_id, a.at, a.before, a.after]));
  });

  it('a re-import replaces the imported cases and keeps those entered in the editor', async () => {
    await runImport(db, kinds, [PROCESSES], { now: NOW });
    expect(await getCase(db.kysely, 'ARG-exporta-simple-to-be')).not.toBeNull();
    expect((await listCases(db.kysely, { economies: ['ARG'] })).map((c) => c.doc.id)).toEqual(['ARG-exporta-simple', 'ARG-exporta-simple-to-be']);
  });
});

describe('both engines', () => {
  it('answered the same', () => {
    expect(answered.duckdb).toBeDefined();
    expect(answered.postgres).toEqual(answered.duckdb);
  });
});
