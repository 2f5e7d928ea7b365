import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { writePrivateFile } from './private-file.js';

// What the CLI and the server share on one machine: the admin token file, progress bars.

export const ADMIN_TOKEN_FILE = resolve('var/admin-token');

export function ensureAdminToken(configured: string | undefined, file = ADMIN_TOKEN_FILE): string {
  if (configured) return configured;
  const token = randomBytes(24).toString('base64url');
  // Owner-only, and never through a symlink planted at the path.
  writePrivateFile(file, token + '\n');
  return token;
}

export function readAdminToken(configured: string | undefined): string | null {
  if (configured) return configured;
  return existsSync(ADMIN_TOKEN_FILE) ? readFileSync(ADMIN_TOKEN_FILE, 'utf8').trim() : null;
}

export interface Progress {
  start(total: number, label: string): void;
  update(value: number, label: string): void;
  stop(): void;
}

/** A bar on a terminal, plain lines otherwise (CI logs, pipes). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    // In logs a line per step is noise; say what starts and when it ends.
    let total = 0;
    return {
      start: (t, label) => {
        total = t;
        stream.write(`${label} (${t})...\n`);
      },
      update: () => {},
      stop: () => total && stream.write('  done\n'),
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    update: (value, label) => bar.update(value, { label }),
    stop: () => bar.stop(),
  };
}
