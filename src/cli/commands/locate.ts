import { UsageError } from "../../core/errors.js";
import { formatTable } from "../../core/format-table.js";
import { warehouseOf, warehouseOption, type Command } from "../command.js";

const decile = (value: number | null) => (value === null ? null : Number(value));

/** `anchor-spend locate POSTCODE…`: how each postcode resolves, and whether it is local under each definition. */
export const locate: Command = {
  summary: "show how postcodes resolve (precision, authority, LSOA) and whether each is local under each definition",
  usage: "[options] <postcode…>",
  options: { warehouse: warehouseOption, json: { type: "boolean", description: "print JSON for machines" } },
  async run(values, postcodes) {
    if (postcodes.length === 0) throw new UsageError("say which postcodes to locate, e.g. `anchor-spend locate E1 8DE`");
    const [{ withWarehouse }, { resolvePostcodes }, { compileStoredDefinitions, locatedPoint }] = await Promise.all([
      import("../../warehouse/warehouse.js"), import("../../model/locate-postcodes.js"), import("../../model/refresh-locality.js"),
    ]);
    const located = await withWarehouse(warehouseOf(values), "read", async (w) => {
      const definitions = await compileStoredDefinitions(w);
      const rows = await resolvePostcodes(w, postcodes);
      return rows.map((row) => ({
        given: row.postcode_as_given, postcode: row.postcode, precision: row.precision, reason: row.reason,
        authority: row.lad_code, icb: row.icb_code,
        lsoa2021: row.lsoa21_code, iod2025Decile: decile(row.iod2025_decile), lsoa2011: row.lsoa11_code, iod2019Decile: decile(row.iod2019_decile),
        latitude: row.latitude, longitude: row.longitude, terminated: row.terminated,
        local: Object.fromEntries(definitions.map((d) => [`${d.id} v${d.version}`, row.precision === "none" || d.problem !== null ? null : d.isLocal(locatedPoint(row))])),
      }));
    });
    if (values.json) {
      console.log(JSON.stringify(located, null, 2));
      return 0;
    }
    for (const place of located) {
      console.log(`${place.given} → ${place.postcode ?? "(not a postcode)"}: ${place.precision} precision; ${place.reason}`);
      console.log(`  authority ${place.authority ?? "–"}, ICB ${place.icb ?? "–"}`);
      console.log(`  LSOA 2021 ${place.lsoa2021 ?? "–"}, IoD 2025 IMD decile ${place.iod2025Decile ?? "–"}; LSOA 2011 ${place.lsoa2011 ?? "–"}, IoD 2019 IMD decile ${place.iod2019Decile ?? "–"}`);
      console.log(formatTable(["definition", "local"], Object.entries(place.local).map(([id, local]) => [id, local === null ? "unknown" : local ? "yes" : "no"]))
        .split("\n").map((line) => `  ${line}`).join("\n"));
    }
    return 0;
  },
};
