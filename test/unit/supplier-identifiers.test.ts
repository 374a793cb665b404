import { describe, expect, it } from "vitest";
import { identifierKey, normaliseCharityNumber, normaliseCompanyNumber, normaliseIdentifier, normalisePpon, normaliseVatNumber } from "../../loaders/schema/supplier-identifiers.js";

// Expected forms written by hand from the registers' own layouts (shared/reference/layouts/README.md: Companies
// House numbers are 8 characters, zero-padded, with register prefixes; council files often drop the padding).
describe("company numbers", () => {
  it.each([
    ["7687209", "07687209"],
    ["07687209", "07687209"],
    [" 0768 7209 ", "07687209"],
    ["GB-COH-7687209", "07687209"],
    ["sc123456", "SC123456"],
    ["SC 12345", "SC012345"],
    ["ni-604321", "NI604321"],
    ["OC301234", "OC301234"],
    ["oc1234", "OC001234"],
    ["R0000123", null], // "R" with 7 digits is not a form the register uses
    ["123456789", null],
    ["00000000", null],
    ["", null],
    ["N/A", null],
    ["XX123456", null],
    ["+1+1", null], // a formula in a register cell is not company 00000011
    ['=HYPERLINK("x")', null],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseCompanyNumber(raw)).toBe(expected);
  });
});

describe("charity numbers", () => {
  it.each([
    ["1123456", { scheme: "GB-CHC", id: "1123456" }],
    ["01123456", { scheme: "GB-CHC", id: "1123456" }],
    ["212345", { scheme: "GB-CHC", id: "212345" }],
    ["1123456-1", { scheme: "GB-CHC", id: "1123456-1" }],
    ["1123456-0", { scheme: "GB-CHC", id: "1123456" }],
    ["GB-CHC-1123456", { scheme: "GB-CHC", id: "1123456" }],
    ["sc 012345", { scheme: "GB-SC", id: "SC012345" }],
    ["NIC100123", { scheme: "GB-NIC", id: "NIC100123" }],
    ["12345", null],
    ["charity", null],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseCharityNumber(raw)).toEqual(expected);
  });
});

describe("PPONs and identifiers with a scheme", () => {
  it("writes a PPON in its four groups, from any spacing or case", () => {
    expect(normalisePpon("pabc-1234-defg")).toBe("PABC-1234-DEFG");
    expect(normalisePpon("GB-PPON-PABC1234DEFG")).toBe("PABC-1234-DEFG");
    expect(normalisePpon("ABCD-1234-EFGH")).toBeNull();
    expect(normalisePpon("P12")).toBeNull();
  });

  it("normalises by the scheme the notice names, and refuses ids of the wrong form or unknown schemes", () => {
    expect(normaliseIdentifier("GB-COH", "1234567")).toEqual({ scheme: "GB-COH", id: "01234567" });
    expect(normaliseIdentifier("gb-chc", "0212345")).toEqual({ scheme: "GB-CHC", id: "212345" });
    expect(normaliseIdentifier("GB-PPON", "PQRS-5678-TUVW")).toEqual({ scheme: "GB-PPON", id: "PQRS-5678-TUVW" });
    expect(normaliseIdentifier("GB-CHC", "SC012345")).toBeNull(); // a Scottish charity is GB-SC, not GB-CHC
    expect(normaliseIdentifier("GB-COH", "not a number")).toBeNull();
    expect(normaliseIdentifier("GB-VAT", "123456789")).toBeNull();
    expect(identifierKey({ scheme: "GB-COH", id: "01234567" })).toBe("GB-COH-01234567");
  });
});

describe("VAT registration numbers", () => {
  // Check digits worked by hand: 8·9+7·9+…+2·9 = 315, + 73 = 388 = 4·97 (HMRC's example GB 999 9999 73);
  // 8·1+7·2+6·3+5·4+4·5+3·6+2·7 = 112, + 82 = 194 = 2·97; + 27 + 55 = 194 (the method of numbers issued since 2010).
  it("keeps 9 digits with valid check digits, from any spacing, with or without GB / XI", () => {
    expect(normaliseVatNumber("GB 999 9999 73")).toBe("999999973");
    expect(normaliseVatNumber("gb999999973")).toBe("999999973");
    expect(normaliseVatNumber("XI 123 4567 82")).toBe("123456782");
    expect(normaliseVatNumber("123456727")).toBe("123456727");
    expect(normaliseVatNumber("GB-VAT-123456782")).toBe("123456782");
  });
  it("keeps a branch's 12 digits and government and health authority numbers", () => {
    expect(normaliseVatNumber("GB 999 9999 73 001")).toBe("999999973001");
    expect(normaliseVatNumber("GBGD001")).toBe("GD001");
    expect(normaliseVatNumber("HA599")).toBe("HA599");
  });
  it("refuses wrong check digits, wrong lengths and words", () => {
    for (const raw of ["123456789", "99999997", "GB 999 9999 74", "GD500", "HA499", "N/A", "Exempt", "", "=1+1"]) expect(normaliseVatNumber(raw), raw).toBeNull();
  });
});
