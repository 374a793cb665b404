#!/usr/bin/env python3
"""An analyst's pandas + GeoPandas script, for the benchmark: local share of spend from the same files anchor-spend
loads, timed against `anchor-spend load` in the same run (scripts/bench.ts runs it; written for this benchmark,
not taken from anywhere).

    local-share-pandas.py <postcode directory .csv.gz> <authorities definition .json> <boundaries .geojson>
                          <suppliers.csv> <spend.csv>...

Local share = spend with suppliers whose registered postcode lies in one of the definition's local authorities,
over all spend. Each postcode is placed through the postcode directory (postcode -> its own authority code; never a
whole postcode district to one authority). The drawn definition places each postcode's point in the boundaries
with GeoPandas (a spatial join). Spend files are in the published layout: a title line above the heading, UK
dates, amounts such as "£1,234.56" and "-£1,234.56". Prints one line of JSON: rows, total, local shares, seconds.
"""
import json
import sys
import time

started = time.perf_counter()
import geopandas  # noqa: E402  (imports are part of what the analyst waits for)
import pandas  # noqa: E402

directory_path, definition_path, boundaries_path, suppliers_path, *spend_paths = sys.argv[1:]


def normalise_postcode(series):
    compact = series.fillna("").str.upper().str.replace(r"\s+", "", regex=True)
    return compact.str[:-3] + " " + compact.str[-3:]


directory = pandas.read_csv(directory_path, usecols=["postcode", "lat", "lon", "lad_cd"], dtype={"postcode": str, "lad_cd": str})
directory["postcode"] = normalise_postcode(directory["postcode"])
suppliers = pandas.read_csv(suppliers_path, dtype=str).rename(columns={"Supplier Name": "supplier", "Postcode": "postcode"})
suppliers["postcode"] = normalise_postcode(suppliers["postcode"])
suppliers = suppliers.drop_duplicates("supplier").merge(directory, on="postcode", how="left")

with open(definition_path, encoding="utf-8") as file:
    authorities = set(json.load(file)["codes"])
boundaries = geopandas.read_file(boundaries_path)
located = suppliers.dropna(subset=["lat", "lon"])
points = geopandas.GeoDataFrame(located[["supplier"]], geometry=geopandas.points_from_xy(located["lon"], located["lat"]), crs="EPSG:4326")
inside = geopandas.sjoin(points, boundaries.to_crs("EPSG:4326")[["geometry"]], how="inner", predicate="within")
suppliers["local"] = suppliers["lad_cd"].isin(authorities)
suppliers["local_drawn"] = suppliers["supplier"].isin(set(inside["supplier"]))

frames = []
for path in spend_paths:
    frame = pandas.read_csv(path, skiprows=1, usecols=["Date", "Supplier", "Amount"], dtype=str)
    frame["Date"] = pandas.to_datetime(frame["Date"], format="%d/%m/%Y")
    negative = frame["Amount"].str.startswith("-")
    pence = frame["Amount"].str.replace(r"[£,\-]", "", regex=True).str.replace(".", "", regex=False).astype("int64")
    frame["pence"] = pence.where(~negative, -pence)
    frames.append(frame[["Date", "Supplier", "pence"]])
spend = pandas.concat(frames, ignore_index=True).merge(suppliers[["supplier", "local", "local_drawn"]], left_on="Supplier", right_on="supplier", how="left")
total = int(spend["pence"].sum())
local = int(spend.loc[spend["local"].fillna(False).astype(bool), "pence"].sum())
local_drawn = int(spend.loc[spend["local_drawn"].fillna(False).astype(bool), "pence"].sum())
print(json.dumps({
    "rows": len(spend), "totalPence": total, "localPence": local, "localShare": local / total,
    "localShareDrawn": local_drawn / total, "seconds": time.perf_counter() - started,
}))
