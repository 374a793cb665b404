/**
 * The one error type for bad input. `row` is 1-based with the header as row 1 (as a spreadsheet shows it).
 * The message states where, what was found and what was expected:
 *   data/april.csv:42:Amount: "12,34,5" is not an amount (expected e.g. 1234.56, £1,234.56 or (1,234.56))
 */
export class InputError extends Error {
  /** The message without its location: what was expected and what was found. */
  readonly problem: string;
  readonly file: string;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly value: string | undefined;

  constructor(
    problem: string,
    where: { file: string; row?: number; column?: string; value?: string },
    options?: { cause?: unknown },
  ) {
    const location = [where.file, where.row, where.column].filter((part) => part !== undefined).join(":");
    super(`${location}: ${problem}`, options);
    this.name = "InputError";
    this.problem = problem;
    this.file = where.file;
    this.row = where.row;
    this.column = where.column;
    this.value = where.value;
  }
}

/** A command line that cannot be run as given (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
