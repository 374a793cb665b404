// The amount SQL parses when a spend CSV is staged (loaders/spend/staged-amount.ts) must be parseAmountPence's to the
// penny, for every form it reads, and must leave every other form to the row-by-row reader: among them a bare run of
// eight digits or more, which may be an identifier in a shifted line. The amounts are generated here from a seed.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { parseAmountPence } from "../../loaders/cells/parse-amount.js";
import { stagedAmountColumn } from "../../loaders/spend/staged-amount.js";
import { pick, seededRandom } from "../../scripts/seeded-random.js";

/** The forms SQL reads, as first specified (an independent statement of the rule): sign or £ or brackets, pounds, pence. */
const POUNDS = String.raw`(\d{1,3}(,\d{3}){1,3}|\d{1,13})(\.\d{1,2})?`;
const SQL_READS = new RegExp(String.raw`^(-?£?${POUNDS}|\(£?${POUNDS}\))$`);
const MAYBE_IDENTIFIER = /^\d{8,}$/;

/** Amount-like texts: digits of every length, commas in and out of place, pence of 0–3 digits, signs, £, brackets, stray characters. */
function amounts(count: number): string[] {
  const random = seededRandom(20261203);
  const digits = (length: number) => Array.from({ length }, (_, index) => (index === 0 && random() < 0.9 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10))).join("");
  const texts = new Set<string>();
  while (texts.size < count) {
    let pounds = digits(1 + Math.floor(random() * 16));
    if (random() < 0.3) pounds = pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    else if (random() < 0.05) pounds = pounds.replace(/(\d)(\d)/, "$1,$2");
    let text = pounds + (random() < 0.5 ? `.${digits(Math.floor(random() * 4))}` : "");
    const prefix = pick(random, ["", "", "", "-", "£", "-£", "£-", "(", "(£", "+", " "]);
    text = prefix + text + (prefix.startsWith("(") ? pick(random, [")", ")", ""]) : pick(random, ["", "", "", "", " CR", ")", "x"]));
    texts.add(text);
  }
  return [...texts, "", "0", "00000000", "1234567", "12345678", "9999999999999", "99999999999999", "12345678.00", "-12345678", "(12345678)", "£12,345,678"];
}

describe("the amount SQL parses from a staged cell", () => {
  it("is parseAmountPence's for every form SQL reads, and leaves every other form (eight digits alone among them) to it", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const texts = amounts(20_000);
      await connection.run("CREATE TABLE cells (line INTEGER, c VARCHAR)");
      const appender = await connection.createAppender("cells");
      texts.forEach((text, line) => {
        appender.appendInteger(line);
        appender.appendVarchar(text);
        appender.endRow();
      });
      appender.closeSync();
      const reader = await connection.runAndReadAll(`SELECT line, (amount_sql * 100)::BIGINT::VARCHAR AS pence FROM (SELECT line, ${stagedAmountColumn("c")} FROM cells) ORDER BY line`);
      const pence = reader.getRowObjects().map((row) => row.pence as string | null);
      let read = 0;
      texts.forEach((text, line) => {
        const expected = SQL_READS.test(text) && !MAYBE_IDENTIFIER.test(text) ? String(parseAmountPence(text)) : null;
        expect({ text, pence: pence[line] }).toEqual({ text, pence: expected });
        if (expected !== null) read++;
      });
      // Both sides of the rule are exercised: thousands of forms SQL reads, thousands it leaves, hundreds of identifiers.
      expect(read).toBeGreaterThan(3_000);
      expect(texts.length - read).toBeGreaterThan(3_000);
      expect(texts.filter((text) => MAYBE_IDENTIFIER.test(text) && text.length <= 13).length).toBeGreaterThan(300);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("is NULL in a file with no amount column", () => {
    expect(stagedAmountColumn(null)).toBe("NULL::DECIMAL(18, 2) AS amount_sql");
  });
});
