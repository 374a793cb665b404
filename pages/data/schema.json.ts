// The shared data schema (data/schema), and the codes of the problems a row can have, for the page that documents it to partners.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";
import { readTableSchema } from "../../loaders/schema/column-synonyms.js";
import { PROBLEM_LIST } from "../../src/core/problem-codes.js";

const descriptor = JSON.parse(readFileSync(join(projectRoot, "data", "schema", "datapackage.json"), "utf-8"));
process.stdout.write(JSON.stringify({ descriptor, tables: [readTableSchema("spend"), readTableSchema("suppliers")], problems: PROBLEM_LIST }));
