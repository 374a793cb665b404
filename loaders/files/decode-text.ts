/**
 * A whole file's bytes as text, in the encoding its scan found, without a leading byte-order mark.
 *
 * Node 20's `new TextDecoder("windows-1252").decode(bytes)`, called once on a whole buffer, takes a Latin-1
 * shortcut that reads bytes 0x80–0x9F as the control characters U+0080–U+009F instead of € ‚ ƒ „ … ‘ ’ “ ” – —.
 * Decoding in streaming mode (then flushing) goes through the full Windows-1252 table, as the CSV reader does.
 */
export function decodeText(bytes: Uint8Array, encoding: "utf-8" | "windows-1252"): string {
  const decoder = new TextDecoder(encoding);
  return `${decoder.decode(bytes, { stream: true })}${decoder.decode()}`.replace(/^\uFEFF/, "");
}
