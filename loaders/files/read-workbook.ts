import type * as XLSX from "@e965/xlsx";
import { readFile } from "node:fs/promises";
import * as zlib from "node:zlib";
import { InputError } from "../../src/core/errors.js";

export interface SheetRows {
  sheet: string;
  /** rows[i] is the sheet's row i + 1, as text. */
  rows: string[][];
}

/** The workbook formats read: Excel 2007+ (.xlsx, .xlsm), Excel 97–2003 (.xls) and OpenDocument (.ods). */
export const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm", ".xls", ".ods"];

type Cell = XLSX.CellObject;
/** SheetJS's number formats (SSF), from the module loaded by readWorkbookSheets. */
type Formats = typeof XLSX.SSF;

/** The ISO day of an Excel serial day, on the workbook's date system (1900 or 1904), free of any time zone. */
function serialDay(ssf: Formats, serial: number, date1904: boolean): string {
  const code = ssf.parse_date_code(serial, { date1904 });
  return `${String(code.y).padStart(4, "0")}-${String(code.m).padStart(2, "0")}-${String(code.d).padStart(2, "0")}`;
}

/**
 * A cell as text: a number formatted as a date as its ISO day (`2024-04-01`), any other number as its
 * value (`1219077.21`, never the displayed `1,219,077.21 `), an error as Excel shows it (`#N/A`), text trimmed.
 */
function cellText(ssf: Formats, cell: Cell | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return cell?.t === "e" ? (cell.w ?? "") : "";
  switch (cell.t) {
    case "n":
      return typeof cell.z === "string" && ssf.is_date(cell.z) ? serialDay(ssf, cell.v as number, date1904) : String(cell.v);
    case "d":
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v.toISOString().slice(0, 10) : "";
    case "e":
      return cell.w ?? "";
    default:
      return String(cell.v).trim();
  }
}

/**
 * Node's zlib, as SheetJS's zip reader asks for it (an InflateRaw whose `bytesRead` is the input consumed,
 * which Node now calls `bytesWritten`). Without it SheetJS inflates in JavaScript, and on some damaged
 * workbooks (16 bytes scrambled inside a compressed sheet) that never ends: the bad-input corpus's setup ran
 * past 25 CPU-minutes on those; Node's inflate refuses them at once ("invalid code -- missing end-of-block").
 */
class InflateRaw extends zlib.InflateRaw {
  get bytesRead(): number {
    return this.bytesWritten;
  }
}
let nativeInflate = false;

/**
 * Every sheet of a workbook (.xlsx, .xls or .ods, told by its bytes) as rows of text, through SheetJS
 * (@e965/xlsx 0.20.3, which carries the fixes for CVE-2023-30533 and CVE-2024-22363). Formulas are not
 * evaluated (their cached values are read); a workbook that cannot be opened is refused, with the reason.
 * SheetJS (1 MB of JavaScript) is loaded on the first workbook, not at every load's start. With `topRows`,
 * each sheet's first rows only.
 */
export async function readWorkbookSheets(path: string, topRows?: number): Promise<SheetRows[]> {
  const xlsx = await import("@e965/xlsx");
  if (!nativeInflate) {
    xlsx.CFB.utils.use_zlib({ ...zlib, InflateRaw });
    nativeInflate = true;
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = xlsx.read(await readFile(path), {
      dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false, cellStyles: false,
      // Telling a file's kind needs its top rows only: a full sheet of 1,048,576 rows then parses in under
      // a third of the time (10.8 s against 36.7 s on 2026-12-02).
      ...(topRows ? { sheetRows: topRows } : {}),
    });
  } catch (error) {
    throw new InputError(`is not a readable workbook (${(error as Error).message}); expected an .xlsx, .xls or .ods file saved by Excel or LibreOffice`, { file: path }, { cause: error });
  }
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  return workbook.SheetNames.map((sheet) => {
    const data = (workbook.Sheets[sheet]?.["!data"] ?? []) as (Cell[] | undefined)[];
    const rows = Array.from(data, (cells) => {
      const texts = Array.from(cells ?? [], (cell) => cellText(xlsx.SSF, cell, date1904));
      while (texts.length > 0 && texts[texts.length - 1] === "") texts.pop();
      return texts;
    });
    return { sheet, rows };
  });
}
