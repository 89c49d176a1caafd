/** Running totals of a document store's disk work, for benchmarks and health checks. */
export interface StoreCounters {
  /** append() calls that were made durable. */
  appends: number;
  /** Grouped log writes (each one synced write); appends / logWrites is the grouping ratio. */
  logWrites: number;
  /** Every fsync/fdatasync, of logs, snapshots and folders. */
  fsyncs: number;
  /** Bytes written to logs and snapshots, headers included. */
  bytesWritten: number;
}

export function emptyCounters(): StoreCounters {
  return { appends: 0, logWrites: 0, fsyncs: 0, bytesWritten: 0 };
}
