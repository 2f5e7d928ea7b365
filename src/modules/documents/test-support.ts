// Shared by the documents tests: the example shipment and the real code lists of ../shared/data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { codeListsAt } from './codelists.js';
import type { ShipmentInput } from './schema.js';

export const CODELISTS_DIR = join(SHARED_DATA, 'codelists');
export const EXAMPLE_PATH = fileURLToPath(new URL('../../../docs/examples/shipment-per-jpn-coffee.json', import.meta.url));
export const example = (): ShipmentInput => JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8'));
export const lists = () => codeListsAt(CODELISTS_DIR);

/** Every text item of a PDF, page by page, joined (pdf.js, as a reader would extract it). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  return parts.join('\n');
}
