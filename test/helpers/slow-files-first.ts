// The order test files start in. Vitest, with no record of an earlier run (a clean checkout, as in CI), starts
// the largest files first; but the files that take longest here are not the largest: the browser test waits for
// shared site builds, the reader comparison and the fault runs load hundreds of files. Started late, one of them
// runs alone at the end while the other workers sit idle. So these start first, longest first (as measured on
// the 2-core machine), and every other file follows, largest first, as vitest would order them.
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { statSync } from "node:fs";

const SLOWEST = [
  "test/browser/site.test.ts",
  "test/browser/site-no-definition.test.ts",
  "test/integration/duckdb-csv-reader.test.ts",
  "test/reliability/bad-corpus.test.ts",
  "test/reliability/faults.test.ts",
  "test/integration/validate.test.ts",
  "test/integration/notices-loading.test.ts",
  "test/integration/cli.test.ts",
  "test/integration/institution-scope.test.ts",
];

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOWEST.findIndex((slow) => file.moduleId.endsWith(slow));
      return index === -1 ? SLOWEST.length : index;
    };
    const size = (file: TestSpecification) => statSync(file.moduleId).size;
    return [...files].sort((a, b) => rank(a) - rank(b) || size(b) - size(a));
  }
}
