import { html } from "htl";

/**
 * One headline card: title, the figure, how it compares with earlier periods of the same length, a trend, a sentence.
 * @param {{title: string, value: number | null | undefined, format: (v: any) => string, sentence: string, change: string, trend?: any}} card
 */
export function HeadlineCard({ title, value, format, sentence, change, trend }) {
  return html`<div class="card headline-card"><h2>${title}</h2><span class="big">${format(value)}</span>
    <p class="change">${change}</p>${trend ?? ""}<p>${sentence}</p></div>`;
}

/**
 * "Up from 40.1% in April to June 2024 (2024/25 Q1). Down from 45% a year earlier, in April to June 2023": a figure
 * against the same figure of earlier periods of the same length (all computed in SQL), in words.
 * @param {{period: any, figures: any, name: string}[]} comparisons @param {string} name
 * @param {(v: any) => string} format @param {number | null | undefined} current
 */
export function changeSentence(comparisons, name, format, current) {
  const sentences = comparisons
    .filter((c) => c.figures?.[name] != null && current != null)
    .map((c) => {
      const before = c.figures[name];
      const word = format(current) === format(before) ? "Level with" : current > before ? "Up from" : "Down from";
      return `${word} ${format(before)} ${c.name === "a year earlier" ? "a year earlier" : "the period before"} (${c.period.label}).`;
    });
  return sentences.length === 0 ? "No earlier period of the same length is loaded to compare with." : sentences.join(" ");
}
