#!/usr/bin/env node
// The anchor-spend command: runs the CLI compiled to JavaScript in build/ (scripts/compile.ts; `npm install`,
// `npm start` and every test run compile it).
import { existsSync } from "node:fs";

const main = new URL("../build/src/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  console.error("anchor-spend: the compiled CLI (build/) is missing: run `npm install` (or `npm run compile`) in the project folder first.");
  process.exit(2);
}
// A closed pipe (`anchor-spend report | head`) ends the output, not the program with a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
