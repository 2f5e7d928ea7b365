import type { Config } from './config.js';

export interface Log {
  error(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const order = { silent: 0, error: 1, info: 2, debug: 3 } as const;

export function createLog(level: Config['PUENTE_LOG_LEVEL'], write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Log {
  const at = order[level];
  return {
    error: (m) => at >= 1 && write(m),
    info: (m) => at >= 2 && write(m),
    debug: (m) => at >= 3 && write(m),
  };
}

export const silentLog: Log = createLog('silent');
