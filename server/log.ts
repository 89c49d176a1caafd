/** Where a server part reports what it refused or failed at, with context (draft, member, code). */
export interface Log {
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Logs to the console as one line per event, prefixed with `[part]`. */
export function consoleLog(part: string): Log {
  return {
    warn: (message, context) => console.warn(`[${part}] ${message}`, context ?? ''),
    error: (message, context) => console.error(`[${part}] ${message}`, context ?? ''),
  };
}
