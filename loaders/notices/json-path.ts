/**
 * A JSON path as the quarantine names a fault in a notice: `releases[12].awards[0].value.amount`. A key joins
 * with a dot, an index in brackets; a path that ends in a colon (`line 4:`, a JSON Lines line) joins with a space.
 */
export function jsonPath(base: string, step: string | number): string {
  if (typeof step === "number") return `${base}[${step}]`;
  if (base === "") return step;
  return base.endsWith(":") ? `${base} ${step}` : `${base}.${step}`;
}
