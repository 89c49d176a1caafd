/** Where the sync server reports what it refused or failed at, with context (draft, member, code). */
export interface CollabLog {
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Logs to the console as one line per event. */
export const consoleCollabLog: CollabLog = {
  warn: (message, context) => console.warn(`[collab] ${message}`, context ?? ''),
  error: (message, context) => console.error(`[collab] ${message}`, context ?? ''),
};
