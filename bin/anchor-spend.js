#!/usr/bin/env node
// The anchor-spend command: runs the TypeScript CLI through tsx (no separate compile step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
