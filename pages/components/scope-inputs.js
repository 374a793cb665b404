import * as Inputs from "@observablehq/inputs";
import { definitionsFor } from "./spend-facts.js";
import { periodsFor, defaultPeriod } from "./figures.js";
import { formatDefinition } from "./format.js";

/**
 * The inputs every page's charts follow, for one institution: definition of local and period (a financial year,
 * quarter or month). Its value is {definition, period}; definition is null when the institution has none.
 * Labels are visible and every input is a native, keyboard-usable control.
 */
export function ScopeInputs(data, institution) {
  const periods = periodsFor(data, institution.id);
  const definitions = definitionsFor(data, institution.id);
  return Inputs.form({
    definition: definitions.length === 0
      ? Inputs.select([null], { label: "Definition of local", format: () => "None loaded", disabled: true })
      : Inputs.select(definitions, { label: "Definition of local", format: (d) => `${d.name} (version ${d.version}, ${basisLabel(d.basis)})`, value: definitions.find((d) => d.headline) ?? definitions[0] }),
    period: Inputs.select(periods, { label: "Period", format: (p) => p.label, value: defaultPeriod(periods) }),
  });
}

const BASIS_LABELS = { registered: "registered address", trading: "trading address", delivery: "delivery address", operations: "trading or delivery address", any: "any address" };
export const basisLabel = (basis) => BASIS_LABELS[basis] ?? `${basis} address`;

/** "Financial year 2024/25 (April 2024 to March 2025), under Our seven local authorities (own-local-authorities v1, registered address)". */
export function describeScope({ definition, period }) {
  return definition ? `${period.label}, under ${formatDefinition(definition)}` : `${period.label}; no definition of local is loaded`;
}

/** The scope's first and last months. */
export function orderedPeriod({ period }) {
  return { from: period.from, to: period.to };
}

/** The plain message a page shows when an institution has no definition of local. */
export function noDefinitionMessage(institution) {
  return `No definition of local is loaded for ${institution.name}, so its local share cannot be shown. Add a definitions folder beside its spend (see the Methodology page) and load it again.`;
}
