import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isRedactedPayee, supplierId, supplierNameKey } from "../../loaders/schema/normalise-supplier-name.js";
import { normalisePostcode } from "../../geo/postcode-parts.js";
import { pick, seededRandom } from "../../scripts/seeded-random.js";

/** The key as it was computed before other scripts were kept: what plain A–Z and 0–9 names must still key as (keys are stored). */
function asciiKeyBefore(name: string): string {
  const tradingAs = /\bT\s*\/\s*A\b\s*(.+)$/i.exec(name);
  return (tradingAs ? tradingAs[1]! : name).toUpperCase().replace(/&/g, " AND ").replace(/[^A-Z0-9 ]+/g, " ")
    .replace(/\bPUBLIC LIMITED COMPANY\b/g, "PLC").replace(/\bLIMITED\b/g, "LTD").replace(/\bTHE\b/g, " ").replace(/\s+/g, " ").trim();
}

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

  it("keys names in other scripts by their letters and digits", () => {
    expect(supplierNameKey("Ελληνική Τεχνική Α.Ε.")).toBe("ΕΛΛΗΝΙΚΗ ΤΕΧΝΙΚΗ Α Ε");
    expect(supplierNameKey("北京建筑有限公司")).toBe("北京建筑有限公司");
    expect(supplierNameKey("ООО «Ромашка» Limited")).toBe("ООО РОМАШКА LTD");
    expect(supplierNameKey("Ελληνική Τεχνική")).toBe(supplierNameKey("ΕΛΛΗΝΙΚΗ ΤΕΧΝΙΚΗ"));
    expect(supplierNameKey("Ελληνική")).not.toBe(supplierNameKey("北京"));
  });

  it("drops accents and folds compatibility forms", () => {
    expect(supplierNameKey("Café Crème Ltd")).toBe("CAFE CREME LTD");
    expect(supplierNameKey("ＡＣＭＥ Ｌｔｄ")).toBe("ACME LTD");
    expect(supplierNameKey("Oﬃce Supplies")).toBe("OFFICE SUPPLIES");
  });

  it("keys LIMITED and THE as whole words only, next to letters of any script", () => {
    expect(supplierNameKey("THEΑ LIMITEDΒ")).toBe("THEΑ LIMITEDΒ");
    expect(supplierNameKey("The the Limited, Limited Public Limited Company public limited company")).toBe("LTD LTD PLC PLC");
    expect(supplierNameKey("Public Limited Companies Ltd")).toBe("PUBLIC LTD COMPANIES LTD");
  });

  it("keys names in plain A–Z and 0–9 exactly as before (seeded random names)", () => {
    const random = seededRandom(20240401);
    const parts = ["Acme", "the", "THE", "Ltd.", "Limited", "LIMITED", "Public Limited Company", "plc", "&", "and", "T/A", "t / a", "Sons", "(UK)", "-", "'", "42", "A1", "  ", ",", ".", "_", "Co", "THEATRE"];
    for (let i = 0; i < 2_000; i++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(random, parts)).join(random() < 0.5 ? " " : "");
      expect(supplierNameKey(name), name).toBe(asciiKeyBefore(name));
    }
    for (let i = 0; i < 2_000; i++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 30) }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join("");
      expect(supplierNameKey(name), name).toBe(asciiKeyBefore(name));
    }
  });

  it("derives a stable id from the key", () => {
    expect(supplierId("ACME LTD")).toBe(supplierId("ACME LTD"));
    expect(supplierId("ACME LTD")).toMatch(/^s-[0-9a-f]{12}$/);
    expect(supplierId("ACME LTD")).not.toBe(supplierId("ACME PLC"));
  });

  it("keeps the ids stored before: the first 12 hex digits of the key's SHA-256, for every script", () => {
    // Worked out here by a Hash object, as supplierId did before it used the one-shot hash.
    for (const key of ["ACME LTD", "", "CAFE ΑΘΗΝΑ 北京 LTD", "J SMITH", "\u{1F600}"]) {
      expect(supplierId(key)).toBe(`s-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`);
    }
    // SHA-256 of "ACME LTD" (sha256sum), fixed: an id stored in a warehouse must never change.
    expect(supplierId("ACME LTD")).toBe("s-583722f34481");
  });
});

describe("isRedactedPayee", () => {
  it.each(["REDACTED", "Redacted - personal data", "Personal Data", "REDACTED PERSONAL DATA",
    // The variants the second reliability round found passing (issue 18, point 3).
    "REDACTED_PERSONAL_DATA", "PERSONAL  DATA", "Personal\u00A0Data", "Personal-Data", "PersonalData", "PERSONALDATA", "Redacted1",
    "Private Individual", "Personal Information", "REDACTED - personal data Wendy Contract", "Ｒｅｄａｃｔｅｄ"])("marks %j", (name) => {
    expect(isRedactedPayee(name)).toBe(true);
  });
  it("leaves ordinary names", () => {
    expect(isRedactedPayee("Redbridge Catering Ltd")).toBe(false);
    for (const name of ["Personal Care Services Ltd", "Redwood Data Ltd", "Private Healthcare Ltd", "Withers LLP", "RedactaPrint Ltd", "PRIVACY & DATA PROTECTION LTD", "Personal Data Solutions Limited"]) expect(isRedactedPayee(name), name).toBe(false);
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
