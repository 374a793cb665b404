import { describe, expect, it } from "vitest";
import { printableExcerpt } from "../../src/core/printable-excerpt.js";

describe("printableExcerpt", () => {
  it("leaves short printable text as it is, in any script", () => {
    expect(printableExcerpt("Date, Supplier, £1,234.56 — Ελληνικά 東京", 100)).toBe("Date, Supplier, £1,234.56 — Ελληνικά 東京");
  });

  it("turns line breaks and tabs into spaces", () => {
    expect(printableExcerpt("a\tb\r\nc\u2028d", 100)).toBe("a b c d");
  });

  it("replaces control characters (C0, DEL, C1) with one mark per run, so terminal escapes are inert", () => {
    expect(printableExcerpt("\u001b]0;pwned\u0007\u001b[2Jx\u007f\u0085\u009b", 100)).toBe("\uFFFD]0;pwned\uFFFD[2Jx\uFFFD \uFFFD");
    expect(printableExcerpt("\u0000\u0001\u0002abc", 100)).toBe("\uFFFDabc");
  });

  it("drops invisible formatting: zero-width characters, bidi controls, the byte-order mark, soft hyphens", () => {
    expect(printableExcerpt("\uFEFFad\u200bmin\u202Egnp.exe\u2066\u00ad", 100)).toBe("admingnp.exe");
  });

  it("replaces a lone surrogate", () => {
    expect(printableExcerpt("a\uD800b\uDC00c", 100)).toBe("a\uFFFDb\uFFFDc");
  });

  it("cuts long text to the limit, ending in an ellipsis, without splitting a character", () => {
    expect(printableExcerpt("z".repeat(10_000_000), 20)).toBe(`${"z".repeat(19)}…`);
    const excerpt = printableExcerpt("😀".repeat(50), 10);
    expect([...excerpt]).toHaveLength(10);
    expect(excerpt).toBe(`${"😀".repeat(9)}…`);
    expect(printableExcerpt("exactly ten", 11)).toBe("exactly ten");
  });
});
