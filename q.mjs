import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(process.argv[2], {access_mode:'READ_ONLY'}); const c = await i.connect();
console.log((await c.runAndReadAll(process.argv[3])).getRowObjectsJson());
