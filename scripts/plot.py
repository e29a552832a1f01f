#!/usr/bin/python3
"""Writes PNG plots of a truckflow results file (from `truckflow run -o` or `truckflow compare -o`).

Usage: scripts/plot.py RESULTS.h5 [-o FOLDER]

Uses Debian's python3-xarray, python3-h5netcdf and python3-matplotlib, so run it with
/usr/bin/python3 (a pyenv or venv python does not see Debian's modules). Axis labels come from
each variable's long_name and units. A figure whose variables the file lacks, or that would show
nothing (no station visited, no truck at work), is left out with a note on stderr. The PNGs are
listed in docs/output.md, "Plots".
"""
import argparse
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

# What each kind of station keeps in stock, and so can run out of (a charging station keeps none).
STOCKS = {"swap": "station_charged_packs", "hydrogen": "hydrogen_stock_kg", "methanol": "methanol_stock_l",
          "diesel": "diesel_stock_l"}


def label(variable):
    return f"{variable.attrs.get('long_name', variable.name)} [{variable.attrs.get('units', '')}]"


def total(variable, dims):
    """Sums over `dims`, keeping the long_name and units for the axis label."""
    return variable.sum(dim=dims, keep_attrs=True)


def lacks(ds, names, what):
    """True, with a note on stderr, when the file lacks one of `names` (a scenario without stations, an
    older truckflow's file)."""
    absent = [name for name in names if name not in ds]
    if absent:
        print(f"plot.py: no {what}: the file has no {', '.join(absent)}", file=sys.stderr)
    return bool(absent)


def per_year(cumulative):
    """What a cumulative series added in each calendar year (the first and last may be part years).
    A sample holds what happened up to its instant: one at midnight on 1 January closes the year
    before, and the one at the start instant closes none."""
    after_start = cumulative.isel(time=slice(1, None))
    year = (after_start.time - np.timedelta64(1, "ns")).dt.year.rename("year")
    ends = after_start.groupby(year).max()  # a cumulative series is largest at the year's last sample
    return ends - ends.shift(year=1, fill_value=0)


def in_millions(variable):
    """`variable` in millions of its unit (M CNY on the axis, not an offset of 1e9)."""
    scaled = variable / 1e6
    scaled.attrs = {**variable.attrs, "units": f"M {variable.attrs.get('units', '')}"}
    return scaled


def figure_text(value):
    """A value written on a figure: three significant digits, whole numbers from 1,000, n/a for NaN."""
    if not np.isfinite(value):
        return "n/a"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def value_labels(axis, rotation=0):
    """Each bar of `axis` with its value written above it (upwards, rotation=90, where bars are narrow)."""
    for bars in axis.containers:
        axis.bar_label(bars, labels=[figure_text(v) for v in bars.datavalues], fontsize=7, rotation=rotation,
                       padding=2)


def save(figure, folder, name, written):
    path = folder / name
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    written.append(path)


def plot_run(ds, folder, title, written):
    figure, axes = plt.subplots(1, 2, figsize=(13, 4.5))
    # Without the final sample (the end instant), which would open a month of its own.
    built = total(ds.factory_trucks_built, "factory").isel(time=slice(None, -1))
    # Built by the end of each month (the running total's largest value in it) less the month before's.
    ends = built.resample(time="MS").max()
    monthly = ends - ends.shift(time=1, fill_value=0)
    monthly.attrs = {"long_name": "trucks built per month", "units": "trucks"}
    if monthly.sizes["time"] > 1:
        monthly.plot.line(x="time", hue="truck_type", ax=axes[0])
    else:
        axes[0].text(0.5, 0.5, "one month of samples: no monthly production to plot", ha="center", va="center")
    axes[0].set_title("production by truck type")
    total(ds.region_fleet_trucks, "region").plot.line(x="time", hue="truck_type", ax=axes[1])
    axes[1].set_title("delivered: fleet in service by truck type")
    figure.suptitle(title)
    save(figure, folder, "production_and_deliveries.png", written)

    figure, axes = plt.subplots(1, 2, figsize=(13, 4.5))
    fleet = total(ds.region_fleet_trucks, "truck_type")
    axes[0].stackplot(fleet.time.values, fleet.transpose("region", "time").values, labels=list(fleet.region.values))
    axes[0].legend(loc="upper left", fontsize=8)
    axes[0].set_ylabel(label(ds.region_fleet_trucks))
    axes[0].set_title("fleet in service by region")
    total(ds.factory_backlog_trucks, "truck_type").plot.line(x="time", hue="factory", ax=axes[1])
    axes[1].set_title("backlog by factory")
    figure.suptitle(title)
    save(figure, folder, "fleet_and_backlog.png", written)

    figure, axes = plt.subplots(1, 2, figsize=(14, 4.8))
    colours = plt.get_cmap("tab20").colors  # one distinct colour per supplier (up to 20)
    for axis in axes:
        axis.set_prop_cycle(color=colours)
    ds.supplier_output_units.plot.line(x="time", hue="supplier", ax=axes[0], add_legend=False)
    axes[0].set_title("supplier output (cumulative)")
    # Daily stock saw-tooths too fast to read over years: the weekly mean shows the level.
    weekly = ds.supplier_stock_units.resample(time="W").mean(keep_attrs=True)
    weekly.plot.line(x="time", hue="supplier", ax=axes[1])
    axes[1].set_title("supplier stock (weekly mean)")
    axes[1].set_xlabel(axes[0].get_xlabel())  # resampling drops the time axis' long_name
    axes[1].get_legend().set_bbox_to_anchor((1.0, 1.0))
    figure.suptitle(title)
    save(figure, folder, "suppliers.png", written)

    # Where trucks wait, whatever the stage: a bottleneck after the factory shows here, not in the backlog.
    figure, axes = plt.subplots(1, 2, figsize=(14, 4.8))
    waiting = ds.trucks_by_stage.sel(stage=[s for s in ds.stage.values if s != "delivered"])
    weekly = waiting.resample(time="W").mean(keep_attrs=True)
    weekly.plot.line(x="time", hue="stage", ax=axes[0])
    axes[0].set_xlabel(ds.time.attrs.get("long_name", "time"))
    axes[0].set_title("trucks in each stage before delivery (weekly mean)")
    stages = [str(s) for s in ds.stage.values if s != "delivered"]
    means = [float(ds.stage_mean_days.sel(stage=s)) for s in stages]
    bars = axes[1].barh(stages, means)
    for bar, stage in zip(bars, stages):
        place = str(ds.stage_worst_place.sel(stage=stage).values)
        worst = float(ds.stage_worst_place_mean_days.sel(stage=stage))
        if place:
            axes[1].annotate(f" worst: {place} ({worst:.1f} d)", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                             va="center", fontsize=8)
    axes[1].invert_yaxis()
    axes[1].set_xlabel(label(ds.stage_mean_days))
    axes[1].set_title("mean time in each stage, and where it is longest")
    figure.suptitle(title)
    save(figure, folder, "waiting.png", written)


def panels(count):
    """A figure with `count` panels, two to a row, and its axes (those left over hidden)."""
    columns = min(count, 2)
    rows = (count + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(13, 4.2 * rows), squeeze=False)
    for axis in list(axes.flat)[count:]:
        axis.set_visible(False)
    return figure, list(axes.flat)[:count]


def station_figure(ds, series, stations, ylabel, what, folder, name, title, written):
    """`series` (over `time` or `year`) of `stations`, a panel per kind of station and a line per station."""
    kinds = {}
    for station in stations:
        kinds.setdefault(str(ds.station_kind.sel(station=station).values), []).append(station)
    figure, axes = panels(len(kinds))
    by_year = "year" in series.dims
    x = "year" if by_year else "time"
    for axis, (kind, members) in zip(axes, kinds.items()):
        for station in members:
            line = series.sel(station=station)
            axis.plot(line[x].values, line.values, label=station, marker="o" if by_year else None)
        axis.set_ylim(bottom=0)
        axis.set_xlabel("calendar year" if by_year else ds.time.attrs.get("long_name", "time"))
        if by_year:  # one tick a year, also for a run of one year
            years = series[x].values
            axis.set_xticks(years)
            axis.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        axis.set_ylabel(ylabel)
        axis.set_title(f"{kind} stations")
        axis.legend(fontsize=8)
    figure.suptitle(f"{title}: {what}")
    save(figure, folder, name, written)


def plot_stations(ds, folder, title, written):
    """The stations trucks visited: servers, waits, utilization, queues, running dry and stocks."""
    if lacks(ds, ["station_visits", "station_kind"], "station plots"):
        return
    visits = ds.station_visits.isel(time=-1).values
    stations = [str(station) for station, count in zip(ds.station.values, visits) if count > 0]
    if not stations:
        print("plot.py: no station plots: no station has visits (a chain-only run?)", file=sys.stderr)
        return
    if not lacks(ds, ["station_servers"], "servers plot"):
        station_figure(ds, ds.station_servers, stations, label(ds.station_servers), "servers at each station",
                       folder, "station_servers.png", title, written)
    if not lacks(ds, ["station_wait_hours"], "plot of the wait by year"):
        served = per_year(ds.station_visits)
        wait = per_year(ds.station_wait_hours) / served.where(served > 0)
        station_figure(ds, wait, stations, f"mean wait per visit [{ds.station_wait_hours.attrs['units']}]",
                       "mean wait before service per visit, by year", folder, "station_wait_by_year.png", title,
                       written)
    if not lacks(ds, ["station_service_hours", "station_server_hours"], "utilization plot"):
        available = per_year(ds.station_server_hours)
        utilization = 100 * per_year(ds.station_service_hours) / available.where(available > 0)
        station_figure(ds, utilization, stations, "hours serving over hours available [%]",
                       "utilization of the servers, by year", folder, "station_utilization_by_year.png", title,
                       written)
    if not lacks(ds, ["station_queue_trucks"], "queue plot"):
        # Sampled once a sample interval: the weekly mean of the samples shows the level, not every peak.
        weekly = ds.station_queue_trucks.resample(time="W").mean()
        station_figure(ds, weekly, stations, f"trucks queueing [{ds.station_queue_trucks.attrs['units']}]",
                       "trucks queueing at the sample instants (weekly mean)", folder, "station_queue.png", title,
                       written)
    stocking = [station for station in stations if str(ds.station_kind.sel(station=station).values) in STOCKS]
    if not stocking:
        print("plot.py: no plots of dry hours and stocks: no station with visits keeps a stock", file=sys.stderr)
    else:
        if not lacks(ds, ["station_dry_hours"], "plot of dry hours"):
            station_figure(ds, per_year(ds.station_dry_hours), stocking,
                           f"hours run dry with a truck waiting [{ds.station_dry_hours.attrs['units']}]",
                           "hours with a truck waiting because the station had run dry, by year", folder,
                           "station_dry_hours_by_year.png", title, written)
        plot_station_stocks(ds, stocking, folder, title, written)
    plot_station_waits(ds, stations, folder, title, written)


def plot_station_stocks(ds, stocking, folder, title, written):
    """Charged packs at swap stations and fuel in the others' storage, a panel per kind."""
    kinds = {station: str(ds.station_kind.sel(station=station).values) for station in stocking}
    shown = [(kind, name, [station for station in stocking if kinds[station] == kind])
             for kind, name in STOCKS.items() if name in ds and kind in kinds.values()]
    if not shown:
        print("plot.py: no stock plot: the file has no stock series of the stations with visits", file=sys.stderr)
        return
    figure, axes = panels(len(shown))
    for axis, (kind, name, members) in zip(axes, shown):
        # Deliveries and recharges saw-tooth the stock: the weekly mean shows its level.
        weekly = ds[name].sel(station=members).resample(time="W").mean()
        for station in members:
            axis.plot(weekly.time.values, weekly.sel(station=station).values, label=station)
        axis.set_ylim(bottom=0)
        axis.set_xlabel(ds.time.attrs.get("long_name", "time"))
        axis.set_ylabel(label(ds[name]))
        axis.set_title(f"{kind} stations (weekly mean)")
        axis.legend(fontsize=8)
    figure.suptitle(f"{title}: charged packs and fuel in stock")
    save(figure, folder, "station_stock.png", written)


def plot_station_waits(ds, stations, folder, title, written):
    """The run's wait statistics per station (station_wait_*_hours), a panel per statistic."""
    names = [name for name in ds.data_vars if name.startswith("station_wait_") and name.endswith("_hours")
             and ds[name].dims == ("station",)]
    if not names:
        print("plot.py: no plot of the wait summaries: the file has no station_wait_*_hours", file=sys.stderr)
        return
    figure, axes = plt.subplots(1, len(names), figsize=(14, max(3.0, 1.5 + 0.32 * len(stations))), sharey=True,
                                squeeze=False)
    for axis, name in zip(axes.flat, names):
        bars = axis.barh(stations, ds[name].sel(station=stations).values)
        axis.bar_label(bars, fmt="%.2f", fontsize=7, padding=2)
        axis.margins(x=0.15)  # room for the values
        axis.set_title(ds[name].attrs.get("long_name", name).split(" (")[0], fontsize=9)
        axis.set_xlabel(f"wait [{ds[name].attrs.get('units', '')}]")
    axes[0, 0].invert_yaxis()
    axes[0, 0].tick_params(axis="y", labelsize=8)
    figure.suptitle(f"{title}: wait before service at each station with visits, over the run")
    save(figure, folder, "station_wait_summary.png", written)


def plot_value(ds, folder, title, written):
    """Money between the regions: value-added and local tax by region and by year, the money from region to
    region (the region-flow table) and what the sharing rules moved."""
    plot_value_by_region(ds, folder, title, written)
    plot_value_added_by_year(ds, folder, title, written)
    plot_money_between_regions(ds, folder, title, written)
    plot_sharing_rules(ds, folder, title, written)


def plot_value_by_region(ds, folder, title, written):
    """Value-added recorded against credited, and local tax collected against after transfers, by region."""
    names = ["value_added_recorded_cny", "value_added_credited_cny", "tax_collected_cny", "tax_after_transfers_cny"]
    if lacks(ds, names, "plot of value-added and tax by region"):
        return
    recorded, credited, collected, after = (in_millions(ds[name].isel(time=-1)) for name in names)
    regions = [str(region) for region in ds.region.values]
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    grouped_bars(axes[0], regions, [("recorded where it happens", recorded.values),
                                    ("credited after statistics sharing", credited.values)])
    axes[0].set_ylabel(f"value-added [{recorded.attrs['units']}]")
    axes[0].set_title("value-added of the chain's establishments")
    grouped_bars(axes[1], regions, [("collected", collected.values), ("after fiscal sharing transfers", after.values)])
    axes[1].set_ylabel(f"local tax [{collected.attrs['units']}]")
    axes[1].set_title("local share of the taxes")
    for axis in axes:
        axis.set_xlabel("region")
        value_labels(axis, rotation=90)  # two bars a region: "10,015" is wider than a bar
    figure.suptitle(f"{title}: value-added and local tax by region over the run")
    save(figure, folder, "value_added_by_region.png", written)


def plot_value_added_by_year(ds, folder, title, written):
    """Recorded value-added added in each calendar year, a stacked bar per year with a part per region."""
    if lacks(ds, ["value_added_recorded_cny"], "plot of value-added by year"):
        return
    recorded = ds.value_added_recorded_cny
    added = in_millions(per_year(recorded).assign_attrs(units=recorded.attrs["units"]))
    years = added.year.values
    figure, axis = plt.subplots(figsize=(max(8.0, 3 + 0.9 * len(years)), 5))
    above, below = np.zeros(len(years)), np.zeros(len(years))  # negative parts stack downwards
    for region in ds.region.values:
        values = added.sel(region=region).values
        axis.bar(years, values, bottom=np.where(values >= 0, above, below), label=str(region))
        above += np.maximum(values, 0)
        below += np.minimum(values, 0)
    for year, top, value in zip(years, above, added.sum("region").values):
        axis.annotate(figure_text(value), (year, top), ha="center", va="bottom", fontsize=8)
    axis.set_xticks(years)
    axis.margins(y=0.1)  # room for the totals
    axis.set_xlabel("calendar year")
    axis.set_ylabel(f"value-added recorded [{added.attrs['units']}]")
    axis.set_title("value-added recorded in each calendar year, by region (the total above each bar)")
    axis.legend(fontsize=8, title="region", title_fontsize=8, bbox_to_anchor=(1.0, 1.0), loc="upper left")
    figure.suptitle(title)
    save(figure, folder, "value_added_by_year.png", written)


def table(ds, dimension):
    """A table of a run file (dimension "region_flow", "delivery" or "visit") as a DataFrame, one row per entry,
    ids instead of codes (as docs/output.md reads the delivery table)."""
    rows = ds[[name for name in ds.data_vars if ds[name].dims == (dimension,)]].to_dataframe()
    for column in rows.columns:
        attrs = ds[column].attrs
        if "flag_meanings" in attrs:
            ids = dict(zip(np.atleast_1d(attrs["flag_values"]).tolist(), attrs["flag_meanings"].split()))
            rows[column] = rows[column].map(ids)
    return rows


def plot_money_between_regions(ds, folder, title, written):
    """Money paid by the establishments of one region to those of another over the run, every kind of flow."""
    if lacks(ds, ["region_flow_year", "region_flow_payer_region", "region_flow_payee_region", "region_flow_amount_cny"],
             "plot of the money between regions"):
        return
    flows = table(ds, "region_flow")
    if flows.empty:
        print("plot.py: no plot of the money between regions: the region-flow table has no rows", file=sys.stderr)
        return
    regions = [str(region) for region in ds.region.values]
    paid = (flows.groupby(["region_flow_payer_region", "region_flow_payee_region"]).region_flow_amount_cny.sum()
            .unstack().reindex(index=regions, columns=regions).to_numpy() / 1e6)
    between = np.where(np.eye(len(regions), dtype=bool), np.nan, paid)
    first, last = flows.region_flow_year.min(), flows.region_flow_year.max()
    figure, axes = plt.subplots(1, 2, figsize=(15, 6.5))
    for axis, matrix, what in ((axes[0], paid, "all payments"),
                               (axes[1], between, "between regions (those inside one region left out)")):
        image = axis.imshow(matrix, cmap="Blues", aspect="auto")
        top = np.nanmax(matrix) if np.isfinite(matrix).any() else 0
        for (row, column), value in np.ndenumerate(matrix):
            if np.isfinite(value):
                axis.text(column, row, figure_text(value), ha="center", va="center", fontsize=7,
                          color="white" if value > top / 2 else "black")
        axis.set_xticks(range(len(regions)), regions, rotation=30, ha="right", fontsize=8)
        axis.set_yticks(range(len(regions)), regions, fontsize=8)
        axis.set_xlabel("payee region (paid)")
        axis.set_ylabel("payer region (paying)")
        axis.set_title(what, fontsize=10)
        figure.colorbar(image, ax=axis, label=f"money paid [M {ds.region_flow_amount_cny.attrs['units']}]", shrink=0.8)
    years = str(first) if first == last else f"{first}-{last}"
    figure.suptitle(f"{title}: money paid from region to region in {years}, every kind of flow (empty: none)")
    save(figure, folder, "money_between_regions.png", written)


def plot_sharing_rules(ds, folder, title, written):
    """What each sharing rule called for and what it moved over the run."""
    if lacks(ds, ["sharing_agreed_cny", "sharing_settled_cny"], "plot of the sharing rules"):
        return
    agreed, settled = (in_millions(ds[name].isel(time=-1)) for name in ["sharing_agreed_cny", "sharing_settled_cny"])
    rules = [str(rule) for rule in ds.sharing_rule.values]
    figure, axis = plt.subplots(figsize=(max(8.0, 3 + 1.6 * len(rules)), 5))
    grouped_bars(axis, rules, [("agreed", agreed.values), ("settled", settled.values)])
    axis.set_ylim(bottom=0)  # never negative; nor below 0 when no rule moved anything
    value_labels(axis)
    axis.set_xlabel("sharing rule")
    axis.set_ylabel(f"money [{agreed.attrs['units']}]")
    axis.set_title("what each sharing rule called for (agreed) and what it moved (settled), over the run")
    figure.suptitle(title)
    save(figure, folder, "sharing_rules.png", written)


def plot_compare(ds, folder, title, written):
    figure, axes = plt.subplots(1, 2, figsize=(13, 4.5))
    total(ds.region_fleet_trucks, "region").plot.line(x="time", hue="truck_type", ax=axes[0])
    axes[0].set_title("fleet in service, the whole plan as each type")
    total(ds.factory_backlog_trucks, "factory").plot.line(x="time", hue="truck_type", ax=axes[1])
    axes[1].set_title("backlog")
    figure.suptitle(title)
    save(figure, folder, "compare_over_time.png", written)

    headline = [name for name in ds.data_vars if name.startswith("headline_")]
    columns = 4
    rows = (len(headline) + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(16, 3.6 * rows), squeeze=False)
    types = [str(t) for t in ds.truck_type.values]
    for axis, name in zip(axes.flat, headline):
        shown = in_millions(ds[name]) if ds[name].attrs.get("units") == "CNY" else ds[name]
        axis.bar(types, shown.values)
        axis.set_title(shown.attrs.get("long_name", name), fontsize=9)
        axis.set_ylabel(shown.attrs.get("units", ""))
        axis.tick_params(axis="x", labelrotation=30, labelsize=8)
    for axis in list(axes.flat)[len(headline):]:
        axis.set_visible(False)
    figure.suptitle(title + ": headline figures by truck type")
    save(figure, folder, "compare_headline.png", written)
    plot_compare_types(ds, folder, title, written)
    plot_ownership_by_site(ds, folder, title, written)


def grouped_bars(axis, groups, series, legend_title=None):
    """A bar for each (label, values) of `series` at each of `groups`, side by side."""
    width = 0.8 / len(series)
    places = np.arange(len(groups))
    for index, (name, values) in enumerate(series):
        axis.bar(places + (index - (len(series) - 1) / 2) * width, values, width, label=name)
    axis.set_xticks(places, groups, rotation=30, ha="right", fontsize=8)
    axis.margins(y=0.15)  # room above the bars for their values
    if len(series) > 1:
        axis.margins(y=0.35)  # and for the legend
        axis.legend(fontsize=8, loc="upper left", title=legend_title, title_fontsize=8)


def plot_compare_types(ds, folder, title, written):
    """The figures that tell the truck types apart, side by side, each bar with its value."""
    names = ["headline_ownership_cny_per_tonne_km", "headline_co2_well_to_wheel_kg_per_tonne_km",
             "headline_co2_diesel_equivalent_kg_per_tonne_km", "headline_demand_met_share",
             "headline_mean_station_wait_hours", "headline_p95_station_wait_hours", "headline_energy_cost_cny_per_km"]
    if lacks(ds, names, "comparison of the truck types at work"):
        return
    if ds.headline_ownership_cny_per_tonne_km.isnull().all():
        print("plot.py: no comparison of the truck types at work: no truck worked (a chain-only comparison?)",
              file=sys.stderr)
        return
    types = [str(t) for t in ds.truck_type.values]

    def units(name):
        return ds[name].attrs.get("units", "")

    figure, axes = panels(5)
    grouped_bars(axes[0], types, [("", ds.headline_ownership_cny_per_tonne_km.values)])
    axes[0].set_title("cost of ownership per tonne-km")
    axes[0].set_ylabel(f"cost of ownership [{units('headline_ownership_cny_per_tonne_km')}]")
    diesel = ds.headline_co2_diesel_equivalent_kg_per_tonne_km.values
    co2 = [("well to wheel", ds.headline_co2_well_to_wheel_kg_per_tonne_km.values)]
    if (diesel > 0).any():
        co2.append(("the diesel type on the same trips", diesel))
        axes[1].set_title("well-to-wheel CO2 per tonne-km, against diesel")
    else:
        axes[1].set_title("well-to-wheel CO2 per tonne-km (no diesel type to compare with)")
    grouped_bars(axes[1], types, co2)
    axes[1].set_ylabel(f"CO2 [{units('headline_co2_well_to_wheel_kg_per_tonne_km')}]")
    grouped_bars(axes[2], types, [("", 100 * ds.headline_demand_met_share.values)])
    axes[2].set_title("share of the demand met (at sites that state theirs)")
    axes[2].set_ylabel("tonnes moved over tonnes required [%]")
    grouped_bars(axes[3], types, [("mean", ds.headline_mean_station_wait_hours.values),
                                  ("95th percentile", ds.headline_p95_station_wait_hours.values)])
    axes[3].set_title("wait at stations before service")
    axes[3].set_ylabel(f"wait [{units('headline_mean_station_wait_hours')}]")
    grouped_bars(axes[4], types, [("", ds.headline_energy_cost_cny_per_km.values)])
    axes[4].set_title("energy cost per km (paid at stations)")
    axes[4].set_ylabel(f"energy cost [{units('headline_energy_cost_cny_per_km')}]")
    for axis in axes:
        axis.set_xlabel("truck type")
        value_labels(axis)
    figure.suptitle(f"{title}: the whole plan as each truck type")
    save(figure, folder, "compare_by_truck_type.png", written)


def plot_ownership_by_site(ds, folder, title, written):
    """Cost of ownership per tonne-km at each site with work, a bar per truck type."""
    if lacks(ds, ["ownership_cny_per_tonne_km"], "plot of the cost of ownership by site"):
        return
    ownership = ds.ownership_cny_per_tonne_km.transpose("site", "truck_type")
    worked = ownership.notnull().any("truck_type").values
    if not worked.any():
        print("plot.py: no plot of the cost of ownership by site: no site's trucks moved a tonne", file=sys.stderr)
        return
    ownership = ownership.isel(site=worked)
    sites = [str(s) for s in ownership.site.values]
    figure, axis = plt.subplots(figsize=(max(8.0, 3 + 1.2 * len(sites)), 5))
    grouped_bars(axis, sites, [(str(t), ownership.sel(truck_type=t).values) for t in ownership.truck_type.values],
                 "truck type")
    axis.set_xlabel("application site")
    axis.set_ylabel(f"cost of ownership [{ownership.attrs.get('units', '')}]")
    axis.set_title("cost of ownership per tonne-km at each site, the whole plan as each truck type")
    figure.suptitle(title)
    save(figure, folder, "compare_ownership_by_site.png", written)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="results file written by truckflow run -o or truckflow compare -o")
    parser.add_argument("-o", "--output", default=None, help="folder for the PNGs (default: the file's folder)")
    args = parser.parse_args()
    path = pathlib.Path(args.results)
    folder = pathlib.Path(args.output) if args.output else path.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        ds = xr.open_dataset(path, engine="h5netcdf")
    except (OSError, ValueError) as error:
        print(f"plot.py: cannot read {path}: {error}", file=sys.stderr)
        return 2
    with ds:
        kind = ds.attrs.get("truckflow_kind")
        title = ds.attrs.get("scenario_name", path.name)
        written = []
        if kind == "run":
            plot_run(ds, folder, title, written)
            plot_stations(ds, folder, title, written)
            plot_value(ds, folder, title, written)
        elif kind == "compare":
            plot_compare(ds, folder, title, written)
        else:
            print(f"plot.py: {path} is not a truckflow results file", file=sys.stderr)
            return 2
    for item in written:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
