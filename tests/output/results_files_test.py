#!/usr/bin/python3
"""Results files as users meet them: read with xarray (both engines), deterministic, written
atomically, compared across truck types, plotted.

Run by CTest: results_files_test.py TRUCKFLOW SOURCE_DIR TestCase[.test_method]
(uses Debian's python3-xarray, -h5netcdf, -netcdf4, -h5py and -matplotlib: run with /usr/bin/python3;
and r-cran-ncdf4 for the R example of docs/output.md).
"""
import contextlib
import importlib.util
import io
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import h5py
import numpy as np
import xarray as xr

TRUCKFLOW = None
SOURCE = None


def truckflow(*args, timeout=600):
    return subprocess.run([TRUCKFLOW, *map(str, args)], cwd=SOURCE, capture_output=True, text=True, timeout=timeout)


def data_of(path):
    """Every dataset's values (and its attributes, except provenance that names the output path)."""
    content = {}
    with h5py.File(path, "r") as f:
        for name, dataset in f.items():
            values = dataset[()]
            if isinstance(values, np.ndarray) and values.dtype.kind in "if":
                values = values.tobytes()  # NaN (a stage no truck waited in) equals itself byte for byte
            content[name] = (values.tolist() if hasattr(values, "tolist") else values,
                             {k: str(v) for k, v in dataset.attrs.items() if k not in ("DIMENSION_LIST", "REFERENCE_LIST")})
    return content


class Workspace(unittest.TestCase):
    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="truckflow_results_"))

    def tearDown(self):
        for item in self.folder.iterdir():
            item.unlink()
        self.folder.rmdir()


class XarrayReading(Workspace):
    """A run's file opens with one xarray call: named dimensions, dates, units, the run's values."""

    def test_run_file(self):
        out = self.folder / "upfit.h5"
        run = truckflow("run", "scenarios/tiny/upfit.yaml", "-o", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        printed_total = re.search(r"^\s+total\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", run.stdout, re.M)
        self.assertIsNotNone(printed_total, run.stdout)
        ordered, built, delivered, backlog = map(int, printed_total.groups())
        for engine in ("h5netcdf", "netcdf4"):
            with self.subTest(engine=engine), xr.open_dataset(out, engine=engine) as ds:
                self.assertEqual(dict(ds.sizes), {"time": 366, "region": 2, "factory": 1, "supplier": 2, "site": 1,
                                                  "upfitter": 1, "stage": 8, "activity": 7, "truck_type": 1,
                                                  "delivery": 4, "establishment": 14, "flow_kind": 12,
                                                  "region_flow": 6, "road": 1})
                self.assertEqual(list(ds.stage.values)[:2], ["order_processing", "awaiting_components"])
                self.assertEqual(ds.region_fleet_trucks.dims, ("time", "region", "truck_type"))
                self.assertEqual(list(ds.region.values), ["a", "b"])
                self.assertEqual(ds.time.dtype, np.dtype("datetime64[ns]"))
                self.assertEqual(str(ds.time.values[0])[:19], "2026-01-01T00:00:00")
                self.assertEqual(str(ds.time.values[-1])[:19], "2027-01-01T00:00:00")
                for name, variable in ds.variables.items():
                    self.assertIn("long_name", variable.attrs, name)
                    if variable.dtype.kind in "if" and name not in ds.dims and "flag_values" not in variable.attrs:
                        self.assertIn("units", variable.attrs, name)
                self.assertEqual(ds.region_fleet_trucks.attrs["units"], "trucks")
                # The values the run printed.
                self.assertEqual(int(ds.factory_trucks_ordered.isel(time=-1).sum()), ordered)
                self.assertEqual(int(ds.factory_trucks_built.isel(time=-1).sum()), built)
                self.assertEqual(int(ds.region_fleet_trucks.isel(time=-1).sum()), delivered)
                self.assertEqual(int(ds.factory_trucks_delivered.isel(time=-1).sum()), delivered)
                self.assertEqual(list(ds.site_operator.values[ds.delivery_site.values]), ["Quarry fleet"] * 4)
                self.assertEqual(int(ds.factory_backlog_trucks.isel(time=-1).sum()), backlog)
                self.assertEqual(float(ds.headline_trucks_delivered), delivered)
                # Worked out by hand (scenarios/tiny/upfit.yaml): the first truck reaches the quarry at 17 h.
                self.assertEqual(str(ds.delivery_delivered_time.values[0])[:19], "2026-01-01T17:00:00")
                self.assertEqual(list(ds.delivery_upfitter.values), [0] * 4)
                self.assertEqual(ds.delivery_upfitter.attrs["flag_meanings"], "_none body_shop")
                self.assertNotIn("units", ds.delivery_upfitter.attrs, "CF: codes have no units")
                self.assertEqual(list(np.atleast_1d(ds.delivery_upfitter.attrs["flag_values"])), [-1, 0])
                self.assertEqual(ds.delivery_upfitter.attrs["truckflow_codes_of"], "upfitter")
                self.assertAlmostEqual(float(ds.headline_fleet_purchase_cost_cny), 4 * 400000)
                self.assertEqual(ds.attrs["scenario_name"], "Two regions, with an upfitter")
                self.assertEqual(int(ds.attrs["random_seed"]), 1)
                self.assertIn("body_shop", str(ds.scenario_yaml.values))
        with h5py.File(out, "r") as f:
            dataset = f["factory_trucks_built"]
            self.assertIsNotNone(dataset.chunks)
            self.assertTrue(dataset.shuffle)
            self.assertEqual(dataset.compression, "gzip")
            self.assertEqual(f["region_name_en"].dtype.metadata["vlen"], str)

    def test_a_file_netcdf_c_wrote_again_is_not_damaged(self):
        # xarray through netCDF-C (engine netcdf4) keeps everything but lays the global heap out in
        # another order; inspect once called that file damaged.
        out, again = self.folder / "upfit.h5", self.folder / "again.nc"
        self.assertEqual(truckflow("run", "scenarios/tiny/upfit.yaml", "-o", out, "-q").returncode, 0)
        with xr.open_dataset(out) as ds:
            ds.to_netcdf(again, engine="netcdf4")
        inspected = truckflow("inspect", again)
        self.assertEqual(inspected.returncode, 0, inspected.stderr)
        self.assertIn("trucks_delivered", inspected.stdout)

    def test_chinese_names_survive(self):
        out = self.folder / "sichuan.h5"
        run = truckflow("run", "scenarios/sichuan.yaml", "--chain-only", "-o", out, "--quiet")
        self.assertEqual(run.returncode, 0, run.stderr)
        with xr.open_dataset(out, engine="netcdf4") as ds:
            self.assertEqual(list(ds.region_name_zh.values)[:2], ["成都", "攀枝花"])
            self.assertGreaterEqual(int(ds.headline_trucks_delivered), 10000)


class PandasReading(Workspace):
    """The pandas example of docs/output.md, run as written on a real file: the delivery table with
    its categorical codes turned back into ids."""

    def test_the_documented_pandas_example(self):
        out = self.folder / "upfit.h5"
        self.assertEqual(truckflow("run", "scenarios/tiny/upfit.yaml", "-o", out, "-q").returncode, 0)
        doc = (SOURCE / "docs/output.md").read_text(encoding="utf-8")
        example = next((block for block in re.findall(r"```python\n(.*?)```", doc, re.S) if "def events" in block),
                       None)
        self.assertIsNotNone(example, "no pandas example in docs/output.md")
        with xr.open_dataset(out) as ds:
            scope = {"ds": ds}
            exec(example, scope)  # pylint: disable=exec-used
            trucks = scope["trucks"]
            self.assertEqual(len(trucks), 4)
            self.assertEqual(list(trucks.delivery_upfitter), ["body_shop"] * 4)
            self.assertEqual(list(trucks.delivery_site), ["quarry"] * 4)
            self.assertEqual(list(trucks.delivery_region), ["b"] * 4)
            self.assertEqual(list(trucks.delivery_truck_type), ["truck"] * 4)
            self.assertAlmostEqual(float(trucks.delivery_lead_time_days.iloc[0]), 17 / 24)


class RReading(Workspace):
    """The R example of docs/output.md, run as written (Debian's r-cran-ncdf4) on a real file."""

    def test_the_documented_r_example(self):
        out = self.folder / "sichuan.h5"
        self.assertEqual(truckflow("run", "scenarios/sichuan.yaml", "--chain-only", "-o", out, "-q").returncode, 0)
        doc = (SOURCE / "docs/output.md").read_text(encoding="utf-8")
        example = re.search(r"```r\n(.*?)```", doc, re.S)
        self.assertIsNotNone(example, "no R example in docs/output.md")
        self.assertIn('"results/sichuan.h5"', example.group(1))
        with h5py.File(out, "r") as f:
            shape = f["region_fleet_trucks"].shape
            delivered = int(f["headline_trucks_delivered"][()])
        checks = f"""
stopifnot(identical(dim(fleet), c({shape[2]}L, {shape[1]}L, {shape[0]}L)))  # reversed: truck_type, region, time
stopifnot(format(time[1], "%Y-%m-%d %H:%M") == "2026-01-01 00:00")
stopifnot(format(time[length(time)], "%Y-%m-%d") == "2034-01-01")
stopifnot(regions[1] == "chengdu", length(regions) == {shape[1]})
stopifnot(sum(fleet[, , dim(fleet)[3]]) == {delivered})
cat("the R example reads the file\n")
"""
        script = self.folder / "example.R"
        script.write_text(example.group(1).replace('"results/sichuan.h5"', f'"{out}"') + checks, encoding="utf-8")
        run = subprocess.run(["Rscript", script], capture_output=True, text=True, timeout=600)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn('[1] "trucks"', run.stdout, "the units attribute, printed by the example")
        self.assertIn("the R example reads the file", run.stdout)


class StationVisits(Workspace):
    """--station-visits adds the visit table, one row per visit, which agrees with the series; without
    the flag there is none. Also the pandas example of docs/output.md for it, run as written."""

    def test_the_table_agrees_with_the_series(self):
        out = self.folder / "operations.h5"
        run = truckflow("run", "scenarios/tiny/operations.yaml", "--station-visits", "-o", out, "-q")
        self.assertEqual(run.returncode, 0, run.stderr)
        for engine in ("h5netcdf", "netcdf4"):
            with self.subTest(engine=engine), xr.open_dataset(out, engine=engine) as ds:
                visits = ds.sizes["visit"]
                self.assertGreater(visits, 0)
                self.assertEqual(visits, int(ds.headline_station_visits))
                self.assertEqual(visits, int(ds.station_visits.isel(time=-1).sum()))
                self.assertEqual(ds.visit_station.dims, ("visit",))
                for column, dimension in (("visit_station", "station"), ("visit_truck_type", "truck_type"),
                                          ("visit_site", "site")):
                    codes = ds[column].values
                    self.assertTrue(((codes >= 0) & (codes < ds.sizes[dimension])).all(), column)
                    self.assertEqual(ds[column].attrs["truckflow_codes_of"], dimension)
                    self.assertEqual(ds[column].attrs["flag_meanings"].split(), list(ds[dimension].values))
                # Visits per station, as the series counts them.
                per_station = np.bincount(ds.visit_station.values, minlength=ds.sizes["station"])
                self.assertEqual(per_station.tolist(), ds.station_visits.isel(time=-1).values.tolist())
                self.assertTrue((ds.visit_waited_hours.values >= 0).all())
                self.assertTrue((ds.visit_served_hours.values > 0).all())
                self.assertTrue((ds.visit_units.values > 0).all())
                self.assertAlmostEqual(float(ds.visit_waited_hours.sum()), float(ds.station_wait_hours.isel(time=-1).sum()),
                                       places=6)
                self.assertAlmostEqual(float(ds.visit_cost_cny.sum()), float(ds.energy_cost_cny.isel(time=-1).sum()),
                                       places=4)
                self.assertEqual(ds.visit_arrived_time.dtype, np.dtype("datetime64[ns]"))
                self.assertTrue((ds.visit_arrived_time.values >= ds.time.values[0]).all())
                self.assertTrue((ds.visit_arrived_time.values <= ds.time.values[-1]).all())
                self.assertEqual(ds.visit_waited_hours.attrs["units"], "h")
                self.assertIn("differs from row to row", ds.visit_units.attrs["long_name"])
        inspected = truckflow("inspect", out)
        self.assertEqual(inspected.returncode, 0, inspected.stderr)
        self.assertIn("visit_cost_cny", inspected.stdout)

    def test_no_table_without_the_flag(self):
        out = self.folder / "operations.h5"
        self.assertEqual(truckflow("run", "scenarios/tiny/operations.yaml", "-o", out, "-q").returncode, 0)
        with xr.open_dataset(out) as ds:
            self.assertNotIn("visit", ds.sizes)
            self.assertEqual([v for v in ds.variables if v.startswith("visit_")], [])

    def test_the_flag_needs_a_results_file(self):
        run = truckflow("run", "scenarios/tiny/operations.yaml", "--station-visits", "-q")
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn("--output", run.stderr)

    def test_the_documented_pandas_example(self):
        out = self.folder / "operations.h5"
        self.assertEqual(truckflow("run", "scenarios/tiny/operations.yaml", "--station-visits", "-o", out,
                                   "-q").returncode, 0)
        doc = (SOURCE / "docs/output.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
        events = next((block for block in blocks if "def events" in block), None)
        example = next((block for block in blocks if "visits = events(ds" in block), None)
        self.assertIsNotNone(example, "no pandas example of the visit table in docs/output.md")
        with xr.open_dataset(out) as ds:
            scope = {"ds": ds}
            exec(events.split("trucks = ")[0] + example, scope)  # pylint: disable=exec-used
            visits = scope["visits"]
            self.assertEqual(len(visits), ds.sizes["visit"])
            self.assertEqual(set(visits.visit_station), set(ds.station.values[np.unique(ds.visit_station.values)]))


class RegionFlowReading(Workspace):
    """The pandas example of the region-flow table in docs/output.md, run as written on
    scenarios/tiny/sharing.yaml, whose truck sales are worked by hand: 4 trucks a year at 400,000 CNY
    from region A's factory to region B's fleet, 2026-2029."""

    def test_the_documented_pandas_example(self):
        out = self.folder / "sharing.h5"
        self.assertEqual(truckflow("run", "scenarios/tiny/sharing.yaml", "-o", out, "-q").returncode, 0)
        doc = (SOURCE / "docs/output.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
        events = next((block for block in blocks if "def events" in block), None)
        example = next((block for block in blocks if "flows = events(ds" in block), None)
        self.assertIsNotNone(example, "no pandas example of the region-flow table in docs/output.md")
        with xr.open_dataset(out) as ds:
            scope = {"ds": ds}
            exec(events.split("trucks = ")[0] + example, scope)  # pylint: disable=exec-used
            self.assertEqual(len(scope["flows"]), ds.sizes["region_flow"])
            self.assertEqual(scope["truck_sales"].to_dict(), {2026: 1.6e6, 2027: 1.6e6, 2028: 1.6e6, 2029: 1.6e6})
            self.assertAlmostEqual(float(scope["between"].loc["b", "a"]), 4 * 1.6)
            # The table adds up to the money the regions paid, flow by flow.
            paid = ds.money_paid_cny.isel(time=-1)
            for region in ("a", "b"):
                from_region = scope["flows"][scope["flows"].region_flow_payer_region == region]
                self.assertAlmostEqual(from_region.region_flow_amount_cny.sum(),
                                       float(paid.sel(region=region).sum()) - self.central(ds, region), places=2)

    @staticmethod
    def central(ds, region):
        """What the region's establishments paid the central government (in no region): taxes."""
        taxes = ds.money_paid_cny.isel(time=-1).sel(region=region, flow_kind="tax")
        return float(taxes) - float(ds.tax_collected_cny.isel(time=-1).sel(region=region))


class Ledger(Workspace):
    """run --ledger: a row per posting, in fen, that adds up exactly to the accounts of the run's
    series (scenarios/tiny/sharing.yaml, its truck sales worked by hand)."""

    def test_the_posting_table(self):
        out = self.folder / "ledger.h5"
        run = truckflow("run", "scenarios/tiny/sharing.yaml", "--ledger", "-o", out, "-q",
                        "--set", "sharing_rules[capped].active=true")
        self.assertEqual(run.returncode, 0, run.stderr)
        with xr.open_dataset(out) as ds:
            self.assertGreater(ds.sizes["posting"], 0)
            self.assertEqual(ds.posting_amount_fen.dtype, np.int64)
            kinds = list(ds.flow_kind.values)
            kind = ds.posting_kind.values
            amount = ds.posting_amount_fen.values
            self.assertEqual(int(amount[kind == kinds.index("truck_sale")].sum()), 16 * 40_000_000)
            self.assertEqual(int(amount[kind == kinds.index("sharing_transfer")].sum()), 15_000_000)
            # Every posting balances: what all establishments received less what they paid is 0.
            received = np.bincount(ds.posting_payee.values, weights=amount, minlength=ds.sizes["establishment"])
            paid = np.bincount(ds.posting_payer.values, weights=amount, minlength=ds.sizes["establishment"])
            self.assertEqual(int(received.sum() - paid.sum()), 0)
            # And the table is the accounts: each establishment's output, to the fen.
            output = ds.establishment_output_cny.isel(time=-1).values
            chain = np.isin(ds.establishment_kind.values,
                            ["supplier", "factory", "upfitter", "station", "energy_source", "fleet_operator"])
            sales = np.isin(kind, [kinds.index(k) for k in ("component_sale", "truck_sale", "upfit", "energy_purchase",
                                                            "energy_sale", "freight_service", "maintenance",
                                                            "inputs")])
            by_payee = np.bincount(ds.posting_payee.values[sales], weights=amount[sales],
                                   minlength=ds.sizes["establishment"])
            np.testing.assert_array_equal(np.round(output[chain] * 100), by_payee[chain])

    def test_without_the_flag_there_is_none(self):
        out = self.folder / "plain.h5"
        self.assertEqual(truckflow("run", "scenarios/tiny/sharing.yaml", "-o", out, "-q").returncode, 0)
        with xr.open_dataset(out) as ds:
            self.assertNotIn("posting", ds.sizes)

    def test_it_needs_a_results_file(self):
        run = truckflow("run", "scenarios/tiny/sharing.yaml", "--ledger", "-q")
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn("--output", run.stderr)


class Determinism(Workspace):
    """The same scenario and seed give identical data, run after run (trucks at work included: the
    default scenario's first two years)."""

    def test_two_runs_are_identical(self):
        first, second = self.folder / "first.h5", self.folder / "second.h5"
        for out in (first, second):
            run = truckflow("run", "scenarios/sichuan.yaml", "--set", "simulation.horizon_years=2", "-o", out,
                            "--quiet", "--seed", 11)
            self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(data_of(first), data_of(second))

    def test_another_seed_is_recorded(self):
        out = self.folder / "seed.h5"
        self.assertEqual(truckflow("run", "scenarios/tiny/two_regions.yaml", "-o", out, "--seed", 12345).returncode, 0)
        with h5py.File(out, "r") as f:
            self.assertEqual(int(f.attrs["random_seed"]), 12345)


class Compare(Workspace):
    """compare writes one file with a truck_type dimension holding every requested type, and
    gives the same data whatever the number of runs at once. The chain only, as the scenario gives
    it (--as-given): the types then deliver differently, as their suppliers allow."""

    def test_truck_type_dimension_and_thread_count(self):
        types = ["bev_swap", "mhev", "diesel"]
        files = []
        for jobs in (1, 2):
            out = self.folder / f"compare_{jobs}.h5"
            run = truckflow("compare", "scenarios/sichuan.yaml", "--chain-only", "--as-given", "--types",
                            ",".join(types), "--jobs", jobs, "-o", out, "--quiet")
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertRegex(run.stdout, r"bev_swap\s+mhev\s+diesel")
            self.assertRegex(run.stdout, r"trucks_delivered \[trucks\]")
            files.append(out)
        with xr.open_dataset(files[0], engine="h5netcdf") as ds:
            self.assertEqual(list(ds.truck_type.values), types)
            self.assertEqual(ds.region_fleet_trucks.dims, ("time", "region", "truck_type"))
            self.assertEqual(ds.headline_trucks_ordered.dims, ("truck_type",))
            self.assertEqual(ds.attrs["truckflow_kind"], "compare")
            # Every run orders the same plan; each assigns all of it to its type.
            ordered = ds.headline_trucks_ordered.values
            self.assertTrue((ordered == ordered[0]).all() and ordered[0] > 10000)
            # Each run's column of the series is that run's: its fleet at the end is its headline figure.
            fleet_at_end = ds.region_fleet_trucks.isel(time=-1).sum("region")
            self.assertEqual(list(fleet_at_end.values), list(ds.headline_trucks_delivered.values))
            self.assertGreater(len(set(ds.headline_trucks_delivered.values)), 1, "the types deliver differently")
        self.assertEqual(data_of(files[0]), data_of(files[1]))

    def test_unknown_type_is_bad_input(self):
        run = truckflow("compare", "scenarios/sichuan.yaml", "--types", "bev_swap,hovercraft")
        self.assertEqual(run.returncode, 2)
        self.assertIn("unknown truck type 'hovercraft'", run.stderr)


class CompareRules(Workspace):
    """compare --rules writes one file with a rule_set dimension; each set's column is that run's,
    and the runs of several jobs give the same data. scenarios/tiny/sharing.yaml is worked by hand:
    a 6:4 split of region A's 6.4 M CNY of value-added credits 2.56 M to B; the capped rule moves
    0.15 M of tax."""

    def test_rule_set_dimension(self):
        files = []
        for jobs in (1, 2):
            out = self.folder / f"rules_{jobs}.h5"
            run = truckflow("compare", "scenarios/tiny/sharing.yaml", "--rules", "six_four,capped,none", "--set",
                            "economics.statistics_sharing_honoured=true", "--jobs", jobs, "-o", out, "--quiet")
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn("rule_set is the run dimension", run.stderr)
            files.append(out)
        with xr.open_dataset(files[0], engine="h5netcdf") as ds:
            self.assertEqual(list(ds.rule_set.values), ["six_four", "capped", "none"])
            self.assertEqual(ds.attrs["compared_rule_sets"], "six_four,capped,none")
            self.assertEqual(ds.sharing_settled_cny.dims, ("time", "sharing_rule", "rule_set"))
            self.assertEqual(ds.region_fleet_trucks.dims, ("time", "region", "truck_type", "rule_set"))
            self.assertEqual(ds.ownership_cny.dims, ("site", "truck_type", "rule_set"))
            active = ds.sharing_rule_active.transpose("sharing_rule", "rule_set")
            self.assertEqual(active.sel(sharing_rule="six_four").values.tolist(), ["yes", "no", "no"])
            self.assertEqual(active.sel(sharing_rule="capped").values.tolist(), ["no", "yes", "no"])
            settled = ds.headline_sharing_settled_cny
            self.assertEqual(settled.dims, ("rule_set",))
            self.assertEqual(list(settled.values), [2_560_000.0, 150_000.0, 0.0])
            credited = ds.value_added_credited_cny.isel(time=-1)
            self.assertEqual(list(credited.sel(rule_set="six_four").values), [3_840_000.0, 2_560_000.0])
            self.assertEqual(list(credited.sel(rule_set="none").values), [6_400_000.0, 0.0])
            tax = ds.tax_after_transfers_cny.isel(time=-1)
            self.assertEqual(float(tax.sel(rule_set="none", region="b")), 0.0)
            self.assertEqual(float(tax.sel(rule_set="capped", region="b")), 150_000.0)
            # The region-flow table holds each run's rows: only the capped run moves tax, 150,000 in all.
            kinds = list(ds.flow_kind.values)
            transfer = ds.region_flow_kind.values == kinds.index("sharing_transfer")
            for run, moved in enumerate([0.0, 150_000.0, 0.0]):
                rows = transfer & (ds.region_flow_run.values == run)
                self.assertEqual(ds.region_flow_amount_cny.values[rows].sum(), moved, run)
        self.assertEqual(data_of(files[0]), data_of(files[1]))
        inspected = truckflow("inspect", files[0])
        self.assertEqual(inspected.returncode, 0, inspected.stderr)
        self.assertRegex(inspected.stdout, r"Headline figures\n +six_four +capped +none\n")


class Atomicity(Workspace):
    """A run never leaves a partial file under the requested name, and never destroys a file it
    failed to replace."""

    LONG = ("run", "scenarios/sichuan.yaml", "--chain-only", "--set", "simulation.sample_interval_days=0.125", "--quiet")

    def sentinel(self):
        """An HDF5 file standing for the results of an earlier run; returns its path and bytes."""
        out = self.folder / "existing.h5"
        with h5py.File(out, "w") as f:
            f.attrs["note"] = "results of an earlier run"
        return out, out.read_bytes()

    def leftovers(self):
        return [p.name for p in self.folder.iterdir() if ".tmp-" in p.name]

    def test_bad_input_creates_no_file(self):
        out = self.folder / "new.h5"
        run = truckflow("run", "tests/scenarios/bad/many_errors.yaml", "-o", out)
        self.assertEqual(run.returncode, 2)
        self.assertFalse(out.exists())
        self.assertEqual(list(self.folder.iterdir()), [])

    def test_an_existing_file_survives_bad_input(self):
        out, before = self.sentinel()
        run = truckflow("run", "scenarios/tiny/two_regions.yaml", "-o", out, "--set", "simulation.horizon_years=0")
        self.assertEqual(run.returncode, 2)
        self.assertEqual(out.read_bytes(), before)
        self.assertEqual(self.leftovers(), [])

    def test_an_existing_file_survives_ctrl_c(self):
        out, before = self.sentinel()
        process = subprocess.Popen([TRUCKFLOW, *self.LONG, "-o", out], cwd=SOURCE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        catching(process.pid, signal.SIGINT)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=600)
        if process.returncode == 0:
            self.skipTest("the run finished before the signal arrived")
        self.assertEqual(process.returncode, -signal.SIGINT, "ended by the signal (a shell shows 130)\n" + err)
        self.assertIn("interrupted; no results were written", err)
        self.assertEqual(out.read_bytes(), before)
        self.assertEqual(self.leftovers(), [])

    def test_sigterm_stops_cleanly(self):
        out, before = self.sentinel()
        process = subprocess.Popen([TRUCKFLOW, *self.LONG, "-o", out], cwd=SOURCE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        catching(process.pid, signal.SIGTERM)
        process.terminate()
        _, err = process.communicate(timeout=600)
        if process.returncode == 0:
            self.skipTest("the run finished before the signal arrived")
        self.assertEqual(process.returncode, -signal.SIGTERM, "ended by the signal (a shell shows 143)\n" + err)
        self.assertIn("no results were written", err)
        self.assertEqual(out.read_bytes(), before)
        self.assertEqual(self.leftovers(), [])

    def test_ctrl_c_stops_a_shell_loop_of_runs(self):
        """Ctrl-C reaches the whole foreground process group; bash stops its loop only if the run it
        waited for died of the signal."""
        loop = (f"for i in 1 2 3; do '{TRUCKFLOW}' {' '.join(self.LONG)} -o '{self.folder}/loop.h5'; "
                "echo \"status $?\"; done; echo loop-finished")
        process = subprocess.Popen(["bash", "-c", loop], cwd=SOURCE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, start_new_session=True)
        time.sleep(0.3)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=600)
        if out.startswith("status 0"):
            self.skipTest("the first run finished before the signal arrived")
        self.assertIn("interrupted; no results were written", err)
        self.assertNotIn("loop-finished", out, "the loop went on after Ctrl-C")
        self.assertEqual(self.leftovers(), [])

    def test_a_killed_run_leaves_no_partial_file(self):
        out = self.folder / "killed.h5"
        outcomes = {"killed before publishing": 0, "killed after publishing": 0, "finished": 0}
        delay = 0.02
        while outcomes["finished"] == 0 and delay < 60:
            process = subprocess.Popen([TRUCKFLOW, *self.LONG, "-o", out], cwd=SOURCE, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(delay)
            process.kill()
            process.wait()
            if out.exists():
                # Published before the kill (or the run finished): the file must be whole.
                with xr.open_dataset(out, engine="h5netcdf") as ds:
                    self.assertEqual(ds.sizes["time"], 23377, f"a partial file after a kill at {delay:.2f} s")
                    self.assertEqual(ds.sizes["delivery"], int(ds.headline_trucks_delivered))
                outcomes["finished" if process.returncode == 0 else "killed after publishing"] += 1
                out.unlink()
            else:
                self.assertNotEqual(process.returncode, 0)
                outcomes["killed before publishing"] += 1
            for leftover in self.leftovers():  # only the temporary file may remain after SIGKILL
                (self.folder / leftover).unlink()
            delay *= 1.25
        self.assertGreater(outcomes["killed before publishing"], 5, outcomes)

RUN_PNGS = ["production_and_deliveries.png", "fleet_and_backlog.png", "suppliers.png", "supplier_stockouts.png",
            "trucks_by_stage.png", "waiting.png", "upfitters.png", "lead_times.png", "deliveries_by_year.png",
            "energy_and_co2_by_year.png", "station_servers.png", "station_wait_by_year.png",
            "station_utilization_by_year.png", "station_queue.png", "station_dry_hours_by_year.png",
            "station_stock.png", "station_wait_summary.png", "value_added_by_region.png", "value_added_by_year.png",
            "money_between_regions.png", "sharing_rules.png"]
COMPARE_PNGS = ["compare_over_time.png", "compare_headline.png", "compare_by_truck_type.png",
                "compare_ownership_by_site.png"]


def catching(pid, signum, timeout_s=120):
    """Waits until process `pid` has installed its handler for `signum` (SigCgt in /proc/PID/status), so that a
    signal sent next is caught, not fatal, however slowly the process starts (sanitizers, a busy machine); False if
    the process ended first. A fixed sleep raced with a slow start: the signal killed the run before its handler."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            status = pathlib.Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return False
        if re.search(r"^State:\s*[ZX]", status, re.M):
            return False
        if int(re.search(r"^SigCgt:\s*([0-9a-f]+)", status, re.M).group(1), 16) >> (signum - 1) & 1:
            return True
        time.sleep(0.01)
    raise AssertionError(f"process {pid} did not catch signal {signum} within {timeout_s} s")


def load_plot_module():
    """scripts/plot.py as a module, to call its functions."""
    spec = importlib.util.spec_from_file_location("plot", SOURCE / "scripts/plot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Plots(Workspace):
    """scripts/plot.py writes the PNGs of a run and of a comparison."""

    def test_plots(self):
        run_file, compare_file = self.folder / "run.h5", self.folder / "compare.h5"
        # The default scenario's first two years, trucks at work included.
        short = ("--set", "simulation.horizon_years=2")
        self.assertEqual(truckflow("run", "scenarios/sichuan.yaml", *short, "-o", run_file, "-q").returncode, 0)
        self.assertEqual(truckflow("compare", "scenarios/sichuan.yaml", *short, "--types", "bev_swap,fcev", "-o",
                                   compare_file, "-q").returncode, 0)
        rules_file = self.folder / "rules.h5"
        self.assertEqual(truckflow("compare", "scenarios/tiny/sharing.yaml", "--rules", "six_four,none", "-o",
                                   rules_file, "-q").returncode, 0)
        for results, pngs in ((run_file, RUN_PNGS), (compare_file, COMPARE_PNGS), (rules_file, ["compare_rules.png"])):
            plot = subprocess.run([sys.executable, SOURCE / "scripts/plot.py", results, "-o", self.folder],
                                  capture_output=True, text=True, timeout=600)
            self.assertEqual(plot.returncode, 0, plot.stderr)
            self.assertEqual(sorted(pathlib.Path(line).name for line in plot.stdout.split()), sorted(pngs))
            for png in pngs:
                path = self.folder / png
                self.assertTrue(path.exists(), png)
                self.assertEqual(path.read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
                self.assertGreater(path.stat().st_size, 10000, png)

    def test_many_rule_sets_make_a_table_and_legends_cover_no_bar(self):
        """Beyond MOST_BARS_IN_A_GROUP rule sets, compare_rules.png is a table of coloured cells, a row per set,
        growing down, not a strip of bars growing sideways under a legend taller than the panel; with few sets, the
        bars' legend stands beside the panel, clear of every bar."""
        plot = load_plot_module()
        figures = {}
        plot.save = lambda figure, folder, name, written: figures.__setitem__(name, figure)
        many = ["none", "six_four", "capped", "guaranteed", "stepped", "one_tenth", "six_four+capped",
                "six_four+stepped", "one_tenth+capped", "capped+guaranteed"]
        self.assertGreater(len(many), plot.MOST_BARS_IN_A_GROUP)
        for sets in (many, many[:3]):
            with self.subTest(sets=len(sets)):
                results = self.folder / f"rules{len(sets)}.h5"
                self.assertEqual(truckflow("compare", "scenarios/tiny/sharing.yaml", "--rules", ",".join(sets), "-o",
                                           results, "-q").returncode, 0)
                with xr.open_dataset(results, engine="h5netcdf") as ds:
                    plot.plot_compare_rules(plot.with_names(ds, "en"), self.folder, "t", [])
                figure = figures.pop("compare_rules.png")
                figure.canvas.draw()
                width, height = figure.get_size_inches()
                self.assertLessEqual(width, 20)
                for axis in figure.axes[:2]:
                    if len(sets) > plot.MOST_BARS_IN_A_GROUP:
                        self.assertEqual(len(axis.images), 1)
                        self.assertIsNone(axis.get_legend())
                        self.assertEqual([label.get_text() for label in axis.get_yticklabels()], sets)
                    else:
                        self.assertEqual(len(axis.images), 0)
                        legend = axis.get_legend().get_window_extent()
                        self.assertGreaterEqual(legend.x0, axis.get_window_extent().x1)
                self.assertGreaterEqual(height, 0.3 * len(sets) if len(sets) > plot.MOST_BARS_IN_A_GROUP else 5)

    def test_names_in_either_language(self):
        """--lang zh labels regions and truck types with their Chinese names, drawn with a CJK font (matplotlib
        warns of each glyph its fonts lack: Chinese names drawn as boxes); --lang en with the English ones; the
        id where the file has no name or an empty one."""
        run_file = self.folder / "run.h5"
        self.assertEqual(truckflow("run", "scenarios/sichuan.yaml", "--set", "simulation.horizon_years=1", "-o",
                                   run_file, "-q").returncode, 0)
        for lang in ("zh", "en"):
            with self.subTest(lang=lang):
                plot = subprocess.run([sys.executable, SOURCE / "scripts/plot.py", run_file, "-o", self.folder,
                                       "--lang", lang], capture_output=True, text=True, timeout=600)
                self.assertEqual(plot.returncode, 0, plot.stderr)
                self.assertNotIn("missing from current font", plot.stderr)
                self.assertNotIn("Traceback", plot.stderr)
                self.assertTrue((self.folder / "fleet_and_backlog.png").exists())
        bad = subprocess.run([sys.executable, SOURCE / "scripts/plot.py", run_file, "--lang", "fr"],
                             capture_output=True, text=True)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("invalid choice", bad.stderr)
        plot = load_plot_module()
        with xr.open_dataset(run_file, engine="h5netcdf") as ds:
            zh, en = plot.with_names(ds, "zh"), plot.with_names(ds, "en")
            self.assertEqual(plot.names(zh, "region")[:2], ["成都", "攀枝花"])
            self.assertEqual(plot.names(en, "region")[:2], ["Chengdu", "Panzhihua"])
            self.assertEqual(plot.names(zh.region_fleet_trucks.sum("region"), "truck_type")[0], "纯电动重卡（充电）")
            self.assertEqual(plot.names(zh, "factory"), [str(f) for f in ds.factory.values])  # no names: ids
            note = io.StringIO()
            with contextlib.redirect_stderr(note):
                nameless = plot.with_names(ds.drop_vars("region_name_zh").assign(
                    truck_type_name_zh=("truck_type", [""] * ds.sizes["truck_type"])), "zh")
            self.assertEqual(note.getvalue(), "plot.py: the file has no region_name_zh: region labelled by id\n")
            self.assertEqual(plot.names(nameless, "region"), [str(r) for r in ds.region.values])
            self.assertEqual(plot.names(nameless, "truck_type"), [str(t) for t in ds.truck_type.values])

    def test_files_lacking_series(self):
        """A file lacking series (an older truckflow's, or one cut down by hand): each plot whose data is missing
        is left out with a note naming what is missing, the others written, never a crash."""
        run_file, compare_file = self.folder / "run.h5", self.folder / "compare.h5"
        self.assertEqual(truckflow("run", "scenarios/sichuan.yaml", "--set", "simulation.horizon_years=1", "-o",
                                   run_file, "-q").returncode, 0)
        self.assertEqual(truckflow("compare", "scenarios/tiny/operations.yaml", "-o", compare_file, "-q").returncode, 0)
        cut = {"supplier_stock_units": ("no supplier plot", "suppliers.png"),
               "trucks_by_stage": ("no plot of trucks by stage", "trucks_by_stage.png"),
               "delivery_lead_time_days": ("no lead-time plot", "lead_times.png"),
               "co2_well_to_wheel_kg": ("no plot of energy and CO2 by year", "energy_and_co2_by_year.png"),
               "station_servers": ("no servers plot", "station_servers.png"),
               "region_name_zh": ("the file has no region_name_zh", None)}
        for results, dropped, lacking in ((run_file, list(cut), None), (run_file, None, "all"),
                                          (compare_file, ["headline_ownership_cny_per_tonne_km"], None),
                                          (compare_file, None, "all")):
            with self.subTest(results=results.name, dropped=dropped or lacking):
                part = self.folder / f"part_{results.name}"
                with xr.open_dataset(results, engine="h5netcdf") as ds:
                    ds = ds.load()
                kept = ds.drop_vars(dropped or list(ds.data_vars))
                for variable in kept.variables.values():
                    variable.encoding = {}
                kept.to_netcdf(part, engine="h5netcdf")
                for png in self.folder.glob("*.png"):
                    png.unlink()
                plot = subprocess.run([sys.executable, SOURCE / "scripts/plot.py", part, "-o", self.folder, "--lang",
                                       "zh"], capture_output=True, text=True, timeout=600)
                self.assertEqual(plot.returncode, 0, plot.stderr)
                self.assertNotIn("Traceback", plot.stderr)
                written = {png.name for png in self.folder.glob("*.png")}
                if lacking == "all":
                    self.assertEqual(written, set())
                    self.assertGreaterEqual(plot.stderr.count("plot.py: no "), 4, plot.stderr)
                elif results == run_file:
                    for name, (note, png) in cut.items():
                        self.assertIn(f"{note}: the file has no {name}" if png else note, plot.stderr)
                        if png:
                            self.assertNotIn(png, written)
                    self.assertTrue({"production_and_deliveries.png", "fleet_and_backlog.png", "waiting.png",
                                     "station_queue.png", "value_added_by_year.png"} <= written, written)
                else:
                    self.assertIn("no comparison of the truck types at work: the file has no "
                                  "headline_ownership_cny_per_tonne_km", plot.stderr)
                    self.assertEqual(written, {"compare_over_time.png", "compare_headline.png",
                                               "compare_ownership_by_site.png"})

    def test_without_stations_or_work(self):
        """A run without stations and a chain-only comparison: the other plots, and a note for each left out."""
        run_file, compare_file = self.folder / "run.h5", self.folder / "compare.h5"
        self.assertEqual(truckflow("run", "scenarios/tiny/upfit.yaml", "-o", run_file, "-q").returncode, 0)
        self.assertEqual(truckflow("compare", "scenarios/tiny/operations.yaml", "--chain-only", "-o", compare_file,
                                   "-q").returncode, 0)
        for results, png, note in ((run_file, "waiting.png", "no station plots"),
                                   (compare_file, "compare_headline.png", "no comparison of the truck types at work")):
            plot = subprocess.run([sys.executable, SOURCE / "scripts/plot.py", results, "-o", self.folder],
                                  capture_output=True, text=True, timeout=600)
            self.assertEqual(plot.returncode, 0, plot.stderr)
            self.assertIn(note, plot.stderr)
            self.assertTrue((self.folder / png).exists(), png)
        left_out = ["station_servers.png", "sharing_rules.png", "compare_by_truck_type.png",
                    "compare_ownership_by_site.png"]
        self.assertEqual([png for png in left_out if (self.folder / png).exists()], [])

    def test_experiment_plots(self):
        """An experiment's file: the tornado of a one-at-a-time design and the responses against the factors; a
        full factorial's responses; a sizing search's levels with its bound; a response lacking its summaries left out with a note, the others plotted; a
        file without any, nothing and a note."""
        one_at_a_time = "scenarios/experiments/tiny_one_at_a_time.yaml"
        oat_file, factorial_file = self.folder / "oat.h5", self.folder / "factorial.h5"
        sizing_file = self.folder / "sizing.h5"
        for experiment, results in ((one_at_a_time, oat_file),
                                    ("scenarios/experiments/tiny_chargers.yaml", factorial_file),
                                    ("scenarios/experiments/tiny_sizing.yaml", sizing_file)):
            made = truckflow("experiment", experiment, "-o", results, "-q", "--jobs", "2")
            self.assertEqual(made.returncode, 0, made.stderr)
        part_file, bare_file = self.folder / "part.h5", self.folder / "bare.h5"
        with xr.open_dataset(oat_file, engine="h5netcdf") as ds:
            ds = ds.load()
        responses = [name for name in ds.data_vars if name.startswith("response_")]
        for cut, dropped in ((part_file, ["response_ownership_cny_per_tonne_km_ci95_high"]), (bare_file, responses)):
            kept = ds.drop_vars(dropped)
            for variable in kept.variables.values():
                variable.encoding = {}
            kept.to_netcdf(cut, engine="h5netcdf")
        pairs = ["experiment_tornado.png", "experiment_responses.png"]
        for results, lang, pngs, note in ((oat_file, "en", pairs, None), (factorial_file, "zh", pairs[1:], None),
                                          (sizing_file, "en", pairs[1:], None),
                                          (part_file, "en", pairs, "no plot of response_ownership_cny_per_tonne_km"),
                                          (bare_file, "en", [], "no experiment plots")):
            with self.subTest(results=results.name):
                for png in self.folder.glob("*.png"):
                    png.unlink()
                plot = subprocess.run([sys.executable, SOURCE / "scripts/plot.py", results, "-o", self.folder,
                                       "--lang", lang], capture_output=True, text=True, timeout=600)
                self.assertEqual(plot.returncode, 0, plot.stderr)
                self.assertNotIn("Traceback", plot.stderr)
                self.assertNotIn("Warning", plot.stderr)
                self.assertEqual(sorted(pathlib.Path(line).name for line in plot.stdout.split()), sorted(pngs))
                self.assertEqual(sorted(png.name for png in self.folder.glob("*.png")), sorted(pngs))
                if note:
                    self.assertIn(note, plot.stderr)
                for png in pngs:
                    self.assertGreater((self.folder / png).stat().st_size, 10000, png)

    def test_not_a_results_file(self):
        bogus = self.folder / "bogus.h5"
        bogus.write_text("not hdf5")
        plot = subprocess.run([sys.executable, SOURCE / "scripts/plot.py", bogus], capture_output=True, text=True)
        self.assertEqual(plot.returncode, 2)
        self.assertIn("cannot read", plot.stderr)


if __name__ == "__main__":
    TRUCKFLOW = os.path.abspath(sys.argv[1])
    SOURCE = pathlib.Path(sys.argv[2]).resolve()
    unittest.main(argv=[sys.argv[0], *sys.argv[3:]], verbosity=2)
