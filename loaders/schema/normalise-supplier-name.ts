import { createHash } from "node:crypto";

const REDACTED_PATTERN = /\b(redacted|personal data|withheld|data protection)\b/i;

/** True for payee names that publishers use to withhold a person's identity. */
export function isRedactedPayee(name: string): boolean {
  return REDACTED_PATTERN.test(name);
}

/**
 * A matching key for a supplier name: upper case, `&` as AND, punctuation dropped, LIMITED as LTD,
 * PUBLIC LIMITED COMPANY as PLC, so that "Acme Ltd." and "ACME LIMITED" share one supplier. A sole trader
 * published as "J SMITH T/A SMITH PLUMBING" is keyed by the trading name after T/A. Letters and digits of
 * every script are kept (a name in Greek or Chinese has a key), accents dropped (CAFÉ as CAFE), compatibility
 * forms folded (ｆｕｌｌ-width and ligatures as plain letters); a name in plain A–Z and 0–9 keys as it always has.
 */
export function supplierNameKey(name: string): string {
  const tradingAs = /\bT\s*\/\s*A\b\s*(.+)$/i.exec(name);
  return ` ${(tradingAs ? tradingAs[1]! : name)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toUpperCase()
    .replace(/&/g, " AND ")
    .replace(/[^\p{L}\p{N} ]+/gu, " ")
    .replace(/\s+/g, " ")} `
    // Whole words only: a word is a run between spaces (\b would split at a letter outside A–Z).
    .replace(/ PUBLIC LIMITED COMPANY(?= )/g, " PLC")
    .replace(/ LIMITED(?= )/g, " LTD")
    .replace(/ THE(?= )/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The id all redacted payees share: one supplier whose name is never published. */
export const REDACTED_SUPPLIER_ID = "redacted";

/** A stable supplier id derived from the matching key. */
export function supplierId(key: string): string {
  return `s-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}
