import * as Inputs from "@observablehq/inputs";
import { definitionsFor, monthsOf } from "./spend-facts.js";
import { formatMonth } from "./format.js";

/**
 * The inputs every page's charts follow, for one institution: definition of local, first and last month.
 * Its value is {definition, from, to}. Labels are visible and every input is a native, keyboard-usable control.
 */
export function ScopeInputs(data, institution) {
  const months = monthsOf(data, institution.id);
  const definitions = definitionsFor(data, institution.id);
  return Inputs.form({
    definition: Inputs.select(definitions, { label: "Definition of local", format: (d) => `${d.name} (v${d.version}, ${d.basis} address)`, value: definitions.find((d) => d.headline) ?? definitions[0] }),
    from: Inputs.select(months, { label: "From", format: formatMonth, value: months[0] }),
    to: Inputs.select(months, { label: "To", format: formatMonth, value: months[months.length - 1] }),
  });
}

/** "April 2024 to March 2025, under Our seven local authorities (own-local-authorities v1, registered address)". */
export function describeScope({ definition, from, to }) {
  const [first, last] = from <= to ? [from, to] : [to, from];
  return `${formatMonth(first)} to ${formatMonth(last)}, under ${definition.name} (${definition.id} v${definition.version}, ${definition.basis} address)`;
}

/** The scope's months in order, whichever way round the two inputs were set. */
export function orderedPeriod({ from, to }) {
  return from <= to ? { from, to } : { from: to, to: from };
}
