// A case's steps as CSV (the .csv twin of /api/processes/cases/{id}) and back: export, edit in a
// spreadsheet, import into a case. Computed columns (days, cost_usd, earliest_start...) are
// written for the reader and ignored on the way back.
import { parse } from 'csv-parse/sync';
import { flatSteps, type Analysis } from './compute.js';
import { AREAS, procedureSchema, type BpaCase, type Procedure, type StepRow } from './schema.js';

const join = (xs: string[]) => xs.join('; ');

export function stepRows(c: BpaCase, a: Analysis): StepRow[] {
  return flatSteps(c).map((f) => {
    const s = f.step;
    const r = a.steps.get(s.id)!;
    const docs = (dir: 'IN' | 'OUT' | null) => join(s.documents.filter((d) => d.direction === dir).map((d) => d.name));
    return {
      case_id: c.id,
      label: c.label,
      procedure_id: f.procedureId,
      procedure: f.procedureName,
      area: f.area,
      step_id: s.id,
      seq: f.seq,
      step: s.name,
      actors: join(s.actors),
      documents_in: docs('IN'),
      documents_out: docs('OUT'),
      documents: docs(null),
      time_min: s.time.min,
      time_avg: s.time.avg,
      time_max: s.time.max,
      time_unit: s.time.unit,
      time_text: s.time.text,
      days: r.days,
      cost_amount: s.cost?.amount ?? null,
      cost_currency: s.cost?.currency ?? null,
      cost_text: s.cost?.text ?? null,
      cost_usd: r.usd,
      one_time: s.oneTime,
      predecessors: s.predecessors === null ? null : s.predecessors.length ? join(s.predecessors) : 'none',
      physical_visit: s.physicalVisit,
      earliest_start: r.es,
      earliest_finish: r.ef,
      slack: r.slack,
      critical: r.critical,
      source: s.source,
      notes: s.notes,
    };
  });
}

export class CsvCaseError extends Error {
  constructor(readonly problems: string[]) {
    super(`the CSV has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.slice(0, 5).join('; ')}`);
  }
}

const REQUIRED = ['procedure_id', 'procedure', 'step_id', 'step'];

/** The procedures of a steps CSV (all-or-nothing: every problem names its line and column). */
export function proceduresFromCsv(text: string): Procedure[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw new CsvCaseError([`not readable CSV: ${(err as Error).message}`]);
  }
  const problems: string[] = [];
  const header = records.length ? Object.keys(records[0]) : [];
  for (const c of REQUIRED) if (records.length && !header.includes(c)) problems.push(`line 1: column "${c}" is missing`);
  if (!records.length) problems.push('no steps (a header line and one line per step)');
  if (problems.length) throw new CsvCaseError(problems);
  const num = (v: string | undefined, line: number, col: string) => {
    if (v === undefined || v === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) {
      problems.push(`line ${line}, column "${col}": "${v}" is not a number`);
      return null;
    }
    return n;
  };
  const bool = (v: string | undefined, line: number, col: string) => {
    if (v === undefined || v === '') return null;
    if (/^(true|yes|1)$/i.test(v)) return true;
    if (/^(false|no|0)$/i.test(v)) return false;
    problems.push(`line ${line}, column "${col}": "${v}" is not true or false`);
    return null;
  };
  const list = (v: string | undefined) => (v ? v.split(';').map((x) => x.trim()).filter(Boolean) : []);
  const procedures = new Map<string, Record<string, unknown>>();
  records.forEach((r, i) => {
    const line = i + 2;
    const pid = r.procedure_id;
    if (!procedures.has(pid)) {
      const area = r.area ? r.area.toUpperCase() : null;
      if (area && !(AREAS as readonly string[]).includes(area)) problems.push(`line ${line}, column "area": "${r.area}" is not BUY, SHIP or PAY`);
      procedures.set(pid, { id: pid, name: r.procedure, area, steps: [] });
    }
    const unit = (r.time_unit || 'DAY').toUpperCase();
    if (unit !== 'DAY' && unit !== 'HOUR') problems.push(`line ${line}, column "time_unit": "${r.time_unit}" is not DAY or HOUR`);
    const amount = num(r.cost_amount, line, 'cost_amount');
    const costGiven = amount !== null || !!r.cost_text;
    (procedures.get(pid)!.steps as unknown[]).push({
      id: r.step_id,
      name: r.step,
      actors: list(r.actors),
      documents: [
        ...list(r.documents_in).map((name) => ({ name, direction: 'IN' })),
        ...list(r.documents_out).map((name) => ({ name, direction: 'OUT' })),
        ...list(r.documents).map((name) => ({ name, direction: null })),
      ],
      time: { min: num(r.time_min, line, 'time_min'), avg: num(r.time_avg, line, 'time_avg'), max: num(r.time_max, line, 'time_max'), unit, text: r.time_text || null },
      cost: costGiven ? { amount, currency: r.cost_currency ? r.cost_currency.toUpperCase() : null, text: r.cost_text || null } : null,
      oneTime: bool(r.one_time, line, 'one_time'),
      predecessors: !r.predecessors ? null : r.predecessors.toLowerCase() === 'none' ? [] : list(r.predecessors),
      physicalVisit: bool(r.physical_visit, line, 'physical_visit'),
      source: r.source || null,
      notes: r.notes || null,
    });
  });
  const out: Procedure[] = [];
  for (const p of procedures.values()) {
    const parsed = procedureSchema.safeParse(p);
    if (parsed.success) out.push(parsed.data);
    else for (const i of parsed.error.issues) problems.push(`procedure "${p.id}": ${i.path.join('.')}: ${i.message}`);
  }
  if (problems.length) throw new CsvCaseError(problems);
  return out;
}
