// `puente documents invoice|packing-list|cn23 FILE --format pdf|xml|json -o OUT`: the same shipment
// JSON as the API's body, checked by the same schema; no database, nothing stored.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../platform/config.js';
import { codeListsAt } from './codelists.js';
import { CodeCheckError, DocumentRequestError, generateDocument, type DocumentFormat } from './generate.js';
import { InvalidCiiError } from './invoice-xml.js';
import { DOCUMENT_KINDS, shipmentSchema } from './schema.js';

interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Adds the `documents` command; `done` receives the exit code. */
export function addDocumentsCommand(program: Command, config: Config, io: CliIo, done: (code: number) => void): void {
  const documents = program.command('documents').description('trade documents from a shipment JSON (docs/examples/shipment-per-jpn-coffee.json): invoice, packing-list, cn23');
  for (const kind of DOCUMENT_KINDS) {
    documents
      .command(kind)
      .description(kind === 'invoice' ? 'commercial invoice as PDF (UN Layout Key), CII D16B XML or JSON' : kind === 'packing-list' ? 'packing list as PDF or JSON' : 'CN 23 customs declaration data (postal) as PDF or JSON')
      .argument('<file>', 'shipment JSON')
      .option('-f, --format <format>', kind === 'invoice' ? 'pdf, xml or json' : 'pdf or json', 'pdf')
      .option('-l, --lang <lang>', 'labels: en or es', 'en')
      .option('-o, --out <file>', 'write to a file (required for PDF; JSON and XML go to standard output without it)')
      .action(async (file: string, opts: { format: string; lang: string; out?: string }) => {
        done(await runDocument(kind, file, opts, config, io));
      });
  }
}

async function runDocument(kind: (typeof DOCUMENT_KINDS)[number], file: string, opts: { format: string; lang: string; out?: string }, config: Config, io: CliIo): Promise<number> {
  if (!['pdf', 'xml', 'json'].includes(opts.format)) {
    io.err(`puente documents: --format must be pdf, xml or json (not "${opts.format}")`);
    return 2;
  }
  if (opts.format === 'pdf' && !opts.out) {
    io.err('puente documents: a PDF needs -o FILE');
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    io.err(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}`);
    return 1;
  }
  const parsed = shipmentSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) io.err(`${file}: ${i.path.join('.') || '(top)'}: ${i.message}`);
    return 1;
  }
  try {
    const doc = await generateDocument(kind, opts.format as DocumentFormat, parsed.data, codeListsAt(config.PUENTE_CODELISTS_DIR), opts.lang);
    const body = Buffer.isBuffer(doc.body) ? doc.body : typeof doc.body === 'string' ? doc.body : JSON.stringify(doc.body, null, 2) + '\n';
    if (opts.out) {
      writeFileSync(opts.out, body);
      io.err(`Wrote ${opts.out}`);
    } else io.out(String(body).trimEnd());
    return 0;
  } catch (err) {
    if (err instanceof CodeCheckError || err instanceof DocumentRequestError || err instanceof InvalidCiiError) {
      for (const e of err.errors) io.err(`${file}: ${e}`);
      return 1;
    }
    throw err;
  }
}
