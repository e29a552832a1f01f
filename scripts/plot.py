#!/usr/bin/python3
"""Writes PNG plots of a truckflow results file (from `truckflow run`, `compare` or `experiment` -o).

Usage: scripts/plot.py RESULTS.h5 [-o FOLDER] [--lang en|zh]

Uses Debian's python3-xarray, python3-h5netcdf and python3-matplotlib, so run it with
/usr/bin/python3 (a pyenv or venv python does not see Debian's modules), and fonts-noto-cjk for the
Chinese names. Regions and truck types are labelled with the scenario's names in the language of
--lang (region_name_en or _zh, truck_type_name_en or _zh; the id where the file has no name). Axis
labels carry each variable's units; dates run along the x axis of every plot over time. A figure
whose variables the file lacks, or that would show nothing (no station visited, no truck at work),
is left out with a note on stderr. The PNGs are listed in docs/output.md, "Plots".
"""
import argparse
import pathlib
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

# What each kind of station keeps in stock, and so can run out of (a charging station keeps none).
STOCKS = {"swap": "station_charged_packs", "hydrogen": "hydrogen_stock_kg", "methanol": "methanol_stock_l",
          "diesel": "diesel_stock_l"}
# What the trucks use, by carrier: the series and the carrier's name on the plot.
CARRIERS = {"electricity_used_kwh": "electricity", "hydrogen_used_kg": "hydrogen", "methanol_used_l": "methanol",
            "diesel_used_l": "diesel"}
# Named dimensions: the scenario's names of their entries are in <dimension>_name_<language>.
NAMED = ("region", "truck_type")
# A distinct qualitative palette (no pale shades); past ten lines, the colours come round again dashed.
PALETTE = plt.get_cmap("tab10").colors
DASHES = ("-", "--", ":")
MOST_BARS_IN_A_GROUP = 8  # beyond this many series, grouped bars become a table of coloured cells


def setup_fonts():
    """DejaVu Sans, with Noto Sans CJK as the fallback for the glyphs it lacks (Chinese names). Returns the
    CJK family used, or None. matplotlib's font cache may predate fonts-noto-cjk: its files are then added."""
    def cjk_families():
        return sorted({font.name for font in font_manager.fontManager.ttflist if font.name.startswith("Noto Sans CJK")},
                      key=lambda name: (name != "Noto Sans CJK SC", name))

    if not cjk_families():
        for path in font_manager.findSystemFonts():
            if pathlib.Path(path).name.startswith("NotoSansCJK"):
                font_manager.fontManager.addfont(path)
    families = cjk_families()
    # Listed in font.family itself: matplotlib falls back from one family of that list to the next glyph by
    # glyph, not within the font.sans-serif list (it takes the first font of that list found).
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", *families[:1]]
    matplotlib.rcParams["axes.formatter.useoffset"] = False  # no "1e9" over an axis: values are scaled instead
    matplotlib.rcParams["axes.formatter.limits"] = (-6, 9)
    matplotlib.rcParams["figure.constrained_layout.use"] = True  # room for long labels and outside legends
    return families[0] if families else None


def with_names(ds, lang):
    """`ds` with a coordinate <dimension>_label for each named dimension: its entries' names in `lang`, or the
    id where the file has no name (a note on stderr when it has no name variable at all)."""
    for dim in NAMED:
        if dim not in ds.dims:
            continue
        ids = [str(entry) for entry in ds[dim].values]
        source = f"{dim}_name_{lang}"
        if source in ds:
            labels = [str(name).strip() or entry for name, entry in zip(ds[source].values, ids)]
        else:
            print(f"plot.py: the file has no {source}: {dim} labelled by id", file=sys.stderr)
            labels = ids
        ds = ds.assign_coords({f"{dim}_label": (dim, labels)})
    return ds


def names(array, dim):
    """The labels of `dim`'s entries in `array` (names for named dimensions, ids otherwise)."""
    source = f"{dim}_label" if f"{dim}_label" in array.coords else dim
    return [str(entry) for entry in array[source].values]


def units(variable):
    return variable.attrs.get("units", "")


def axis_label(text, unit, width=45):
    """"text [unit]", wrapped so that a long label is not clipped."""
    return textwrap.fill(f"{text} [{unit}]", width)


def label(variable, width=45):
    return axis_label(variable.attrs.get("long_name", variable.name), units(variable), width)


def total(variable, dims):
    """Sums over `dims`, keeping the long_name and units for the axis label."""
    return variable.sum(dim=dims, keep_attrs=True)


def lacks(ds, variables, what):
    """True, with a note on stderr, when the file lacks one of `variables` (a scenario without stations, an
    older truckflow's file)."""
    absent = [name for name in variables if name not in ds]
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
    return (ends - ends.shift(year=1, fill_value=0)).assign_attrs(cumulative.attrs)


def per_month(cumulative):
    """What a cumulative series added in each calendar month, over `time` (the month's first day), as per_year
    counts years: the sample at midnight on the 1st closes the month before."""
    after_start = cumulative.isel(time=slice(1, None))
    closing = after_start.assign_coords(time=after_start.time - np.timedelta64(1, "ns"))
    ends = closing.resample(time="MS").max()
    return (ends - ends.shift(time=1, fill_value=0)).assign_attrs(cumulative.attrs)


def scale(variable):
    """The factor and unit `variable`'s values read well in: CNY in M CNY, others in thousands, millions or
    billions of their unit when they run past 10,000 of it (no axis needs an offset such as "1e9")."""
    if units(variable) == "CNY":
        return 1e6, "M CNY"
    values = np.abs(np.asarray(variable.values, dtype=float))
    top = values[np.isfinite(values)].max(initial=0)
    for factor, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if top >= 10 * factor:
            return factor, f"{word} {units(variable)}"
    return 1, units(variable)


def readable(variable):
    """`variable` in the unit of scale()."""
    factor, unit = scale(variable)
    return (variable / factor).assign_attrs({**variable.attrs, "units": unit})


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


def date_axis(axis):
    """Dates along the x axis, labelled "date" on every plot over time."""
    locator = mdates.AutoDateLocator(maxticks=10)
    axis.xaxis.set_major_locator(locator)
    axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axis.set_xlabel("date")


def lines(axis, series, dim, ylabel, what="none"):
    """A line per entry of `dim` over time (or over calendar years, with a marker a year), labelled with its name
    and drawn in the entry's colour (the same in every figure); entries at zero (or NaN) throughout are left out,
    no flat line at zero, and named in the legend after `what`."""
    by_year = "year" in series.dims
    x = series.year.values if by_year else series.time.values
    left_out = []
    for name, index in zip(names(series, dim), range(series.sizes[dim])):
        line = series.isel({dim: index})
        if not (line.fillna(0) != 0).any():
            left_out.append(name)
            continue
        axis.plot(x, line.values, label=name, color=PALETTE[index % len(PALETTE)],
                  linestyle=DASHES[index // len(PALETTE) % len(DASHES)], marker="o" if by_year else None)
    if left_out:
        axis.plot([], [], linestyle="none", label=textwrap.fill(f"{what}: {', '.join(left_out)}", 45))
    axis.legend(fontsize=8)
    axis.set_ylim(bottom=0)
    axis.set_ylabel(ylabel)
    if by_year:
        year_axis(axis, x)
    else:
        date_axis(axis)


def without_end_month(series):
    """`series` without its last sample when that one alone opens a month (the end instant, midnight on the 1st):
    a month's mean or range of one sample would jump at the end."""
    months = series.time.values.astype("datetime64[M]")
    return series.isel(time=slice(None, -1)) if len(months) > 1 and months[-1] != months[-2] else series


def monthly_mean(series):
    """A level series' mean over each calendar month (over `time`, the month's first day)."""
    return without_end_month(series).resample(time="MS").mean()


def band(axis, series, colour, what):
    """A level series sampled daily as its monthly mean (a line) and the month's lowest to highest sample (shaded):
    the level and its swings, without a daily saw-tooth."""
    month = without_end_month(series).resample(time="MS")
    low, high, mean = month.min(), month.max(), month.mean()
    axis.fill_between(mean.time.values, low.values, high.values, color=colour, alpha=0.25, linewidth=0,
                      label=f"{what}: lowest to highest sample of the month")
    axis.plot(mean.time.values, mean.values, color=colour, label=f"{what}: monthly mean")


def stacked_bars(axis, x, parts, width=0.8):
    """Bars at `x` stacked from `parts` [(label, values)], negative parts downwards, each part in the colour of its
    place in `parts` (the same in every figure); parts that are zero throughout are left out. Returns the tops of
    the bars, for their totals."""
    above, below = np.zeros(len(x)), np.zeros(len(x))
    for index, (name, values) in enumerate(parts):
        values = np.nan_to_num(np.asarray(values, dtype=float))
        if not values.any():
            continue
        axis.bar(x, values, width, bottom=np.where(values >= 0, above, below), label=name,
                 color=PALETTE[index % len(PALETTE)], hatch="//" if index >= len(PALETTE) else None)
        above += np.maximum(values, 0)
        below += np.minimum(values, 0)
    return above


def stack_legend(axis, title, **place):
    """The legend of a stacked chart, its entries in the order of the stack (the top one first)."""
    handles, labels = axis.get_legend_handles_labels()
    axis.legend(handles[::-1], labels[::-1], fontsize=7, title=title, title_fontsize=7, **place)


def year_axis(axis, years):
    """One tick a calendar year (also for a run of one year), labelled "calendar year"."""
    axis.set_xticks(years)
    axis.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    axis.set_xlabel("calendar year")


def annual_totals(axis, years, tops, totals):
    """Each year's total written above its stacked bar."""
    for year, top, value in zip(years, tops, totals):
        axis.annotate(figure_text(value), (year, top), ha="center", va="bottom", fontsize=8)
    axis.margins(y=0.12)


def by_type_bars(axis, yearly, outside=False):
    """`yearly` (over year and truck_type) as a bar per calendar year stacked by truck type (types with none
    left out), the year's total above it."""
    years = yearly.year.values
    tops = stacked_bars(axis, years, zip(names(yearly, "truck_type"), yearly.transpose("truck_type", "year").values))
    annual_totals(axis, years, tops, yearly.sum("truck_type").values)
    year_axis(axis, years)
    if axis.get_legend_handles_labels()[0]:
        place = {"bbox_to_anchor": (1.0, 1.0), "loc": "upper left"} if outside else {"loc": "upper left"}
        stack_legend(axis, "truck type", **place)


def suptitle(figure, text):
    """The figure's title, wrapped to the figure's width so that a long one is not cut at the edges."""
    figure.suptitle(textwrap.fill(text, max(40, int(9.5 * figure.get_figwidth()))))


def save(figure, folder, name, written):
    path = folder / name
    figure.savefig(path, dpi=110)
    plt.close(figure)
    written.append(path)


def plot_run(ds, folder, title, written):
    """The chain: production and fleet, backlog, suppliers, stages, upfitters, lead times, deliveries by year."""
    plot_production(ds, folder, title, written)
    plot_fleet_and_backlog(ds, folder, title, written)
    plot_suppliers(ds, folder, title, written)
    plot_supplier_stockouts(ds, folder, title, written)
    plot_trucks_by_stage(ds, folder, title, written)
    plot_waiting(ds, folder, title, written)
    plot_upfitters(ds, folder, title, written)
    plot_lead_times(ds, folder, title, written)
    plot_deliveries_by_year(ds, folder, title, written)
    plot_energy_and_co2_by_year(ds, folder, title, written)


def plot_production(ds, folder, title, written):
    """Trucks built per month and the fleet in service, by truck type."""
    if lacks(ds, ["factory_trucks_built", "region_fleet_trucks"], "plot of production and deliveries"):
        return
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    monthly = per_month(total(ds.factory_trucks_built, "factory"))
    if monthly.sizes["time"] > 1:
        lines(axes[0], monthly, "truck_type", "trucks built per month [trucks]", "none built")
    else:
        axes[0].text(0.5, 0.5, "one month of samples: no monthly production to plot", ha="center", va="center")
    axes[0].set_title("production by truck type (per calendar month)")
    lines(axes[1], total(ds.region_fleet_trucks, "region"), "truck_type",
          axis_label("fleet in service", units(ds.region_fleet_trucks)), "none in service")
    axes[1].set_title("delivered: fleet in service by truck type")
    suptitle(figure, title)
    save(figure, folder, "production_and_deliveries.png", written)


def plot_fleet_and_backlog(ds, folder, title, written):
    """The fleet in service stacked by region, and the backlog of each factory (monthly mean)."""
    if lacks(ds, ["region_fleet_trucks", "factory_backlog_trucks"], "plot of the fleet and backlog"):
        return
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    fleet = total(ds.region_fleet_trucks, "truck_type")
    axes[0].stackplot(fleet.time.values, fleet.transpose("region", "time").values, labels=names(fleet, "region"),
                      colors=[PALETTE[i % len(PALETTE)] for i in range(fleet.sizes["region"])])
    stack_legend(axes[0], "region", loc="upper left")
    axes[0].set_ylabel(axis_label("fleet in service", units(ds.region_fleet_trucks)))
    date_axis(axes[0])
    axes[0].set_title("fleet in service by region (stacked)")
    # Daily, orders wait two weeks in order processing and the backlog saw-tooths: the monthly mean shows its level.
    backlog = monthly_mean(total(ds.factory_backlog_trucks, "truck_type"))
    lines(axes[1], backlog, "factory", axis_label("backlog, monthly mean", units(ds.factory_backlog_trucks)),
          "no backlog")
    axes[1].set_title("backlog by factory: trucks ordered, not yet built (monthly mean)")
    suptitle(figure, title)
    save(figure, folder, "fleet_and_backlog.png", written)


def panels(count, columns=2, width=13, height=4.2):
    """A figure with `count` panels, `columns` to a row, and its axes (those left over hidden)."""
    columns = min(count, columns)
    rows = (count + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(width, height * rows), squeeze=False)
    for axis in list(axes.flat)[count:]:
        axis.set_visible(False)
    return figure, list(axes.flat)[:count]


def plot_suppliers(ds, folder, title, written):
    """Each supplier's stock, a panel of its own (stocks differ tenfold), with the months it ran short marked;
    suppliers that never shipped (an idle stock) left out and named."""
    if lacks(ds, ["supplier_stock_units", "supplier_shipped_units", "supplier_output_units"], "supplier plot"):
        return
    shipped = ds.supplier_shipped_units.isel(time=-1).values
    suppliers = [str(s) for s, count in zip(ds.supplier.values, shipped) if count > 0]
    idle = [str(s) for s, count in zip(ds.supplier.values, shipped) if count <= 0]
    if not suppliers:
        print("plot.py: no supplier plot: no supplier shipped a component", file=sys.stderr)
        return
    component = ({str(s): str(c) for s, c in zip(ds.supplier.values, ds.supplier_component.values)}
                 if "supplier_component" in ds else {})
    shortfalls = per_month(ds.supplier_stockouts_orders) if "supplier_stockouts_orders" in ds else None
    figure, axes = panels(len(suppliers), columns=4, width=17, height=3.2)
    for axis, supplier in zip(axes, suppliers):
        band(axis, ds.supplier_stock_units.sel(supplier=supplier), PALETTE[0], "in stock")
        if shortfalls is not None:
            for month in shortfalls.time.values[shortfalls.sel(supplier=supplier).values > 0]:
                axis.axvline(month, color=PALETTE[3], linewidth=1, alpha=0.7)
        made = figure_text(float(ds.supplier_output_units.sel(supplier=supplier).isel(time=-1)))
        axis.set_title(f"{supplier}\n({component.get(supplier, '?')}; {made} made)", fontsize=9)
        axis.set_ylim(bottom=0)
        axis.set_ylabel(axis_label("in stock", units(ds.supplier_stock_units)), fontsize=8)
        date_axis(axis)
        axis.tick_params(labelsize=7)
    if shortfalls is not None:
        axes[0].plot([], [], color=PALETTE[3], label="a month with a stock-out")
    axes[0].legend(fontsize=7, loc="lower left")
    left_out = f"; left out, never shipped (stock idle): {', '.join(idle)}" if idle else ""
    suptitle(figure, f"{title}: components in each supplier's stock{left_out}")
    save(figure, folder, "suppliers.png", written)


def plot_supplier_stockouts(ds, folder, title, written):
    """Orders that found too little stock, per calendar year, for each supplier that had any."""
    if lacks(ds, ["supplier_stockouts_orders"], "plot of supplier stock-outs"):
        return
    yearly = per_year(ds.supplier_stockouts_orders)
    short = yearly.isel(supplier=(yearly.sum("year") > 0).values)
    if short.sizes["supplier"] == 0:
        print("plot.py: no plot of supplier stock-outs: no order found too little stock", file=sys.stderr)
        return
    years = short.year.values
    figure, axis = plt.subplots(figsize=(max(8.0, 3 + 0.9 * len(years)), 5))
    tops = stacked_bars(axis, years, [(str(s), short.sel(supplier=s).values) for s in short.supplier.values])
    annual_totals(axis, years, tops, short.sum("supplier").values)
    year_axis(axis, years)
    axis.set_ylabel(axis_label("orders that found too little stock", units(ds.supplier_stockouts_orders)))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    stack_legend(axis, "supplier")
    axis.set_title("supplier stock-outs in each calendar year (the total above each bar)")
    suptitle(figure, title)
    save(figure, folder, "supplier_stockouts.png", written)


def plot_trucks_by_stage(ds, folder, title, written):
    """Trucks in each stage before delivery, a panel per stage (order processing holds tenfold the others)."""
    if lacks(ds, ["trucks_by_stage"], "plot of trucks by stage"):
        return
    before = ds.trucks_by_stage.sel(stage=[s for s in ds.stage.values if s != "delivered"])
    stages = [str(s) for s in before.stage.values if (before.sel(stage=s) > 0).any()]
    empty = [str(s).replace("_", " ") for s in before.stage.values if str(s) not in stages]
    if not stages:
        print("plot.py: no plot of trucks by stage: no truck was in the chain at a sample", file=sys.stderr)
        return
    figure, axes = panels(len(stages), columns=4, width=17, height=3.4)
    for axis, stage in zip(axes, stages):
        band(axis, before.sel(stage=stage), PALETTE[0], "trucks")
        axis.set_title(stage.replace("_", " "), fontsize=10)
        axis.set_ylim(bottom=0)
        axis.set_ylabel(axis_label("trucks in the stage", units(ds.trucks_by_stage)), fontsize=8)
        date_axis(axis)
        axis.tick_params(labelsize=7)
    axes[0].legend(fontsize=7, loc="upper left")
    left_out = f"; no truck at a sample in: {', '.join(empty)}" if empty else ""
    suptitle(figure, f"{title}: trucks in each stage before delivery (monthly mean; shaded: the month's lowest to "
                    f"highest sample){left_out}")
    save(figure, folder, "trucks_by_stage.png", written)


def plot_waiting(ds, folder, title, written):
    """Mean time in each stage before delivery, and the place where it is longest."""
    if lacks(ds, ["stage_mean_days", "stage_worst_place", "stage_worst_place_mean_days"], "plot of time in stages"):
        return
    stages = [str(s) for s in ds.stage.values if s != "delivered"]
    means = [float(ds.stage_mean_days.sel(stage=s)) for s in stages]
    figure, axis = plt.subplots(figsize=(11, 4.8))
    bars = axis.barh([s.replace("_", " ") for s in stages], np.nan_to_num(means), color=PALETTE[0])
    for bar, stage in zip(bars, stages):
        place = str(ds.stage_worst_place.sel(stage=stage).values)
        worst = float(ds.stage_worst_place_mean_days.sel(stage=stage))
        if place:
            axis.annotate(f" worst: {place} ({worst:.1f} d)", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                          va="center", fontsize=8)
    axis.invert_yaxis()
    axis.margins(x=0.3)  # room for the worst places
    axis.set_xlabel(axis_label("mean time a truck spent in the stage (trucks still in it: so far)",
                               units(ds.stage_mean_days), 80))
    axis.set_title("mean time in each stage before delivery, and where it is longest")
    suptitle(figure, title)
    save(figure, folder, "waiting.png", written)


def plot_upfitters(ds, folder, title, written):
    """Bodies fitted per month at each upfitter, and the trucks on the way to and at the upfitters (the queue
    there: the file has no upfitter queue of its own, so the stages to_upfitter and at_upfitter)."""
    if lacks(ds, ["upfitter_trucks_fitted", "trucks_by_stage"], "upfitter plot (a scenario without upfitters?)"):
        return
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    lines(axes[0], per_month(ds.upfitter_trucks_fitted), "upfitter",
          axis_label("bodies fitted per month", units(ds.upfitter_trucks_fitted)), "none fitted")
    axes[0].set_title("bodies fitted per calendar month, by upfitter")
    band(axes[1], ds.trucks_by_stage.sel(stage="at_upfitter"), PALETTE[0], "at an upfitter (waiting or being fitted)")
    on_the_way = monthly_mean(ds.trucks_by_stage.sel(stage="to_upfitter"))
    axes[1].plot(on_the_way.time.values, on_the_way.values, color=PALETTE[1], linestyle="--",
                 label="on the way to an upfitter: monthly mean")
    axes[1].set_ylim(bottom=0)
    axes[1].set_ylabel(axis_label("trucks", units(ds.trucks_by_stage)))
    axes[1].legend(fontsize=8, loc="upper left")
    date_axis(axes[1])
    axes[1].set_title("the upfitters' queue: trucks on the way to and at the upfitters, all upfitters")
    suptitle(figure, title)
    save(figure, folder, "upfitters.png", written)


def plot_lead_times(ds, folder, title, written):
    """Time from order to delivery of each delivered truck: its distribution by truck type, and its monthly mean
    by month of delivery."""
    if lacks(ds, ["delivery_lead_time_days", "delivery_truck_type", "delivery_delivered_time"], "lead-time plot"):
        return
    deliveries = table(ds, "delivery")
    if deliveries.empty:
        print("plot.py: no lead-time plot: no truck was delivered", file=sys.stderr)
        return
    type_names = dict(zip((str(t) for t in ds.truck_type.values), names(ds, "truck_type")))
    lead = deliveries.delivery_lead_time_days
    bins = np.linspace(lead.min(), lead.max(), 41) if lead.max() > lead.min() else [lead.min() - 0.5, lead.min() + 0.5]
    unit = units(ds.delivery_lead_time_days)
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    groups = list(deliveries.groupby("delivery_truck_type"))
    for index, (truck_type, rows) in enumerate(groups):
        colour = PALETTE[index % len(PALETTE)]
        name = type_names.get(truck_type, truck_type)
        axes[0].hist(rows.delivery_lead_time_days, bins=bins, histtype="step", linewidth=1.5, color=colour,
                     label=f"{name} ({len(rows):,})")
        monthly = rows.set_index("delivery_delivered_time").delivery_lead_time_days.resample("MS").mean()
        axes[1].plot(monthly.index, monthly.values, color=colour, marker=".", label=name)
    axes[0].set_xlabel(axis_label("time from order to delivery", unit))
    axes[0].set_ylabel(axis_label("trucks delivered", "trucks"))
    axes[0].legend(fontsize=8, title="truck type (trucks delivered)", title_fontsize=8)
    axes[0].set_title("lead times of the trucks delivered over the run")
    axes[1].set_ylabel(axis_label("mean time from order to delivery", unit))
    axes[1].legend(fontsize=8)
    date_axis(axes[1])
    axes[1].set_title("mean lead time by month of delivery")
    suptitle(figure, title)
    save(figure, folder, "lead_times.png", written)


def plot_deliveries_by_year(ds, folder, title, written):
    """Trucks delivered in each calendar year, stacked by truck type."""
    if lacks(ds, ["region_trucks_delivered"], "plot of deliveries by year"):
        return
    delivered = per_year(total(ds.region_trucks_delivered, "region"))
    figure, axis = plt.subplots(figsize=(max(9.0, 4 + 0.9 * delivered.sizes["year"]), 5))
    by_type_bars(axis, delivered, outside=True)
    axis.set_ylabel(axis_label("trucks delivered", units(ds.region_trucks_delivered)))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title("trucks delivered in each calendar year, by truck type (the total above each bar)")
    suptitle(figure, title)
    save(figure, folder, "deliveries_by_year.png", written)


def plot_energy_and_co2_by_year(ds, folder, title, written):
    """Energy the trucks used in each calendar year, a panel per carrier used, and their well-to-wheel CO2
    against the scenario's diesel type on the same trips; stacked by truck type."""
    if lacks(ds, ["co2_well_to_wheel_kg", "co2_diesel_equivalent_kg"], "plot of energy and CO2 by year"):
        return
    used = [name for name in CARRIERS if name in ds and float(ds[name].isel(time=-1).sum()) > 0]
    if not used:
        print("plot.py: no plot of energy and CO2 by year: no truck used energy (a chain-only run?)", file=sys.stderr)
        return
    figure, axes = panels(len(used) + 1, width=14, height=4.4)
    for axis, name in zip(axes, used):
        yearly = readable(per_year(total(ds[name], "site")))
        by_type_bars(axis, yearly)
        axis.set_ylabel(axis_label(f"{CARRIERS[name]} used", units(yearly)))
        axis.set_title(f"{CARRIERS[name]} used by the trucks")
    tonnes = (per_year(total(ds.co2_well_to_wheel_kg, "site")) / 1000).assign_attrs(units="t")
    diesel = (per_year(total(ds.co2_diesel_equivalent_kg, "site")).sum("truck_type") / 1000).assign_attrs(units="t")
    factor, unit = scale(xr.concat([tonnes.sum("truck_type"), diesel], "which").assign_attrs(units="t"))
    by_type_bars(axes[-1], tonnes / factor)
    if (diesel > 0).any():
        axes[-1].plot(diesel.year.values, diesel.values / factor, color="black", marker="o", linestyle="--",
                      label="the diesel type on the same trips")
        stack_legend(axes[-1], "truck type", loc="upper left")
    axes[-1].set_ylabel(axis_label("CO2, well to wheel", unit))
    axes[-1].set_title("well-to-wheel CO2 of the trucks, against diesel")
    suptitle(figure, f"{title}: energy used and CO2 in each calendar year, by truck type (the total above each bar)")
    save(figure, folder, "energy_and_co2_by_year.png", written)


def station_figure(ds, series, stations, ylabel, what, folder, name, title, written, empty="zero throughout"):
    """`series` (over `time` or `year`) of `stations`, a panel per kind of station and a line per station (those at
    zero throughout left out and named after `empty`)."""
    kinds = {}
    for station in stations:
        kinds.setdefault(str(ds.station_kind.sel(station=station).values), []).append(station)
    figure, axes = panels(len(kinds))
    for axis, (kind, members) in zip(axes, kinds.items()):
        lines(axis, series.sel(station=members), "station", ylabel, empty)
        axis.set_title(f"{kind} stations")
    suptitle(figure, f"{title}: {what}")
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
                       folder, "station_servers.png", title, written, "no server")
    if not lacks(ds, ["station_wait_hours"], "plot of the wait by year"):
        served = per_year(ds.station_visits)
        wait = per_year(ds.station_wait_hours) / served.where(served > 0)
        station_figure(ds, wait, stations, axis_label("mean wait per visit", units(ds.station_wait_hours)),
                       "mean wait before service per visit, by year", folder, "station_wait_by_year.png", title,
                       written, "no wait")
    if not lacks(ds, ["station_service_hours", "station_server_hours"], "utilization plot"):
        available = per_year(ds.station_server_hours)
        utilization = 100 * per_year(ds.station_service_hours) / available.where(available > 0)
        station_figure(ds, utilization, stations, axis_label("hours serving over hours available", "%"),
                       "utilization of the servers, by year", folder, "station_utilization_by_year.png", title,
                       written, "never busy")
    if not lacks(ds, ["station_queue_trucks"], "queue plot"):
        # Sampled once a sample interval: the weekly mean of the samples shows the level, not every peak.
        weekly = ds.station_queue_trucks.resample(time="W").mean()
        station_figure(ds, weekly, stations, axis_label("trucks queueing", units(ds.station_queue_trucks)),
                       "trucks queueing at the sample instants (weekly mean)", folder, "station_queue.png", title,
                       written, "no queue at a sample")
    stocking = [station for station in stations if str(ds.station_kind.sel(station=station).values) in STOCKS]
    if not stocking:
        print("plot.py: no plots of dry hours and stocks: no station with visits keeps a stock", file=sys.stderr)
    else:
        if not lacks(ds, ["station_dry_hours"], "plot of dry hours"):
            station_figure(ds, per_year(ds.station_dry_hours), stocking,
                           axis_label("hours run dry with a truck waiting", units(ds.station_dry_hours)),
                           "hours with a truck waiting because the station had run dry, by year", folder,
                           "station_dry_hours_by_year.png", title, written, "never ran dry")
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
        lines(axis, weekly, "station", label(ds[name]), "empty throughout")
        axis.set_title(f"{kind} stations (weekly mean)")
    suptitle(figure, f"{title}: charged packs and fuel in stock")
    save(figure, folder, "station_stock.png", written)


def plot_station_waits(ds, stations, folder, title, written):
    """The run's wait statistics per station (station_wait_*_hours), a panel per statistic."""
    statistics = [name for name in ds.data_vars if name.startswith("station_wait_") and name.endswith("_hours")
             and ds[name].dims == ("station",)]
    if not statistics:
        print("plot.py: no plot of the wait summaries: the file has no station_wait_*_hours", file=sys.stderr)
        return
    figure, axes = plt.subplots(1, len(statistics), figsize=(14, max(3.0, 1.5 + 0.32 * len(stations))), sharey=True,
                                squeeze=False)
    for axis, name in zip(axes.flat, statistics):
        bars = axis.barh(stations, ds[name].sel(station=stations).values)
        axis.bar_label(bars, fmt="%.2f", fontsize=7, padding=2)
        axis.margins(x=0.15)  # room for the values
        axis.set_title(ds[name].attrs.get("long_name", name).split(" (")[0], fontsize=9)
        axis.set_xlabel(axis_label("wait", units(ds[name])))
    axes[0, 0].invert_yaxis()
    axes[0, 0].tick_params(axis="y", labelsize=8)
    suptitle(figure, f"{title}: wait before service at each station with visits, over the run")
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
    variables = ["value_added_recorded_cny", "value_added_credited_cny", "tax_collected_cny", "tax_after_transfers_cny"]
    if lacks(ds, variables, "plot of value-added and tax by region"):
        return
    recorded, credited, collected, after = (readable(ds[name].isel(time=-1)) for name in variables)
    regions = names(ds, "region")
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    grouped_bars(axes[0], regions, [("recorded where it happens", recorded.values),
                                    ("credited after statistics sharing", credited.values)])
    axes[0].set_ylabel(axis_label("value-added", units(recorded)))
    axes[0].set_title("value-added of the chain's establishments")
    grouped_bars(axes[1], regions, [("collected", collected.values), ("after fiscal sharing transfers", after.values)])
    axes[1].set_ylabel(axis_label("local tax", units(collected)))
    axes[1].set_title("local share of the taxes")
    for axis in axes:
        axis.set_xlabel("region")
        value_labels(axis, rotation=90)  # two bars a region: "10,015" is wider than a bar
    suptitle(figure, f"{title}: value-added and local tax by region over the run")
    save(figure, folder, "value_added_by_region.png", written)


def plot_value_added_by_year(ds, folder, title, written):
    """Recorded value-added added in each calendar year, a stacked bar per year with a part per region."""
    if lacks(ds, ["value_added_recorded_cny"], "plot of value-added by year"):
        return
    added = readable(per_year(ds.value_added_recorded_cny))
    years = added.year.values
    figure, axis = plt.subplots(figsize=(max(8.0, 3 + 0.9 * len(years)), 5))
    tops = stacked_bars(axis, years, zip(names(added, "region"), added.transpose("region", "year").values))
    annual_totals(axis, years, tops, added.sum("region").values)
    year_axis(axis, years)
    axis.set_ylabel(axis_label("value-added recorded", units(added)))
    axis.set_title("value-added recorded in each calendar year, by region (the total above each bar)")
    stack_legend(axis, "region", bbox_to_anchor=(1.0, 1.0), loc="upper left")
    suptitle(figure, title)
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


def annotated_matrix(axis, matrix, rows, columns):
    """`matrix` as coloured cells, each with its value written in it (NaN cells left empty), `rows` down the side
    and `columns` along the bottom; returns the image, for a colour bar."""
    image = axis.imshow(matrix, cmap="Blues", aspect="auto")
    top = np.nanmax(matrix) if np.isfinite(matrix).any() else 0
    for (row, column), value in np.ndenumerate(matrix):
        if np.isfinite(value):
            axis.text(column, row, figure_text(value), ha="center", va="center", fontsize=7,
                      color="white" if value > top / 2 else "black")
    axis.set_xticks(range(len(columns)), columns, rotation=30, ha="right", fontsize=8)
    axis.set_yticks(range(len(rows)), rows, fontsize=8)
    return image


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
    regions = names(ds, "region")
    between = np.where(np.eye(len(regions), dtype=bool), np.nan, paid)
    first, last = flows.region_flow_year.min(), flows.region_flow_year.max()
    figure, axes = plt.subplots(1, 2, figsize=(15, 6.5))
    for axis, matrix, what in ((axes[0], paid, "all payments"),
                               (axes[1], between, "between regions (those inside one region left out)")):
        image = annotated_matrix(axis, matrix, regions, regions)
        axis.set_xlabel("payee region (paid)")
        axis.set_ylabel("payer region (paying)")
        axis.set_title(what, fontsize=10)
        figure.colorbar(image, ax=axis, label=axis_label("money paid", "M CNY"), shrink=0.8)
    years = str(first) if first == last else f"{first}-{last}"
    suptitle(figure, f"{title}: money paid from region to region in {years}, every kind of flow (empty: none)")
    save(figure, folder, "money_between_regions.png", written)


def plot_sharing_rules(ds, folder, title, written):
    """What each sharing rule called for and what it moved over the run."""
    if lacks(ds, ["sharing_agreed_cny", "sharing_settled_cny"], "plot of the sharing rules"):
        return
    agreed, settled = (readable(ds[name].isel(time=-1)) for name in ["sharing_agreed_cny", "sharing_settled_cny"])
    rules = [str(rule) for rule in ds.sharing_rule.values]
    figure, axis = plt.subplots(figsize=(max(8.0, 3 + 1.6 * len(rules)), 5))
    grouped_bars(axis, rules, [("agreed", agreed.values), ("settled", settled.values)])
    axis.set_ylim(bottom=0)  # never negative; nor below 0 when no rule moved anything
    value_labels(axis)
    axis.set_xlabel("sharing rule")
    axis.set_ylabel(axis_label("money", units(agreed)))
    axis.set_title("what each sharing rule called for (agreed) and what it moved (settled), over the run")
    suptitle(figure, title)
    save(figure, folder, "sharing_rules.png", written)


def plot_compare(ds, folder, title, written):
    """The runs of a comparison, the whole plan as each truck type: over time, headline figures, side by side;
    or, for a comparison of sharing-rule sets, what each set credits and transfers to each region."""
    if "rule_set" in ds.dims:
        plot_compare_rules(ds, folder, title, written)
        return
    plot_compare_over_time(ds, folder, title, written)
    plot_compare_headline(ds, folder, title, written)
    plot_compare_types(ds, folder, title, written)
    plot_ownership_by_site(ds, folder, title, written)


def plot_compare_rules(ds, folder, title, written):
    """Each region's value-added credited and local tax after transfers over the run, a bar per rule set."""
    wanted = ["value_added_credited_cny", "tax_after_transfers_cny"]
    if lacks(ds, wanted, "comparison of the rule sets"):
        return
    sets = [str(entry) for entry in ds.rule_set.values]
    regions = names(ds, "region")
    as_table = len(sets) > MOST_BARS_IN_A_GROUP  # more bars than a legend and a group can hold: a table
    if as_table:
        longest = max(len(rule_set) for rule_set in sets)  # the rows' labels take room in both panels
        size = (max(12.0, 2 * (2 + 0.09 * longest + 1.6 * len(regions))), max(5.5, 1.5 + 0.3 * len(sets)))
    else:
        size = (max(12.0, 2 + 1.2 * len(regions) * len(sets) / 2), 5.5)
    figure, axes = plt.subplots(1, 2, figsize=size)
    for axis, name, what in zip(axes, wanted, ["value-added credited", "local tax after transfers"]):
        shown = readable(ds[name].isel(time=-1).transpose("region", "rule_set"))
        if as_table:
            image = annotated_matrix(axis, shown.transpose("rule_set", "region").values, sets, regions)
            axis.set_ylabel("rule set")
            figure.colorbar(image, ax=axis, label=axis_label(f"{what} over the run", units(shown)), shrink=0.8)
        else:
            grouped_bars(axis, regions, [(rule_set, shown.sel(rule_set=rule_set).values) for rule_set in sets],
                         legend_title="rule set")
            axis.set_ylabel(axis_label(f"{what} over the run", units(shown)))
        axis.set_xlabel("region")
        axis.set_title(f"{what}, by set of sharing rules")
    suptitle(figure, title + ": the sets of sharing rules side by side")
    save(figure, folder, "compare_rules.png", written)


def plot_compare_over_time(ds, folder, title, written):
    """Fleet in service and backlog (monthly mean) of each run."""
    if lacks(ds, ["region_fleet_trucks", "factory_backlog_trucks"], "comparison over time"):
        return
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    lines(axes[0], total(ds.region_fleet_trucks, "region"), "truck_type",
          axis_label("fleet in service", units(ds.region_fleet_trucks)), "none in service")
    axes[0].set_title("fleet in service, the whole plan as each type")
    backlog = monthly_mean(total(ds.factory_backlog_trucks, "factory"))
    lines(axes[1], backlog, "truck_type", axis_label("backlog, monthly mean", units(ds.factory_backlog_trucks)),
          "no backlog")
    axes[1].set_title("backlog: trucks ordered, not yet built (monthly mean)")
    suptitle(figure, title)
    save(figure, folder, "compare_over_time.png", written)


def plot_compare_headline(ds, folder, title, written):
    """Every headline figure, a panel each with a bar per truck type (a colour per type, named in the legend)."""
    headline = [name for name in ds.data_vars if name.startswith("headline_") and ds[name].dims == ("truck_type",)]
    if not headline:
        print("plot.py: no plot of the headline figures: the file has no headline_* over truck_type", file=sys.stderr)
        return
    types = names(ds, "truck_type")
    colours = [PALETTE[index % len(PALETTE)] for index in range(len(types))]
    figure, axes = panels(len(headline) + 1, columns=5, width=18, height=2.9)  # the last for the legend
    for axis, name in zip(axes, headline):
        shown = readable(ds[name])
        axis.bar(range(len(types)), shown.values, color=colours)
        value_labels(axis)
        for index in np.flatnonzero(~np.isfinite(shown.values)):  # no bar, and matplotlib labels none
            axis.annotate("n/a", (index, 0), ha="center", va="bottom", fontsize=7)
        axis.margins(y=0.15)
        if not (shown < 0).any():
            axis.set_ylim(bottom=0)
        axis.set_title(textwrap.fill(shown.attrs.get("long_name", name), 40), fontsize=8)
        axis.set_ylabel(units(shown), fontsize=8)
        axis.set_xticks([])
        axis.tick_params(labelsize=7)
    axes[-1].axis("off")
    axes[-1].legend([plt.Rectangle((0, 0), 1, 1, color=colour) for colour in colours],
                    [textwrap.fill(name, 40) for name in types], loc="center", fontsize=8, title="truck type",
                    title_fontsize=8)
    suptitle(figure, title + ": headline figures by truck type")
    save(figure, folder, "compare_headline.png", written)


def grouped_bars(axis, groups, series, legend_title=None, wrap=None):
    """A bar for each (label, values) of `series` at each of `groups`, side by side; the groups' labels slanted,
    or wrapped to `wrap` characters and level (long names)."""
    width = 0.8 / len(series)
    places = np.arange(len(groups))
    for index, (name, values) in enumerate(series):
        axis.bar(places + (index - (len(series) - 1) / 2) * width, values, width, label=name,
                 color=PALETTE[index % len(PALETTE)])
    if wrap:
        axis.set_xticks(places, [textwrap.fill(group, wrap) for group in groups], fontsize=7)
    else:
        axis.set_xticks(places, groups, rotation=30, ha="right", fontsize=8)
    axis.margins(y=0.15)  # room above the bars for their values
    if len(series) > 1:
        # Beside the panel, where it never covers a bar, however many series there are.
        axis.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), title=legend_title, title_fontsize=8)


def plot_compare_types(ds, folder, title, written):
    """The figures that tell the truck types apart, side by side, each bar with its value."""
    variables = ["headline_ownership_cny_per_tonne_km", "headline_co2_well_to_wheel_kg_per_tonne_km",
             "headline_co2_diesel_equivalent_kg_per_tonne_km", "headline_demand_met_share",
             "headline_mean_station_wait_hours", "headline_p95_station_wait_hours", "headline_energy_cost_cny_per_km"]
    if lacks(ds, variables, "comparison of the truck types at work"):
        return
    if ds.headline_ownership_cny_per_tonne_km.isnull().all():
        print("plot.py: no comparison of the truck types at work: no truck worked (a chain-only comparison?)",
              file=sys.stderr)
        return
    types = names(ds, "truck_type")

    figure, axes = panels(5)
    grouped_bars(axes[0], types, [("", ds.headline_ownership_cny_per_tonne_km.values)], wrap=18)
    axes[0].set_title("cost of ownership per tonne-km")
    axes[0].set_ylabel(axis_label("cost of ownership", units(ds.headline_ownership_cny_per_tonne_km)))
    diesel = ds.headline_co2_diesel_equivalent_kg_per_tonne_km.values
    co2 = [("well to wheel", ds.headline_co2_well_to_wheel_kg_per_tonne_km.values)]
    if (diesel > 0).any():
        co2.append(("the diesel type on the same trips", diesel))
        axes[1].set_title("well-to-wheel CO2 per tonne-km, against diesel")
    else:
        axes[1].set_title("well-to-wheel CO2 per tonne-km (no diesel type to compare with)")
    grouped_bars(axes[1], types, co2, wrap=18)
    axes[1].set_ylabel(axis_label("CO2", units(ds.headline_co2_well_to_wheel_kg_per_tonne_km)))
    grouped_bars(axes[2], types, [("", 100 * ds.headline_demand_met_share.values)], wrap=18)
    axes[2].set_title("share of the demand met (at sites that state theirs)")
    axes[2].set_ylabel(axis_label("tonnes moved over tonnes required", "%"))
    grouped_bars(axes[3], types, [("mean", ds.headline_mean_station_wait_hours.values),
                                  ("95th percentile", ds.headline_p95_station_wait_hours.values)], wrap=18)
    axes[3].set_title("wait at stations before service")
    axes[3].set_ylabel(axis_label("wait", units(ds.headline_mean_station_wait_hours)))
    grouped_bars(axes[4], types, [("", ds.headline_energy_cost_cny_per_km.values)], wrap=18)
    axes[4].set_title("energy cost per km (paid at stations)")
    axes[4].set_ylabel(axis_label("energy cost", units(ds.headline_energy_cost_cny_per_km)))
    for axis in axes:
        axis.set_xlabel("truck type")
        value_labels(axis)
    suptitle(figure, f"{title}: the whole plan as each truck type")
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
    grouped_bars(axis, sites, [(name, ownership.isel(truck_type=index).values)
                               for index, name in enumerate(names(ownership, "truck_type"))], "truck type")
    axis.set_xlabel("application site")
    axis.set_ylabel(axis_label("cost of ownership", units(ownership)))
    axis.set_title("cost of ownership per tonne-km at each site, the whole plan as each truck type")
    suptitle(figure, title)
    save(figure, folder, "compare_ownership_by_site.png", written)


# The summaries of a response over the points, each in <response>_<summary>: the mean and its 95% interval.
SUMMARIES = ("mean", "ci95_low", "ci95_high")


def experiment_responses(ds):
    """The responses of an experiment file (response_NAME over point and replication) whose mean and 95% interval
    it has; a note on stderr for each one lacking them."""
    found = [name for name in ds.data_vars
             if name.startswith("response_") and ds[name].dims == ("point", "replication")]
    return [name for name in found if not lacks(ds, [f"{name}_{summary}" for summary in SUMMARIES], f"plot of {name}")]


def response_summaries(ds, response):
    """The mean, 95% interval low and high of `response` at every point, in the unit of scale() of its means, and
    that unit."""
    factor, unit = scale(ds[f"{response}_mean"])
    return [ds[f"{response}_{summary}"].values.astype(float) / factor for summary in SUMMARIES], unit


def factor_set(ds):
    """Over (point, factor): True where the point sets the factor, False where it has it as the base does."""
    return np.array([[str(level) != "" for level in row] for row in ds.point_level.values], dtype=bool)


def factor_positions(ds, index, points):
    """Where `points` lie along factor `index`: its numbers when each of its levels there is one, and None; else
    the place of each level among its distinct levels (in the order they first come), and those levels."""
    values = ds.point_value.values[points, index].astype(float)
    if np.isfinite(values).all():
        return values, None
    levels = [str(level) for level in ds.point_level.values[points, index]]
    distinct = list(dict.fromkeys(levels))
    return np.array([distinct.index(level) for level in levels], dtype=float), distinct


def error_bars(mean, low, high):
    """The distances below and above `mean` of its 95% interval, as matplotlib's xerr or yerr take them (NaN: no
    bar, such as for one replication), or None when no value has an interval."""
    bars = np.array([np.maximum(mean - low, 0), np.maximum(high - mean, 0)])
    return bars if np.isfinite(bars).any() else None


def response_title(axis, ds, response):
    """The response's long_name over its panel."""
    axis.set_title(textwrap.fill(ds[response].attrs.get("long_name", response), 55), fontsize=8)


def plot_experiment(ds, folder, title, written):
    """An experiment: a tornado of a one-at-a-time design, and each response's mean against each factor."""
    if lacks(ds, ["point_level", "point_value"], "experiment plots"):
        return
    responses = experiment_responses(ds)
    if not responses or not ds.sizes.get("point") or not ds.sizes.get("factor"):
        print("plot.py: no experiment plots: the file has no points, factors or summarised responses",
              file=sys.stderr)
        return
    if ds.attrs.get("design") == "one_at_a_time":
        plot_experiment_tornado(ds, responses, folder, title, written)
    plot_experiment_responses(ds, responses, folder, title, written)


def plot_experiment_tornado(ds, responses, folder, title, written):
    """For each response, a bar pair per factor: the mean at its lowest and highest level less the base's."""
    figure, axes = panels(len(responses), width=15, height=max(3.0, 1.5 + 0.7 * ds.sizes["factor"]))
    for axis, response in zip(axes, responses):
        tornado(axis, ds, response)
    suptitle(figure, f"{title}: each factor alone at its lowest and highest level, the response's mean against "
                     "the base point's (error bars: the 95% confidence interval of the mean)")
    save(figure, folder, "experiment_tornado.png", written)


def tornado_rows(ds, mean):
    """A one-at-a-time design's factors as (swing, key, [point at the lowest level, at the highest]), the smallest
    swing first (a text factor's levels in their order); factors the file has at no point left out."""
    rows = []
    for index, key in enumerate(ds.factor.values):
        points = np.flatnonzero(factor_set(ds)[:, index])
        if not len(points):
            continue
        positions, _ = factor_positions(ds, index, points)
        ends = [points[np.argmin(positions)], points[np.argmax(positions)]]
        rows.append((abs(mean[ends[1]] - mean[ends[0]]), str(key), list(dict.fromkeys(ends))))
    return sorted(rows, key=lambda row: np.nan_to_num(row[0], nan=-1.0))


def tornado(axis, ds, response):
    """The tornado of one response on `axis`: the widest swing on top, each bar labelled with its level."""
    (mean, low, high), unit = response_summaries(ds, response)
    response_title(axis, ds, response)
    base = mean[0]
    if not np.isfinite(base):
        axis.text(0.5, 0.5, "no value at the base point (NaN): no tornado", ha="center", va="center")
        axis.axis("off")
        return
    # A change within rounding of the base (the same runs summed in another order) is none.
    changes = np.where(np.abs(mean - base) <= 1e-12 * abs(base), 0.0, mean - base)
    rows = tornado_rows(ds, mean)
    for place, (_, _, ends) in enumerate(rows):
        for end, (point, colour) in enumerate(zip(ends, PALETTE)):
            change = changes[point]
            offset = 0 if len(ends) == 1 else (end - 0.5) * 0.4
            level = next(str(text) for text in ds.point_level.values[point] if str(text) != "")
            axis.barh(place + offset, np.nan_to_num(change), 0.38, color=colour,
                      xerr=error_bars(mean[[point]], low[[point]], high[[point]]), capsize=3,
                      label=("lowest level", "highest level")[end] if place == 0 and len(ends) == 2 else None)
            axis.annotate(f" {level}: {figure_text(change)} ", (np.nan_to_num(change), place + offset), fontsize=7,
                          va="center", ha="left" if not change < 0 else "right")
    axis.axvline(0, color="black", linewidth=0.8)
    axis.set_yticks(range(len(rows)), [key for _, key, _ in rows], fontsize=7)
    axis.margins(x=0.3)
    axis.set_xlabel(axis_label(f"change from the base point's mean of {figure_text(base)} {unit}", unit))
    if axis.get_legend_handles_labels()[0]:
        axis.legend(fontsize=7, loc="lower right")


# How a panel of experiment_responses.png draws the points, as the figure's title says it.
PANEL_WAYS = {"alone": "each factor alone, the others as the base has them (dashed and shaded: the base point's mean "
                       "and interval)",
              "scatter": "every point of the Latin hypercube",
              "lines": "a line per level of the other factor",
              "averaged": "the means at each level averaged over the other factors' levels, the error bars the mean "
                          "of their intervals (no narrower than the interval of the average)",
              "joined": "",
              "sizing": "the servers the sizing search tried, in order of servers (dotted: the bound on the wait; "
                        "dashed: the fewest servers found to meet it)"}


def plot_experiment_responses(ds, responses, folder, title, written):
    """A panel per response and factor: the response's mean against the factor's level, with its 95% interval."""
    factors = ds.sizes["factor"]
    columns = min(factors, 3)
    figure, axes = panels(len(responses) * factors, columns=columns, width=6.5 * columns + 1, height=4.0)
    ways = []
    for number, axis in enumerate(axes):
        response, index = responses[number // factors], number % factors
        ways.append(response_against_factor(axis, ds, response, index))
        response_title(axis, ds, response)
    said = [PANEL_WAYS[way] for way in dict.fromkeys(ways) if PANEL_WAYS[way]]
    suptitle(figure, "; ".join([f"{title}: the responses' means against the factors, with their 95% confidence "
                                "intervals", *said]))
    save(figure, folder, "experiment_responses.png", written)


def panel_way(ds, index):
    """How the panel of factor `index` draws the points (a key of PANEL_WAYS): as the design has them, and with
    more than one other factor, or one with more levels than colours, the means averaged over the others."""
    design, others = ds.attrs.get("design"), ds.sizes["factor"] - 1
    if design == "sizing":
        return "sizing"
    if design == "one_at_a_time":
        return "alone"
    if design == "latin_hypercube":
        return "scatter"
    if design == "full_factorial" and others == 1 and len(set(ds.point_level.values[:, 1 - index])) <= len(PALETTE):
        return "lines"
    return "averaged" if others else "joined"


def response_against_factor(axis, ds, response, index):
    """The panel of `response` against factor `index`. Returns how it draws the points (panel_way)."""
    (mean, low, high), unit = response_summaries(ds, response)
    way = panel_way(ds, index)
    points = np.flatnonzero(factor_set(ds)[:, index]) if way == "alone" else np.arange(ds.sizes["point"])
    positions, levels = factor_positions(ds, index, points)
    if way == "alone":
        base_band(axis, mean[0], low[0], high[0])
    if way == "scatter":
        axis.errorbar(positions, mean[points], error_bars(mean[points], low[points], high[points]), fmt="o",
                      capsize=3, color=PALETTE[0])
    elif way == "lines":
        lines_by_other_factor(axis, ds, index, positions, (mean, low, high))
    elif way == "sizing":
        sizing_panel(axis, ds, response, positions, (mean, low, high))
    else:
        joined_means(axis, positions, [summary[points] for summary in (mean, low, high)], PALETTE[0])
    mean_axis(axis, mean[points], low[points], high[points], unit)
    if levels is not None:
        axis.set_xticks(range(len(levels)), [textwrap.fill(level, 15) for level in levels], fontsize=7)
    axis.set_xlabel(str(ds.factor.values[index]))
    if axis.get_legend_handles_labels()[0]:
        axis.legend(fontsize=7)
    return way


def sizing_panel(axis, ds, response, servers, summaries):
    """A sizing search's levels in order of servers, the bound over the wait it bounds (the first response) and
    the answer."""
    joined_means(axis, servers, summaries, PALETTE[0])
    axis.set_xlim(servers.min() - 0.5, servers.max() + 0.5)  # the levels tried, even where no mean is drawn
    if response == experiment_responses(ds)[0] and "sizing_bound_minutes" in ds:
        bound = float(ds.sizing_bound_minutes)
        axis.axhline(bound, color="black", linestyle=":", label=f"bound: {figure_text(bound)} min")
    if "sizing_fewest_servers" in ds and int(ds.sizing_fewest_servers) >= 0:
        fewest = int(ds.sizing_fewest_servers)
        axis.axvline(fewest, color=PALETTE[1], linestyle="--", label=f"fewest found: {fewest}")


def mean_axis(axis, mean, low, high, unit):
    """The value axis of a panel of means: labelled with their unit, around the value when all are one, and a
    note when there is none."""
    axis.set_ylabel(axis_label("mean", unit))
    shown = mean[np.isfinite(mean)]
    if not len(shown):
        axis.text(0.5, 0.5, "no value at these points (NaN)", ha="center", va="center", transform=axis.transAxes)
    elif np.ptp(np.concatenate([shown, low, high])) == 0:
        axis.set_ylim(shown[0] - max(abs(shown[0]), 1), shown[0] + max(abs(shown[0]), 1))


def base_band(axis, mean, low, high):
    """The base point's mean (dashed) and its 95% interval (shaded) across the panel."""
    if np.isfinite(low) and np.isfinite(high):
        axis.axhspan(low, high, color="grey", alpha=0.2, linewidth=0)
    if np.isfinite(mean):
        axis.axhline(mean, color="grey", linestyle="--", label=f"base point: {figure_text(mean)}")


def joined_means(axis, positions, summaries, colour, label=None):
    """Means at `positions` joined in their order, with their 95% interval as error bars; points at the same
    position averaged (the mean of their means and of their intervals' ends)."""
    distinct = np.unique(positions)
    mean, low, high = ([summary[positions == place].mean() for place in distinct] for summary in summaries)
    mean, low, high = np.array(mean), np.array(low), np.array(high)
    axis.errorbar(distinct, mean, error_bars(mean, low, high), fmt="o-", capsize=3, color=colour, label=label)


def lines_by_other_factor(axis, ds, index, positions, summaries):
    """A full factorial of two factors: a line against factor `index` per level of the other."""
    other = 1 - index
    other_levels = [str(level) for level in ds.point_level.values[:, other]]
    for number, level in enumerate(dict.fromkeys(other_levels)):
        points = np.array([entry == level for entry in other_levels])
        joined_means(axis, positions[points], [summary[points] for summary in summaries],
                     PALETTE[number % len(PALETTE)], label=f"{ds.factor.values[other]} = {level}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="results file written by truckflow run, compare or experiment -o")
    parser.add_argument("-o", "--output", default=None, help="folder for the PNGs (default: the file's folder)")
    parser.add_argument("--lang", choices=["en", "zh"], default="en",
                        help="language of the region and truck type names (default: en)")
    args = parser.parse_args()
    if setup_fonts() is None and args.lang == "zh":
        print("plot.py: no Noto Sans CJK font (Debian's fonts-noto-cjk): Chinese names will draw as boxes",
              file=sys.stderr)
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
        # Into memory once (a lazy variable is read again at each resampling), without the station-visit and
        # posting tables, which no plot uses and which can hold millions of rows.
        ds = with_names(ds.drop_dims([dim for dim in ("visit", "posting") if dim in ds.dims]).load(), args.lang)
        title = ds.attrs.get("scenario_name", path.name)
        written = []
        if kind == "run":
            plot_run(ds, folder, title, written)
            plot_stations(ds, folder, title, written)
            plot_value(ds, folder, title, written)
        elif kind == "compare":
            plot_compare(ds, folder, title, written)
        elif kind == "experiment":
            plot_experiment(ds, folder, ds.attrs.get("experiment_name", path.name), written)
        else:
            print(f"plot.py: {path} is not a truckflow results file", file=sys.stderr)
            return 2
    for item in written:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
