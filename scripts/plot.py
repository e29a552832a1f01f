#!/usr/bin/python3
"""Writes PNG plots of a truckflow results file (from `truckflow run -o` or `truckflow compare -o`).

Usage: scripts/plot.py RESULTS.h5 [-o FOLDER]

Uses Debian's python3-xarray, python3-h5netcdf and python3-matplotlib, so run it with
/usr/bin/python3 (a pyenv or venv python does not see Debian's modules). Axis labels come from
each variable's long_name and units.
"""
import argparse
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import xarray as xr  # noqa: E402


def label(variable):
    return f"{variable.attrs.get('long_name', variable.name)} [{variable.attrs.get('units', '')}]"


def total(variable, dims):
    """Sums over `dims`, keeping the long_name and units for the axis label."""
    return variable.sum(dim=dims, keep_attrs=True)


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
        axis.bar(types, ds[name].values)
        axis.set_title(ds[name].attrs.get("long_name", name), fontsize=9)
        axis.set_ylabel(ds[name].attrs.get("units", ""))
        axis.tick_params(axis="x", labelrotation=30, labelsize=8)
    for axis in list(axes.flat)[len(headline):]:
        axis.set_visible(False)
    figure.suptitle(title + ": headline figures by truck type")
    save(figure, folder, "compare_headline.png", written)


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
