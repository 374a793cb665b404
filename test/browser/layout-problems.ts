// What a reader would see as broken on a page, found in the page itself: template code in the text, a page wider
// than the viewport, an element past the viewport's edge or spilling out of a box that limits its height, chart
// labels cut at the chart's edge, table cells cut with "…", table headings written as code (localShare, non_local), a
// previous/next link named by the site's title instead of its page. Plain JavaScript in a string, for page.evaluate (a
// compiled function would carry the compiler's helpers, which the page does not have).
export const LAYOUT_PROBLEMS = String.raw`(() => {
  const problems = [];
  const main = document.querySelector("#observablehq-main") || document.body;
  const viewport = document.documentElement.clientWidth;
  const describe = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + ' "' + (element.textContent || "").trim().slice(0, 40) + '"';
  if (main.innerText.includes("$" + "{")) problems.push("template code ($" + "{) in the rendered text");
  if (document.documentElement.scrollWidth > viewport + 1) problems.push("the page is " + document.documentElement.scrollWidth + " px wide in a " + viewport + " px viewport");
  const scrolls = (element) => {
    for (let node = element.parentElement; node && node !== main; node = node.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  for (const element of main.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || scrolls(element)) continue;
    if (box.right > viewport + 1 || box.left < -1) problems.push(describe(element) + " runs past the viewport (" + Math.round(box.left) + " to " + Math.round(box.right) + " px of " + viewport + ")");
    const style = getComputedStyle(element);
    if (style.overflowY === "visible" && style.maxHeight !== "none" && element.scrollHeight > element.clientHeight + 2) problems.push(describe(element) + " spills out of its " + style.maxHeight + " box");
  }
  for (const svg of main.querySelectorAll("svg")) {
    const frame = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll("text")) {
      const box = text.getBoundingClientRect();
      if (box.width > 0 && (box.left < frame.left - 1 || box.right > frame.right + 1)) problems.push('chart label "' + text.textContent + '" is cut at the chart\'s edge');
    }
  }
  for (const cell of main.querySelectorAll("td, th")) {
    if (getComputedStyle(cell).textOverflow === "ellipsis" && cell.scrollWidth > cell.clientWidth + 1) problems.push('table cell "' + cell.textContent + '" is cut with an ellipsis');
  }
  for (const heading of main.querySelectorAll("th")) {
    const words = (heading.textContent || "").trim();
    if (/[a-z][A-Z]|_|^[a-z]/.test(words)) problems.push('table heading "' + words + '" is a code, not words');
  }
  for (const link of document.querySelectorAll("#observablehq-footer nav a")) {
    if (link.textContent.trim() === document.querySelector("#observablehq-sidebar a")?.textContent?.trim()) problems.push('pager link "' + link.textContent.trim() + '" names the site, not the page');
  }
  return [...new Set(problems)];
})()`;
