import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mappingProblems } from './compute.js';
import { mappingFile, vocabularyFile, type Mapping, type Vocabulary } from './schema.js';

// The controlled vocabulary and the reviewed mapping are versioned data carried by the product
// (./vocabulary/), like the regulation frameworks: read once, checked whole, or nothing starts.

export const VOCABULARY_DIR = fileURLToPath(new URL('./vocabulary/', import.meta.url));

function readJson(name: string): unknown {
  const file = `${VOCABULARY_DIR}${name}`;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`src/modules/support/vocabulary/${name}: ${(err as Error).message}`);
  }
}

let cached: { vocab: Vocabulary; mapping: Mapping } | null = null;

/** The vocabulary and mapping files, validated (a bad file stops with its name and the problem). */
export function loadVocabulary(): { vocab: Vocabulary; mapping: Mapping } {
  if (cached) return cached;
  const v = vocabularyFile.safeParse(readJson('vocabulary.json'));
  if (!v.success) throw new Error(`src/modules/support/vocabulary/vocabulary.json: ${v.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const m = mappingFile.safeParse(readJson('mapping.json'));
  if (!m.success) throw new Error(`src/modules/support/vocabulary/mapping.json: ${m.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const problems = mappingProblems(v.data, m.data);
  if (problems.length) throw new Error(`src/modules/support/vocabulary: ${problems.join('; ')}`);
  cached = { vocab: v.data, mapping: m.data };
  return cached;
}

export function typeCodes(): string[] {
  return loadVocabulary().vocab.types.map((t) => t.code);
}

export function targetCodes(): string[] {
  return loadVocabulary().vocab.targets.map((t) => t.code);
}

export function areaCodes(): string[] {
  return loadVocabulary().vocab.areas.map((a) => a.code);
}
