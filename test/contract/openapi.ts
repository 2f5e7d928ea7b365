// The OpenAPI document as a test oracle: its operations, and a validator (ajv, JSON Schema
// 2020-12, the dialect of OpenAPI 3.1) for what each operation may answer.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Record<string, any>;
}
export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  security: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: any }> };
  responses: Record<string, { content?: Record<string, { schema?: any }>; headers?: Record<string, unknown> }>;
}

export function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      ops.push({ method: method.toUpperCase(), path, operationId: op.operationId, parameters: op.parameters ?? [], security: op.security, requestBody: op.requestBody, responses: op.responses });
    }
  }
  return ops;
}

/** Checks an answer against the document: a declared status, a declared content type, a body its schema accepts. */
export class ResponseChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly defs: Record<string, unknown>;

  constructor(doc: any) {
    addFormats(this.ajv);
    // OpenAPI's own keywords beside JSON Schema's.
    this.ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
    this.ajv.addFormat('binary', true);
    this.defs = rewriteRefs(doc.components?.schemas ?? {}) as Record<string, unknown>;
  }

  /** The problems of one answer (empty when it keeps the contract). */
  async check(op: Operation, res: Response): Promise<{ problems: string[]; body: string }> {
    const body = await res.text();
    const problems: string[] = [];
    const declared = op.responses[String(res.status)] ?? op.responses.default;
    if (!declared) return { problems: [`status ${res.status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`], body };
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = declared.content ?? {};
    if (!Object.keys(media).length) return { problems, body };
    if (!(type in media)) return { problems: [`content type "${type}" is not declared for ${res.status} (declared: ${Object.keys(media).join(', ')})`], body };
    if (type !== 'application/json') {
      if (!body.length && res.status === 200) problems.push('empty body');
      return { problems, body };
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { problems: ['body is not JSON'], body };
    }
    const key = `${op.method} ${op.path} ${res.status} ${type}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...(rewriteRefs(media[type].schema ?? {}) as object), $defs: this.defs });
      this.cache.set(key, validate);
    }
    if (!validate(json)) {
      problems.push(...(validate.errors ?? []).slice(0, 5).map((e) => `body${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` "${e.params.additionalProperty}"` : ''}`));
    }
    return { problems, body };
  }
}

function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/components/schemas/', '#/$defs/') : rewriteRefs(x)]),
    );
  }
  return v;
}

/** Redocly CLI's recommended rules over the document; the problems it reports (errors and warnings). */
export async function redoclyLint(doc: unknown): Promise<{ problems: { ruleId: string; message: string; severity: string; location: string }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'puente-openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  const cli = join(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=1000'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const parsed = JSON.parse(stdout.slice(stdout.indexOf('{')));
    return {
      problems: (parsed.problems ?? []).map((p: any) => ({ ruleId: p.ruleId, message: p.message, severity: p.severity, location: p.location?.[0]?.pointer ?? '' })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
