/** What an amount looks like when published, for error messages. */
export const AMOUNT_EXPECTED = "expected e.g. 1234.56, £1,234.56, -1234.5, (1,234.56) or 1234.56 CR";

const AMOUNT_PATTERN = /^(?<sign>[-+])?£?(?<digits>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?<pence>\d+))?$/;

/**
 * Parses a published amount into whole pence, or returns null when it is not an amount.
 * Accepts `£1,234.56`, `1234.5`, `-1234.50`, `(1,234.56)` and `1234.56 CR` (credits are negative).
 * Fractions of a penny are rounded half away from zero, as finance systems print them.
 */
export function parseAmountPence(raw: string): number | null {
  let text = raw.trim().replace(/\s+/g, "");
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (/CR$/i.test(text)) {
    negative = !negative;
    text = text.slice(0, -2);
  }
  if (text.startsWith("£-") || text.startsWith("-£")) {
    negative = !negative;
    text = text.slice(2);
  }
  const match = AMOUNT_PATTERN.exec(text);
  if (!match?.groups) return null;
  const { sign, digits, pence } = match.groups;
  if (digits === undefined && pence === undefined) return null;
  if (sign === "-") negative = !negative;
  // Rounded on the digits as written, never through a binary fraction (0.285 is 0.28499… as a double).
  const pennies = `${pence ?? ""}00`;
  const roundUp = pennies.length > 2 && pennies[2]! >= "5";
  const exact = BigInt(`${(digits ?? "0").replaceAll(",", "")}${pennies.slice(0, 2)}`) + (roundUp ? 1n : 0n);
  if (exact > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const total = Number(exact);
  return negative && total !== 0 ? -total : total;
}
