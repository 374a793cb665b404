import { describe, expect, it } from "vitest";
import { isRedactedPayee, supplierId, supplierNameKey } from "../../loaders/normalise-supplier-name.js";
import { normalisePostcode } from "../../geo/postcode-parts.js";

describe("supplierNameKey", () => {
  it("matches spellings of one company", () => {
    const spellings = ["Acme & Sons Ltd.", "ACME AND SONS LIMITED", "acme and sons ltd", "The Acme and Sons Ltd"];
    expect(new Set(spellings.map(supplierNameKey))).toEqual(new Set(["ACME AND SONS LTD"]));
  });

  it("keys a sole trader by the trading name after T/A", () => {
    expect(supplierNameKey("MR G SINGH T/A G S BUILDERS")).toBe("G S BUILDERS");
    expect(supplierNameKey("J Smith t/a Smith & Sons Ltd")).toBe(supplierNameKey("Smith and Sons Limited"));
  });

  it("keeps different companies apart", () => {
    expect(supplierNameKey("Acme Ltd")).not.toBe(supplierNameKey("Acme PLC"));
  });

  it("derives a stable id from the key", () => {
    expect(supplierId("ACME LTD")).toBe(supplierId("ACME LTD"));
    expect(supplierId("ACME LTD")).toMatch(/^s-[0-9a-f]{12}$/);
    expect(supplierId("ACME LTD")).not.toBe(supplierId("ACME PLC"));
  });
});

describe("isRedactedPayee", () => {
  it.each(["REDACTED", "Redacted - personal data", "Personal Data", "REDACTED PERSONAL DATA"])("marks %j", (name) => {
    expect(isRedactedPayee(name)).toBe(true);
  });
  it("leaves ordinary names", () => {
    expect(isRedactedPayee("Redbridge Catering Ltd")).toBe(false);
  });
});

describe("normalisePostcode", () => {
  it.each([
    ["e1 8de", "E1 8DE"],
    ["E18DE", "E1 8DE"],
    [" wc1a 1aa ", "WC1A 1AA"],
    ["MK45 2FN", "MK45 2FN"],
  ])("normalises %j to %j", (raw, postcode) => {
    expect(normalisePostcode(raw)).toBe(postcode);
  });
  it.each(["", "E1", "12345", "E1 8D", "1E 8DE", "E1 8DEX"])("refuses %j", (raw) => {
    expect(normalisePostcode(raw)).toBeNull();
  });
});
