export interface PageFact { institution: string; supplier: string; month: string; category: string | null; spend: number; lines: number }

type DictionaryColumn = { dictionary: unknown[]; index: number[] } | { values: unknown[] };

/**
 * Rows as {length, columns}: a text column as its distinct values once and each row's index into them, any other
 * column as its values. Where text repeats (a supplier's id on every month and category it has spend in) it is a
 * third of {columns, rows} (`columnar`). pages/components/figures.js fromDictionaryColumns reads it back.
 */
export function dictionaryColumns<T extends Record<string, unknown>>(rows: readonly T[]): { length: number; columns: Record<string, DictionaryColumn> } {
  const names = rows[0] ? Object.keys(rows[0]) : [];
  const columns: Record<string, DictionaryColumn> = {};
  for (const name of names) {
    const values = rows.map((row) => row[name]);
    if (!values.every((value) => typeof value === "string")) {
      columns[name] = { values };
      continue;
    }
    const positions = new Map<unknown, number>();
    const index = values.map((value) => {
      let position = positions.get(value);
      if (position === undefined) positions.set(value, (position = positions.size));
      return position;
    });
    columns[name] = { dictionary: [...positions.keys()], index };
  }
  return { length: rows.length, columns };
}

/**
 * A grouped facts snapshot as the one JSON file its page reads, the facts in dictionary columns (a category the
 * spend has none of as ""). JSON rather than Arrow IPC: the browser's Arrow reader (apache-arrow, 235 KB; 202 KB
 * through its ipc/serialization subpath) weighed three times the facts it read, on every page that read them.
 */
export function withFactColumns<T extends { facts: PageFact[] }>({ facts, ...rest }: T) {
  return { ...rest, facts: dictionaryColumns(facts.map((fact) => ({ ...fact, category: fact.category ?? "" }))) };
}
