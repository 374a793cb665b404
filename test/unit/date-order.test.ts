// One order per date column (loaders/cells/date-order.ts), and what settles a column of ambiguous dates: a
// Month or period column (loaders/schema/month-column.ts), the file name's month or year and month
// (loaders/schema/period-from-name.ts), mapping.json's dateOrder, else UK order. Expected values by hand.
import { describe, expect, it } from "vitest";
import { decideDateOrder } from "../../loaders/cells/date-order.js";
import { monthColumnOf, monthOfCell } from "../../loaders/schema/month-column.js";
import { periodFromName } from "../../loaders/schema/period-from-name.js";

const none = { namedPeriod: null, statedOrder: null };

describe("decideDateOrder", () => {
  it("is settled by a value whose first or second number is over 12", () => {
    expect(decideDateOrder(["30/04/2020", "01/04/2020"], none).order).toBe("dmy");
    expect(decideDateOrder(["4/30/2020", "4/1/2020"], none).order).toBe("mdy");
  });

  it("settles ambiguous dates by each line's month from a Month or period column, before the file name's month", () => {
    const month = monthColumnOf(["Date", "Supplier", "Amount", "Month"], { date: 0, supplier: 1, amount: 2 })!;
    // 07/01 and 07/02 on lines of July: month first. The file's name says January (it would read them day first).
    const choice = decideDateOrder(["07/01/2020", "07/02/2020"], { namedPeriod: { month: 1, year: 2020 }, statedOrder: null, rowMonths: { column: month, pairs: [["07/01/2020", "Jul-20"], ["07/02/2020", "July 2020"]] } });
    expect(choice.order).toBe("mdy");
    expect(choice.reason).toContain(`2 of 2 distinct date and month pairs fall in their line's month, as the "Month" column gives it`);
    // Lines of February: 07/02/2020 read day first is 7 February.
    expect(decideDateOrder(["07/02/2020"], { ...none, rowMonths: { column: month, pairs: [["07/02/2020", "2020-02"]] } }).order).toBe("dmy");
  });

  it("falls back to the file name's month, then mapping.json's dateOrder, then UK order", () => {
    expect(decideDateOrder(["07/01/2020"], { namedPeriod: { month: 7, year: null }, statedOrder: null }).order).toBe("mdy");
    expect(decideDateOrder(["07/01/2020"], { namedPeriod: null, statedOrder: "mdy" }).reason).toContain('mapping.json says dateOrder "mdy"');
    expect(decideDateOrder(["07/01/2020"], none)).toEqual({ order: "dmy", reason: "day first (UK order): every date is ambiguous and nothing else says which order" });
  });
});

describe("month columns", () => {
  it("finds one column naming the line's month, not a year, a date or a mapped field", () => {
    expect(monthColumnOf(["Financial Year", "Financial Period", "Date"], { date: 2 })).toMatchObject({ index: 1, financial: true });
    expect(monthColumnOf(["Period End Date", "Supplier"], {})).toBeNull();
    expect(monthColumnOf(["Month", "Period"], {})).toBeNull();
  });

  it("reads months as written, and numbered periods as the UK financial year's (1 = April)", () => {
    const calendar = { index: 0, heading: "Month", financial: false };
    const financial = { index: 0, heading: "Financial Period", financial: true };
    expect(["July", "Jul-20", "JUL 2020", "2020-07", "07/2020", "7"].map((cell) => monthOfCell(cell, calendar))).toEqual([7, 7, 7, 7, 7, 7]);
    expect(["1", "4", "9", "10", "12", "P04"].map((cell) => monthOfCell(cell, financial))).toEqual([4, 7, 12, 1, 3, 7]);
    expect(["", "13", "TBC"].map((cell) => monthOfCell(cell, calendar))).toEqual([null, null, null]);
  });
});

describe("periodFromName", () => {
  it("reads YYYY-MM, a month's name with a year, or a month's name alone", () => {
    expect(periodFromName("council/2011-01-payments.csv")).toEqual({ year: 2011, month: 1 });
    expect(periodFromName("april-2024.csv")).toEqual({ year: 2024, month: 4 });
    expect(periodFromName("spend_2024_04.csv")).toEqual({ year: 2024, month: 4 });
    expect(periodFromName("EPSH 04 - July.csv")).toEqual({ year: null, month: 7 });
    expect(periodFromName("payments.csv")).toBeNull();
  });
});
