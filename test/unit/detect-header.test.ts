import { describe, expect, it } from "vitest";
import { SPEND_FIELDS, matchHeader } from "../../loaders/schema/column-synonyms.js";
import { detectHeader } from "../../loaders/schema/detect-header.js";

describe("detectHeader", () => {
  it("skips title lines above the heading row", () => {
    const rows = [["Expenditure over £25,000 - April 2024"], [""], ["Department Family", "Entity", "Date", "Supplier", "Amount"], ["DH", "X", "01/04/2024", "A Ltd", "1"]];
    const header = detectHeader(rows, SPEND_FIELDS);
    expect(header?.headerIndex).toBe(2);
    expect(header?.columns).toMatchObject({ date: 2, supplier: 3, amount: 4 });
  });

  it("maps other publishers' headings by meaning", () => {
    const match = matchHeader(["Vendor Name", "Clearing Date", "Amount (£)", "Expenses Type"], SPEND_FIELDS);
    expect(match.missing).toEqual([]);
    expect(match.columns).toMatchObject({ supplier: 0, date: 1, amount: 2, expense_type: 3 });
  });

  it("says which required fields are missing", () => {
    expect(matchHeader(["Supplier", "Description"], SPEND_FIELDS).missing).toEqual(["date", "amount"]);
    expect(detectHeader([["Supplier", "Description"]], SPEND_FIELDS)).toBeNull();
  });
});
