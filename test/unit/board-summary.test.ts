// The board pack's summary paragraph (pages/components/board-summary.js), on figures written out by hand.
import { describe, expect, it } from "vitest";
import { boardSummary } from "../../pages/components/board-summary.js";

const institution = { name: "Demo London Borough Council" };
const period = { label: "Financial year 2024/25 (April 2024 to March 2025)" };
const total = { spend: 1_234_567, localShare: 0.6, smeShare: 0.25, vcseShare: 0.1, deprivedShare: 0.125, unlocatedShare: 0.02 };

describe("boardSummary", () => {
  it("says the figures and the change of the local share in percentage points", () => {
    const comparisons = [{ period: { label: "Financial year 2023/24 (April 2023 to March 2024)" }, figures: { localShare: 0.588 }, name: "the previous period" }];
    expect(boardSummary({ institution, period, definition: { name: "Our borough" }, total, comparisons })).toBe(
      "In financial year 2024/25 (April 2024 to March 2025), Demo London Borough Council spent £1,234,567 in published payments; "
      + "60% of it went to local suppliers under “Our borough”, up 1.2 percentage points on Financial year 2023/24 (April 2023 to March 2024) (58.8%). "
      + "25% went to small and medium-sized enterprises, 10% to voluntary, community and social enterprises, and 12.5% to suppliers registered in "
      + "England's 20% most deprived areas; 2% went to suppliers whose address could not be placed, counted neither as local nor as not local.",
    );
  });

  it("says when nothing earlier is loaded, and leaves local figures out with no definition", () => {
    expect(boardSummary({ institution, period, definition: { name: "Our borough" }, total, comparisons: [] })).toContain("with no earlier period of the same length loaded to compare with");
    const none = boardSummary({ institution, period, definition: null, total, comparisons: [] });
    expect(none).not.toMatch(/local suppliers|could not be placed/);
    expect(boardSummary({ institution, period, definition: null, total: undefined, comparisons: [] })).toBe("No spend is loaded for Demo London Borough Council in Financial year 2024/25 (April 2024 to March 2025).");
  });
});
