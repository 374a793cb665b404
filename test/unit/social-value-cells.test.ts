import { describe, expect, it } from "vitest";
import { parseReportingPeriod } from "../../loaders/social-value/parse-reporting-period.js";
import { expectedPeriods } from "../../src/model/reporting-periods.js";
import { parseCodeList, parseCount, parseEngagementKind, parseQuantity, parseQuestionPriorities, parseShare } from "../../loaders/social-value/parse-social-value-cells.js";

const value = <T>(parsed: { ok: true; value: T } | { ok: false; reason: string }) => (parsed.ok ? parsed.value : `bad: ${parsed.reason}`);

describe("reporting periods", () => {
  it.each([
    ["2024/25 Q1", "2024/25 Q1", "2024-04-01", "2024-06-30"],
    ["2024-25 Q3", "2024/25 Q3", "2024-10-01", "2024-12-31"],
    ["Q4 2024/25", "2024/25 Q4", "2025-01-01", "2025-03-31"],
    ["FY24/25 Q2", "2024/25 Q2", "2024-07-01", "2024-09-30"],
    ["2024-04", "2024-04", "2024-04-01", "2024-04-30"],
    ["February 2024", "2024-02", "2024-02-01", "2024-02-29"],
    ["Feb-25", "2025-02", "2025-02-01", "2025-02-28"],
    ["2024/25", "2024/25", "2024-04-01", "2025-03-31"],
    ["01/04/2024 to 30/06/2024", "2024-04-01 to 2024-06-30", "2024-04-01", "2024-06-30"],
  ])("reads %s", (raw, label, start, end) => {
    expect(parseReportingPeriod(raw)).toEqual({ ok: true, value: { label, start, end } });
  });

  it("refuses a bare calendar-or-financial quarter and what is not a period, saying what it expects", () => {
    expect(value(parseReportingPeriod("2024 Q1"))).toMatch(/ambiguous.*2024\/25 Q1/);
    expect(value(parseReportingPeriod("Q5 2024/25"))).toMatch(/not a reporting period \(expected a UK financial quarter/);
    expect(value(parseReportingPeriod("2024/26"))).toMatch(/not a reporting period/);
    expect(value(parseReportingPeriod(""))).toMatch(/empty/);
  });

  it("lists the periods a contract expects returns for, up to the as-of date", () => {
    expect(expectedPeriods("2024-05-15", "2025-12-31", "quarterly", "2025-03-31").map((p) => p.label))
      .toEqual(["2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4"]);
    expect(expectedPeriods("2024-04-01", "2024-08-31", "quarterly", "2025-03-31").map((p) => p.label)).toEqual(["2024/25 Q1", "2024/25 Q2"]);
    expect(expectedPeriods("2024-11-10", "2026-01-01", "monthly", "2025-02-27").map((p) => p.label)).toEqual(["2024-11", "2024-12", "2025-01"]);
    expect(expectedPeriods("2023-06-01", "2026-01-01", "annual", "2025-03-31").map((p) => p.label)).toEqual(["2023/24", "2024/25"]);
    expect(expectedPeriods("2024-04-01", "2026-01-01", "none", "2025-03-31")).toEqual([]);
  });
});

describe("cells", () => {
  it("reads quantities, refusing negatives and words", () => {
    expect([parseQuantity("12"), parseQuantity("1,250.5"), parseQuantity("£3,000"), parseQuantity("")].map(value)).toEqual([12, 1250.5, 3000, null]);
    expect(value(parseQuantity("-4"))).toMatch(/negative/);
    expect(value(parseQuantity("TBC"))).toMatch(/"TBC" is not a quantity/);
    expect(value(parseCount("3.5"))).toMatch(/whole number/);
  });

  it("reads shares as fractions: percentages with or without %, fractions below 1, and refuses a bare 1", () => {
    expect([parseShare("12.5%"), parseShare("40"), parseShare("0.35"), parseShare("100%"), parseShare("")].map(value)).toEqual([0.125, 0.4, 0.35, 1, null]);
    expect(value(parseShare("1"))).toMatch(/ambiguous/);
    expect(value(parseShare("150%"))).toMatch(/more than 100%/);
    expect(value(parseShare("half"))).toMatch(/not a percentage/);
  });

  it("reads code lists and which priorities each question serves", () => {
    expect(parseCodeList("Q1; Q2, Q3 | Q1")).toEqual(["Q1", "Q2", "Q3"]);
    expect(value(parseQuestionPriorities("Q1: P1, P2; Q3 = P3\nQ4:"))).toEqual(new Map([["Q1", ["P1", "P2"]], ["Q3", ["P3"]], ["Q4", []]]));
    expect(value(parseQuestionPriorities("Q1 P1"))).toMatch(/does not say which question serves which priorities/);
  });

  it("reads the four kinds of engagement as people write them", () => {
    expect(["Market engagement event", "supplier briefing", "Service-user panel", "Co-design session", "codesign workshop"].map((k) => value(parseEngagementKind(k))))
      .toEqual(["market-engagement-event", "supplier-briefing", "service-user-panel", "co-design-session", "co-design-session"]);
    expect(value(parseEngagementKind("webinar"))).toMatch(/not a kind of engagement/);
  });
});
