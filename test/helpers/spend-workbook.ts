import { writeFileSync } from "node:fs";
import { zipOf } from "../../scripts/zip-entries.js";

/**
 * A spend workbook (.xlsx) of `rows` lines below a heading (Date, Supplier, Amount), written here without a
 * spreadsheet library: the sheet's XML, deflated, in a ZIP with the four parts Excel needs. Line i (from 1) is
 * paid on a day of April 2024, to one of 500 suppliers, `linePence(i)` pence: the test sums that itself.
 * Generated, not real data. Excel's largest sheet is 1,048,576 rows: `rows` 1,048,575 fills it.
 */
export function writeSpendWorkbook(path: string, rows: number): void {
  const sheet: Buffer[] = [Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>` +
    `<row r="1">${text("A1", "Date")}${text("B1", "Supplier")}${text("C1", "Amount")}</row>`)];
  let batch: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const r = i + 1;
    const pence = linePence(i);
    batch.push(`<row r="${r}">${text(`A${r}`, `${String(1 + (i % 30)).padStart(2, "0")}/04/2024`)}${text(`B${r}`, `Supplier ${i % 500} Ltd`)}<c r="C${r}"><v>${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}</v></c></row>`);
    if (batch.length === 10_000) {
      sheet.push(Buffer.from(batch.join("")));
      batch = [];
    }
  }
  sheet.push(Buffer.from(`${batch.join("")}</sheetData></worksheet>`));
  writeFileSync(path, zipOf({
    "[Content_Types].xml": Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    "_rels/.rels": Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="Spend" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": Buffer.concat(sheet),
  }, true));
}

/** The pence of line i: from 1.00 to 9,999.99, varied. */
export function linePence(i: number): number {
  return 100 + ((i * 7919) % 999_900);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
