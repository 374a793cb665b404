import { describe, expect, it } from "vitest";
import { parseAmountPence } from "../../loaders/parse-amount.js";

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
  ])("reads %s as %d pence", (raw, pence) => {
    expect(parseAmountPence(raw)).toBe(pence);
  });

  it.each(["", "TBC", "12,34,5", "1.2.3", "£", "1,23", "12e3", "--5", "()"])("refuses %j", (raw) => {
    expect(parseAmountPence(raw)).toBeNull();
  });
});
