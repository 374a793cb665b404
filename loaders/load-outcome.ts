/** What one file's load did, in counts that must reconcile: read = loaded + quarantined. */
export interface LoadOutcome {
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  /** BigInt: a file's total may pass 2^53 pence. */
  amountLoadedPence?: bigint;
  firstDate?: string;
  lastDate?: string;
}
