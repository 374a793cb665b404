import { tableFromArrays, tableToIPC } from "apache-arrow";

export interface PageFact { institution: string; supplier: string; month: string; category: string | null; spend: number; lines: number }

/**
 * Spend facts as Arrow IPC (stream format), which Framework's FileAttachment(…).arrow() reads: text columns
 * dictionary-encoded, spend as float64 pounds (as the JSON snapshots carry them), lines as int32.
 */
export function factsArrow(facts: PageFact[]): Uint8Array {
  return tableToIPC(tableFromArrays({
    institution: facts.map((f) => f.institution),
    supplier: facts.map((f) => f.supplier),
    month: facts.map((f) => f.month),
    category: facts.map((f) => f.category ?? ""),
    spend: Float64Array.from(facts, (f) => f.spend),
    lines: Int32Array.from(facts, (f) => f.lines),
  }), "stream");
}

/** A snapshot as the two files a page reads: `<name>.json` (everything but the facts) and `<name>-facts.arrow`. */
export function withFactsArrow(name: string, { facts, ...rest }: { facts: PageFact[] }): Record<string, unknown> {
  return { [`${name}.json`]: rest, [`${name}-facts.arrow`]: factsArrow(facts) };
}
