import { formatPercent, formatPounds } from "./format.js";

/** "up 1.2 percentage points on 2023/24 (57.6%)": a share against an earlier period's, in words. */
function shareChange(current, before, label) {
  if (current == null || before == null) return null;
  const points = Math.round((current - before) * 1000) / 10;
  if (points === 0) return `level with ${label} (${formatPercent(before)})`;
  return `${points > 0 ? "up" : "down"} ${Math.abs(points).toLocaleString("en-GB")} percentage point${Math.abs(points) === 1 ? "" : "s"} on ${label} (${formatPercent(before)})`;
}

/**
 * The board pack's one-paragraph summary in plain English: the period's spend, local share under the named
 * definition and its change on the previous period of the same length and the same period a year earlier (where
 * loaded), the SME, VCSE and most-deprived-areas shares, and the unlocated share. Figures come computed in SQL.
 * @param {{institution: {name: string}, period: {label: string}, definition: {name: string} | null, total: any,
 *   comparisons: {period: {label: string}, figures: any, name: string}[]}} facts
 */
export function boardSummary({ institution, period, definition, total, comparisons }) {
  if (!total) return `No spend is loaded for ${institution.name} in ${period.label}.`;
  // "In financial year 2024/25 (April 2024 to March 2025), …": a label that opens with a capital mid-sentence.
  const during = period.label.replace(/^(Financial|All|Quarter)\b/, (word) => word.toLowerCase());
  const parts = [`In ${during}, ${institution.name} spent ${formatPounds(total.spend)} in published payments`];
  if (definition) {
    const changes = comparisons.map((c) => shareChange(total.localShare, c.figures.localShare, c.period.label)).filter(Boolean);
    parts.push(`; ${formatPercent(total.localShare)} of it went to local suppliers under “${definition.name}”${changes.length ? `, ${changes.join(" and ")}` : ", with no earlier period of the same length loaded to compare with"}`);
  }
  parts.push(`. ${formatPercent(total.smeShare)} went to small and medium-sized enterprises, ${formatPercent(total.vcseShare)} to voluntary, community and social enterprises, and ${formatPercent(total.deprivedShare)} to suppliers registered in England's 20% most deprived areas`);
  if (definition) parts.push(`; ${formatPercent(total.unlocatedShare)} went to suppliers whose address could not be placed, counted neither as local nor as not local`);
  return `${parts.join("")}.`;
}
