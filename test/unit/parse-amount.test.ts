import { describe, expect, it } from "vitest";
import { parseAmountPence } from "../../loaders/cells/parse-amount.js";

describe("parseAmountPence", () => {
  it.each([
    ["1234.56", 123456],
    ["£1,234.56", 123456],
    ["-1234.5", -123450],
    ["(1,234.56)", -123456],
    ["1234.56 CR", -123456],
    ["  25000 ", 2500000],
    ["£-12.00", -1200],
    [".5", 50],
    ["1,234,567.891", 123456789],
    ["0", 0],
    // Half pennies round away from zero on the digits written (0.285 × 100 is 28.4999… as a double).
    ["0.285", 29],
    ["1234.565", 123457],
    ["-0.285", -29],
    ["1.005", 101],
    ["0.0049", 0],
    // The largest amount within 2^53 pence, exactly; one penny more is refused, never rounded.
    ["90071992547409.91", 9007199254740991],
  ])("reads %s as %d pence", (raw, pence) => {
    expect(parseAmountPence(raw)).toBe(pence);
  });

  it.each(["", "TBC", "12,34,5", "1.2.3", "£", "1,23", "12e3", "--5", "()", "90071992547409.92"])("refuses %j", (raw) => {
    expect(parseAmountPence(raw)).toBeNull();
  });
});
