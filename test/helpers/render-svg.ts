import { JSDOM } from "jsdom";

/** A jsdom document to render charts in, as Observable Plot's own tests do. */
export function chartDocument(): Document {
  return new JSDOM("<!DOCTYPE html><html><body></body></html>").window.document;
}

/**
 * A chart's markup, normalised for a snapshot (as Observable Plot's test suite does): numbers rounded to
 * two decimals, Plot's generated class names made fixed, one element a line.
 */
export function normalisedMarkup(element: Element): string {
  return element.outerHTML
    .replace(/plot-[0-9a-f]{6}/g, "plot")
    .replace(/(\d+\.\d{3,})/g, (number) => String(Math.round(Number(number) * 100) / 100))
    .replace(/></g, ">\n<");
}
