/** A JSON object as a notice holds one. */
export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** A string that says something (trimmed), else null: OCDS leaves fields out or empty alike. */
export const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/** An array, or none (a field left out or of another type). */
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
