import { html } from "htl";
import { count, formatPounds, unitLabel } from "./format.js";

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/**
 * The overview's social value card: delivered against committed in proxy value (where measures have one) and
 * summed over like units, and how many measures are under, on and over commitment, all computed in SQL
 * (src/model/social-value-headline.ts). A plain message when the institution has no returns loaded.
 * @param {any} headline @param {{institution: {name: string}}} options
 */
export function SocialValueCard(headline, { institution }) {
  if (!headline || headline.measures.committed === 0) {
    return html`<div class="card" id="social-value"><h2>Social value</h2><p>No social value returns are loaded for ${institution.name}.</p></div>`;
  }
  const { measures, proxy, byUnit } = headline;
  const value = proxy ? html`<span class="big">${formatPounds(proxy.delivered)}</span><p>of proxy social value delivered against ${formatPounds(proxy.committed)} committed, over ${proxy.measures === 1 ? "the one measure" : `the ${proxy.measures} measures`} with a cited proxy value (an estimate of value to society, not cash).</p>` : "";
  return html`<div class="card" id="social-value"><h2>Social value delivered</h2>${value}
    <p><strong>${measures.under} of ${measures.committed} measures</strong> delivered less than committed, ${measures.on} on commitment and ${measures.over} more.</p>
    <ul class="by-unit">${byUnit.filter((u) => u.committed > 0).map((u) => html`<li>${u.unit === "gbp" ? `${formatPounds(u.delivered)} of ${formatPounds(u.committed)}` : `${number.format(u.delivered)} of ${number.format(u.committed)} ${unitLabel(u.unit)}`} (${count(u.measures, "measure")})</li>`)}</ul>
    <p>Delivered against committed across every reporting period loaded. See <a href="./social-value">Social value</a>.</p></div>`;
}
