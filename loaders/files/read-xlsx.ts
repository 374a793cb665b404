import readXlsxFile from "read-excel-file/node";
import { InputError } from "../../src/core/errors.js";

export interface SheetRows {
  sheet: string;
  /** rows[i] is the sheet's row i + 1, as text. */
  rows: string[][];
}

/** A cell as text: dates as ISO days (`2024-04-01`), numbers as written, empty as "". */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Every sheet of a workbook as rows of text. A workbook that cannot be opened is refused, with the reason. */
export async function readXlsxSheets(path: string): Promise<SheetRows[]> {
  let sheets;
  try {
    sheets = await readXlsxFile(path);
  } catch (error) {
    throw new InputError(`is not a readable XLSX workbook (${(error as Error).message}); expected a workbook saved by Excel or LibreOffice`, { file: path }, { cause: error });
  }
  return sheets.map(({ sheet, data }) => ({ sheet, rows: data.map((row) => row.map(cellText)) }));
}
