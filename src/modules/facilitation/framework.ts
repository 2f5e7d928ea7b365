import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tfFramework, tfSequence, type TfFramework, type TfSequence } from './schema.js';

// The survey framework and the implementation sequence are versioned data shipped with the product
// in ./frameworks/: a new survey round is a new framework file (with its `rounds`), a revised
// sequence a new sequence file. Nothing here names a version. A bad file fails the whole list.

export const FRAMEWORKS_DIR = fileURLToPath(new URL('./frameworks/', import.meta.url));

export class TfFrameworkError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
  }
}

export interface TfFiles {
  frameworks: TfFramework[];
  sequences: TfSequence[];
}

function readJson(dir: string, f: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, f), 'utf8'));
  } catch (e) {
    throw new TfFrameworkError(`${f} is not valid JSON: ${(e as Error).message}`, []);
  }
}

/** Every *.json of `dir`: sequence files (with `steps`) and framework files (with `measures`), validated. */
export function loadTfFiles(dir: string = FRAMEWORKS_DIR): TfFiles {
  const out: TfFiles = { frameworks: [], sequences: [] };
  const seen = new Map<string, string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const json = readJson(dir, f) as Record<string, unknown>;
    const schema = 'steps' in json ? tfSequence : tfFramework;
    const r = schema.safeParse(json);
    if (!r.success) throw new TfFrameworkError(`${f} is not a valid ${'steps' in json ? 'sequence' : 'framework'} file`, r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
    const key = `${r.data.id}-${r.data.version}`;
    if (seen.has(key)) throw new TfFrameworkError(`${f} and ${seen.get(key)} both define ${key}`, []);
    seen.set(key, f);
    if ('steps' in r.data) out.sequences.push(r.data as TfSequence);
    else out.frameworks.push(r.data as TfFramework);
  }
  if (!out.frameworks.length) throw new TfFrameworkError(`no framework file in ${dir}`, []);
  const byVersion = (a: { version: string }, b: { version: string }) => Number(a.version) - Number(b.version) || a.version.localeCompare(b.version);
  out.frameworks.sort(byVersion);
  out.sequences.sort(byVersion);
  for (const s of out.sequences) {
    const fw = out.frameworks.find((x) => x.id === s.framework);
    if (!fw) throw new TfFrameworkError(`sequence ${s.id}-${s.version} names framework "${s.framework}", which no file defines`, []);
    const known = new Set(out.frameworks.filter((x) => x.id === s.framework).flatMap((x) => x.measures.map((m) => m.id)));
    const bad = [
      ...s.steps.filter((st) => st.measure && !known.has(st.measure)).map((st) => `steps.${st.id}.measure: no measure "${st.measure}"`),
      ...s.links.flatMap((l, i) => [l.from, l.to].filter((m) => !known.has(m)).map((m) => `links.${i}: no measure "${m}"`)),
    ];
    if (bad.length) throw new TfFrameworkError(`sequence ${s.id}-${s.version} is not valid`, bad);
  }
  return out;
}

let cached: TfFiles | null = null;
/** The product's own files, read once. */
export function tfFiles(): TfFiles {
  return (cached ??= loadTfFiles());
}

/** The framework covering a round (the newest that lists it), else the newest. */
export function frameworkFor(files: TfFiles, round?: number | null): TfFramework {
  const fws = files.frameworks;
  if (round != null) {
    const covering = fws.filter((f) => f.rounds.includes(round));
    if (covering.length) return covering[covering.length - 1];
  }
  return fws[fws.length - 1];
}

export const latestSequence = (files: TfFiles): TfSequence | null => files.sequences.at(-1) ?? null;
