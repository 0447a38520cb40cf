"""Reference for `npm run bench`: the atlas ranking as an analyst would script it in pandas.

Reads the USGS MCS 2025 world table, applies the same series catalog and the same definitions as
docs/methods/atlas.md (denominator max(listed rows, world total); HHI over countries only), and prints
JSON {"seconds": compute time, "hhi": {"commodity|stage": hhi}} for the given year.
"""
import json
import sys
import time

import pandas as pd

world_csv, series_csv, aliases_csv, countries_csv, year, repeats = sys.argv[1:7]
year, repeats = int(year), int(repeats)

start = time.perf_counter()
for _ in range(repeats):
    df = pd.read_csv(world_csv, dtype=str, keep_default_na=False)
    rules = pd.read_csv(series_csv, dtype=str, keep_default_na=False)
    for frame in (df, rules):
        for col in frame.columns:
            frame[col] = frame[col].str.replace("\u00a0", " ").str.strip()
    general = rules[rules["row_label"] == ""][["usgs_commodity", "usgs_type", "commodity", "stage", "values_are"]]
    specific = rules[rules["row_label"] != ""]
    df = df.merge(general, left_on=["COMMODITY", "TYPE"], right_on=["usgs_commodity", "usgs_type"], how="inner")
    skip = set(zip(specific["usgs_commodity"], specific["usgs_type"], specific["row_label"]))
    df = df[[(c, t, l) not in skip for c, t, l in zip(df["COMMODITY"], df["TYPE"], df["COUNTRY"])]]
    df = df[(df["commodity"] != "-") & (df["values_are"] == "production")]
    col = "PROD_2023" if year == 2023 else f"PROD_EST_ {year}"
    df = df.assign(value=pd.to_numeric(df[col].str.replace(",", "").str.lstrip("<>"), errors="coerce")).dropna(subset=["value"])
    label = df["COUNTRY"].str.lower()
    df = df.assign(
        is_world=label.str.startswith("world total"),
        is_other=label.str.startswith("other countries") | label.str.contains(" and canada"),
    )
    hhi = {}
    for (commodity, stage), g in df.groupby(["commodity", "stage"]):
        countries = g[~g["is_world"] & ~g["is_other"]]
        listed = countries["value"].sum() + g[g["is_other"]]["value"].sum()
        world = g[g["is_world"]]["value"].max() if g["is_world"].any() else 0
        total = max(listed, world)
        if total <= 0 or countries.empty:
            continue
        # Several labels can name one country ("Russia", "Russia (industrial…)"): sum by stripped label.
        by_country = countries.groupby(countries["COUNTRY"].str.replace(r"\s*\(.*\)$", "", regex=True))["value"].sum()
        hhi[f"{commodity}|{stage}"] = float(((100 * by_country / total) ** 2).sum())
elapsed = (time.perf_counter() - start) / repeats
print(json.dumps({"seconds": elapsed, "hhi": hhi}))
