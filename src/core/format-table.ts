import { printableExcerpt } from "./printable-excerpt.js";

/**
 * A fixed-width text table for the terminal; columns named in `rightAligned` are padded on the left. Every
 * cell is printed through printableExcerpt: a file name with a line break or a terminal escape in it can
 * neither forge a line nor reach the terminal raw.
 */
export function formatTable(header: readonly string[], cells: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const rows = cells.map((row) => row.map((cell) => printableExcerpt(cell, PRINTED_CELL_CHARS)));
  const widths = header.map((heading, column) => Math.max(heading.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (rightAligned.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

/** Cells are cut only past this many characters (a long path stays whole). */
const PRINTED_CELL_CHARS = 2_000;

export const formatShare = (share: number | null): string => (share === null ? "–" : `${(share * 100).toFixed(1)}%`);
