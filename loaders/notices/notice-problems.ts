import type { ProblemCode } from "../../src/core/problem-codes.js";

/** Where a notice reader notes a fault of the release it reads: the JSON path of the fault, the raw value, a code and why. */
export interface Problems {
  add(path: string, rawValue: string | null, code: ProblemCode, reason: string): void;
}
