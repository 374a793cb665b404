import { describe, expect, it } from "vitest";
import { epochDays, parseDate } from "../../loaders/cells/parse-date.js";

describe("parseDate", () => {
  it.each([
    ["2024-04-01", "2024-04-01"],
    ["01/04/2024", "2024-04-01"],
    ["1/4/24", "2024-04-01"],
    ["1-Apr-24", "2024-04-01"],
    ["01-APR-2024", "2024-04-01"],
    ["30 June 2024", "2024-06-30"],
    ["2024-04-01 00:00:00", "2024-04-01"],
    ["29/02/2024", "2024-02-29"],
    ["April 2023", "2023-04-01"],
    ["Sept 2023", "2023-09-01"],
    ["Apr-23", "2023-04-01"],
    ["45017", "2023-04-01"],
    ["45383.5", "2024-04-01"],
    ["20240401", "2024-04-01"],
  ])("reads %s as %s", (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it.each(["", "31/02/2024", "2024-13-01", "32/01/2024", "soon", "01-Foo-2024", "29/02/2023", "Aprilx 2023", "12345", "99999"])("refuses %j", (raw) => {
    expect(parseDate(raw)).toBeNull();
  });

  it("counts days from 1970-01-01 as DuckDB stores dates", () => {
    expect(epochDays("1970-01-02")).toBe(1);
    expect(epochDays("2024-04-01")).toBe(19814);
  });
});
