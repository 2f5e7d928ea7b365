import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { changesFile, type ChangesFile } from './schema.js';

// Known changes (bodies abolished, dissolved or renamed) are versioned data carried by the product.

const FILE = fileURLToPath(new URL('./changes.json', import.meta.url));
let cached: ChangesFile | null = null;

export function loadChanges(): ChangesFile {
  if (cached) return cached;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(FILE, 'utf8'));
  } catch (err) {
    throw new Error(`src/modules/directory/changes.json: ${(err as Error).message}`);
  }
  const parsed = changesFile.safeParse(json);
  if (!parsed.success) throw new Error(`src/modules/directory/changes.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  cached = parsed.data;
  return cached;
}
