/**
 * Text from a file, made safe to quote in a message an analyst reads in a terminal or a web page: line breaks
 * and tabs become spaces; control characters (C0, DEL, C1: ESC and the terminal escapes it starts) become
 * "�"; invisible formatting (zero-width characters, bidi controls, the byte-order mark, soft hyphens) is
 * dropped; a lone surrogate becomes "�"; and the result is cut to `maxChars` characters, ending in "…".
 */
export function printableExcerpt(text: string, maxChars = 200): string {
  // Look at no more than the excerpt can show (a 10 MB cell is not cleaned whole to keep 200 characters).
  const head = text.length > maxChars * 4 + 16 ? text.slice(0, maxChars * 4 + 16) : text;
  const cleaned = head
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, " ")
    .replace(/\p{Cf}+/gu, "")
    .replace(/[\p{Cc}]+/gu, "\uFFFD")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  const characters = [...cleaned];
  const cut = head.length < text.length || characters.length > maxChars;
  return cut ? `${characters.slice(0, Math.max(0, maxChars - 1)).join("").trimEnd()}…` : cleaned;
}
