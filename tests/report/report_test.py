"""truckflow report, as its users meet it: the page of a run, of a comparison of truck types and of
rule sets, and of a file lacking series, opened in headless Chromium (check_report.js); its data
against the results file it came from; and bad input.

Run by CTest: report_test.py TRUCKFLOW SOURCE_DIR ARTEFACTS_DIR TestCase[.test_method]
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

TRUCKFLOW = SOURCE = ARTEFACTS = None
# A page that has not rendered by then is stuck (the default scenario's renders in about 2 s on an
# idle machine: docs/performance.md; speed is measured there, not tested).
RENDER_LIMIT_MS = 30000


def truckflow(*args, timeout=1800):
    return subprocess.run([TRUCKFLOW, *map(str, args)], cwd=SOURCE, capture_output=True, text=True, timeout=timeout)


def page_data(html_path):
    """The data a page holds (the JSON in its truckflow-data script element)."""
    html = pathlib.Path(html_path).read_text(encoding="utf-8")
    found = re.search(r'<script id="truckflow-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


class Workspace(unittest.TestCase):
    def setUp(self):
        self.temporary = tempfile.TemporaryDirectory()
        self.folder = pathlib.Path(self.temporary.name)

    def tearDown(self):
        self.temporary.cleanup()

    def results(self, *args):
        """Runs truckflow (run or compare) with -o into the workspace; returns the file."""
        out = self.folder / "results.h5"
        done = truckflow(*args, "-o", out, "-q")
        self.assertEqual(done.returncode, 0, done.stderr)
        return out

    def report(self, results, name):
        """Writes the report of `results`, checks it in the browser; returns its path."""
        page = self.folder / f"{name}.html"
        done = truckflow("report", results, "-o", page)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn(f"Report written to {page}", done.stderr)
        return page

    def browse(self, page, name, *expect_missing):
        """check_report.js on `page`, its screenshots kept as test artefacts."""
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        args = ["node", SOURCE / "tests/report/check_report.js", page, "--screenshot", ARTEFACTS / f"{name}.png",
                "--screenshot-zh", ARTEFACTS / f"{name}-zh.png", "--max-ms", str(RENDER_LIMIT_MS)]
        if expect_missing:
            args += ["--expect-missing", *expect_missing]
        done = subprocess.run(list(map(str, args)), capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        return done.stdout


class Pages(Workspace):
    def test_default_scenario(self):
        # A year of the default scenario: every kind of chart has data. The page is small enough
        # to mail; how fast it renders is measured, not tested (docs/performance.md).
        results = self.results("run", "scenarios/sichuan.yaml", "--set", "simulation.horizon_years=1")
        page = self.report(results, "sichuan")
        self.assertLess(page.stat().st_size, 5 * 2**20)
        self.browse(page, "sichuan")

    def test_comparison_of_truck_types(self):
        results = self.results("compare", "scenarios/tiny/operations.yaml")
        self.browse(self.report(results, "compare-types"), "compare-types")

    def test_comparison_of_rule_sets(self):
        results = self.results("compare", "scenarios/tiny/sharing.yaml", "--rules", "six_four,capped,none")
        self.browse(self.report(results, "compare-rules"), "compare-rules")

    def test_a_file_lacking_series_says_what_it_lacks(self):
        # A scenario without stations has no station series.
        results = self.results("run", "scenarios/tiny/two_regions.yaml")
        with h5py.File(results, "r") as f:
            self.assertNotIn("station_queue_trucks", f)
        self.browse(self.report(results, "no-stations"), "no-stations", "station_queue_trucks")

    def test_experiments(self):
        """An experiment's page: a chart per response, and for a one-at-a-time design a tornado per response (a
        page without them would show none: the run's sections find nothing to draw)."""
        one_at_a_time = "scenarios/experiments/tiny_one_at_a_time.yaml"
        for experiment, name, charts in (("scenarios/experiments/tiny_chargers.yaml", "experiment-factorial", 3),
                                         (one_at_a_time, "experiment-oat", 4),
                                         ("scenarios/experiments/tiny_sizing.yaml", "experiment-sizing", 2)):
            with self.subTest(experiment=name):
                page = self.report(self.results("experiment", experiment), name)
                self.assertIn(f": {charts} charts,", self.browse(page, name))


class Data(Workspace):
    """The data in a page is the results file's, its time axis thinned to at most 200 samples."""

    def test_the_data_is_the_files(self):
        # A year of daily samples: 366, thinned to every second.
        results = self.results("run", "scenarios/sichuan.yaml", "--set", "simulation.horizon_years=1")
        data = page_data(self.report(results, "data"))
        self.assertEqual(data["format"], "truckflow-report-data/1")
        stride = data["source"]["time_stride"]
        with h5py.File(results, "r") as f:
            times = f["time"].shape[0]
            self.assertEqual(stride, -(-times // 200))
            kept = list(range(0, times, stride))
            if kept[-1] != times - 1:
                kept.append(times - 1)
            self.assertEqual(data["dimensions"]["time"], len(kept))
            self.assertEqual(data["attributes"]["scenario_name"], f.attrs["scenario_name"].decode())
            checked = 0
            for name, variable in data["variables"].items():
                values = f[name][()]
                if variable["dims"][:1] != ["time"] or values.dtype.kind not in "if":
                    continue
                # Levels and running totals as sampled, to 6 significant digits (flows, summed since
                # the last kept sample, are checked in tests/output/report_data_test.cpp).
                self.assertNotEqual(f[name].attrs.get("truckflow_measure", b"level"), b"flow", name)
                got = np.array(variable["values"], dtype=float).reshape(variable["shape"])
                np.testing.assert_allclose(got, values[kept], rtol=1e-5, atol=1e-9, err_msg=name)
                checked += 1
            self.assertGreater(checked, 40)
            # Text and tables whole: the names, and the delivery table row by row.
            self.assertEqual(data["variables"]["region_name_zh"]["values"],
                             [name.decode() if isinstance(name, bytes) else name for name in f["region_name_zh"][()]])
            self.assertEqual(data["variables"]["delivery_truck_type"]["values"],
                             f["delivery_truck_type"][()].tolist())

    def test_tables_of_millions_of_rows_are_left_out(self):
        results = self.results("run", "scenarios/tiny/operations.yaml", "--station-visits", "--ledger")
        data = page_data(self.report(results, "tables"))
        self.assertIn("visit_waited_hours", data["omitted"])
        self.assertIn("posting_amount_fen", data["omitted"])
        self.assertNotIn("visit_waited_hours", data["variables"])
        self.assertIn("station_wait_hours", data["variables"])

    def test_text_cannot_end_the_script(self):
        # A scenario name with "</script>" stays text in the page.
        results = self.results("run", "scenarios/tiny/two_regions.yaml", "--set", "name=</script><b>x")
        page = self.report(results, "escaped")
        self.assertEqual(page_data(page)["attributes"]["scenario_name"], "</script><b>x")


class BadInput(Workspace):
    def test_not_results(self):
        done = truckflow("report", "README.md", "-o", self.folder / "x.html")
        self.assertEqual(done.returncode, 2)
        self.assertIn("'README.md' is not an HDF5 file", done.stderr)
        self.assertFalse((self.folder / "x.html").exists())

    def test_an_existing_page_is_replaced_only_if_it_is_a_report(self):
        results = self.results("run", "scenarios/tiny/two_regions.yaml")
        note = self.folder / "notes.html"
        note.write_text("<p>my notes</p>")
        done = truckflow("report", results, "-o", note)
        self.assertEqual(done.returncode, 2)
        self.assertIn("is not a truckflow report", done.stderr)
        self.assertEqual(note.read_text(), "<p>my notes</p>")
        page = self.report(results, "again")
        self.report(results, "again")  # a report replaces a report
        self.assertEqual(page_data(page)["source"]["kind"], "run")

    def test_the_default_name(self):
        results = self.results("run", "scenarios/tiny/two_regions.yaml")
        done = truckflow("report", results)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(results.with_suffix(".html").exists())


if __name__ == "__main__":
    TRUCKFLOW, SOURCE, ARTEFACTS = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    unittest.main(argv=[sys.argv[0], *sys.argv[4:]], verbosity=2)
