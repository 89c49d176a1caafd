import type pg from 'pg';

/** Runs one statement with its parameters ($1, $2 ...). */
export type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

/**
 * How the PostgreSQL repositories reach the tables (see PgMetadata): statements that only read, and a way
 * to run statements that change data, alone in a transaction of their own or inside the transaction under way.
 */
export interface SqlAccess {
  read: Query;
  write: <T>(change: (query: Query) => Promise<T>) => Promise<T>;
}

/** A row carrying a whole record, as every metadata table stores it. */
export interface RecordRow<T> {
  record: T;
}

/** The records of the rows, in row order. pg parses json columns afresh per query, so each is a copy nobody else holds. */
export const records = <T>(result: pg.QueryResult<RecordRow<T>>): T[] => result.rows.map((row) => row.record);

/** The first row's record, or null. */
export const firstRecord = <T>(result: pg.QueryResult<RecordRow<T>>): T | null => result.rows[0]?.record ?? null;

/**
 * A record as the text of a json parameter. Always stringified here: pg would turn a JS array into a
 * PostgreSQL array, and JSON.stringify leaves out undefined fields, as the lowdb file does.
 */
export const json = (record: unknown): string => JSON.stringify(record);

/** Replacing (put) a record that is not there is a programming mistake, refused as lowdb refuses it. */
export function replaced(result: pg.QueryResult): void {
  if (result.rowCount === 0) throw new Error('No such record to replace.');
}
