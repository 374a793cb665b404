// The periods the site offers, worked out by hand for months of spend with a gap.
import { describe, expect, it } from "vitest";
import { monthRangeLabel, spendPeriodsOf } from "../../src/model/spend-periods.js";

const months = (from: string, count: number) => Array.from({ length: count }, (_, i) => {
  const index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
});

describe("spend periods", () => {
  it("offers financial years, quarters and months, each with the period before and a year earlier of the same length", () => {
    const periods = spendPeriodsOf("T", months("2023-04", 24));
    const byId = new Map(periods.map((p) => [p.id, p]));
    expect(periods.filter((p) => p.kind === "year").map((p) => [p.id, p.from, p.to, p.previous, p.whole])).toEqual([
      ["2023/24", "2023-04", "2024-03", null, false],
      ["2024/25", "2024-04", "2025-03", "2023/24", false],
    ]);
    expect(periods.filter((p) => p.kind === "quarter")).toHaveLength(8);
    expect(periods.filter((p) => p.kind === "month")).toHaveLength(24);
    expect(byId.get("2024/25 Q1")).toMatchObject({ from: "2024-04", to: "2024-06", previous: "2023/24 Q4", yearEarlier: "2023/24 Q1", label: "April to June 2024 (2024/25 Q1)" });
    expect(byId.get("2024-01")).toMatchObject({ previous: "2023-12", yearEarlier: null, label: "January 2024" });
    expect(byId.get("2025-01")).toMatchObject({ previous: "2024-12", yearEarlier: "2024-01" });
    expect(byId.get("all")).toMatchObject({ from: "2023-04", to: "2025-03", months: 24, whole: true, label: "All months loaded (April 2023 to March 2025)" });
  });

  it("compares only periods holding as many months of spend, and marks the year that is all of it as whole", () => {
    const loaded = months("2024-04", 12).filter((m) => m !== "2024-08");
    const periods = spendPeriodsOf("T", [...loaded, "2024-05"]);
    const byId = new Map(periods.map((p) => [p.id, p]));
    expect(byId.get("2024/25")).toMatchObject({ monthsLoaded: 11, months: 12, whole: true });
    expect(byId.has("all")).toBe(false);
    expect(byId.get("2024/25 Q2")).toMatchObject({ monthsLoaded: 2, previous: null });
    expect(byId.get("2024/25 Q3")).toMatchObject({ monthsLoaded: 3, previous: null });
    expect(byId.get("2024/25 Q4")).toMatchObject({ previous: "2024/25 Q3" });
    expect(byId.has("2024-08")).toBe(false);
    expect(byId.get("2024-09")).toMatchObject({ previous: null });
  });

  it("names month ranges in words", () => {
    expect(monthRangeLabel("2024-04", "2024-04")).toBe("April 2024");
    expect(monthRangeLabel("2024-04", "2024-06")).toBe("April to June 2024");
    expect(monthRangeLabel("2024-04", "2025-03")).toBe("April 2024 to March 2025");
  });
});
