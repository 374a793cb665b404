/** A yes or a no as registers and exports write them, in any case. */
export const YES_TEXT: readonly string[] = ["y", "yes", "true", "1"];
const YES = new Set(YES_TEXT);
const NO = new Set(["n", "no", "false", "0", ""]);

/** A yes/no cell: true, false, null when empty or absent, "bad" for anything else. */
export function parseFlag(raw: string | undefined): boolean | null | "bad" {
  if (raw === undefined) return null;
  const value = raw.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return value === "" ? null : false;
  return "bad";
}
