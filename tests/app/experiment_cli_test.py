"""truckflow experiment as its users meet it: the same file whatever --jobs, each run the run that
`truckflow run` with its seed and settings gives (common random numbers made visible), the
summaries from the runs, and bad experiment files reported where they are wrong.

Run by CTest: experiment_cli_test.py TRUCKFLOW SOURCE_DIR [TestCase[.test_method]]
"""
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

TRUCKFLOW = SOURCE = None
EXPERIMENT = "scenarios/experiments/tiny_chargers.yaml"


def completed(command, **options):
    """`command` run to its end, its output captured. A command that hangs fails its test with what it
    wrote so far, well before CTest's own time limit would end the test with nothing to read."""
    try:
        return subprocess.run(command, cwd=SOURCE, capture_output=True, text=True, timeout=300, **options)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"{' '.join(map(str, command))} did not end within {e.timeout} s; "
                             f"stdout so far:\n{e.stdout}\nstderr so far:\n{e.stderr}") from None


def truckflow(*args):
    return completed([TRUCKFLOW, *map(str, args)])


def mpirun(ranks, *args):
    """truckflow under `mpirun -np RANKS`, as root and with more ranks than cores if need be."""
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    # OpenMPI's own allocations outlive MPI_Finalize; a sanitized build must not call them leaks.
    env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), "detect_leaks=0"]))
    return completed(["mpirun", "-np", str(ranks), TRUCKFLOW, *map(str, args)], env=env)


def erlang_c_p95_minutes(servers, per_hour, mean_hours):
    """The 95th percentile of the wait in an M/M/c queue (Erlang C): P(W > t) = C exp(-(c mu - lambda) t)."""
    load = per_hour * mean_hours
    if servers <= load:
        return math.inf
    top = load ** servers / math.factorial(servers) * servers / (servers - load)
    waits = top / (sum(load ** k / math.factorial(k) for k in range(servers)) + top)
    if waits <= 0.05:
        return 0.0
    return 60.0 * math.log(waits / 0.05) / (servers / mean_hours - per_hour)


def data_of(path):
    """Every variable's values (the provenance text left out: the command line differs)."""
    with h5py.File(path, "r") as f:
        return {name: f[name][()].tolist() for name in f if name not in ("experiment_yaml", "scenario_yaml")}


class Experiment(unittest.TestCase):
    def setUp(self):
        self.temporary = tempfile.TemporaryDirectory()
        self.folder = pathlib.Path(self.temporary.name)

    def tearDown(self):
        self.temporary.cleanup()

    def experiment(self, *args, path=EXPERIMENT):
        out = self.folder / f"experiment{len(list(self.folder.iterdir()))}.h5"
        done = truckflow("experiment", path, "-o", out, "--quiet", *args)
        self.assertEqual(done.returncode, 0, done.stderr)
        return out, done.stdout

    def test_the_same_results_whatever_the_jobs(self):
        one, table = self.experiment("--jobs", "1")
        two, _ = self.experiment("--jobs", "2")
        self.assertEqual(data_of(one), data_of(two))
        self.assertIn("full_factorial, 6 points, 3 replications each", table)
        inspected = truckflow("inspect", one)
        self.assertEqual(inspected.returncode, 0, inspected.stderr)
        self.assertIn("truckflow experiment results", inspected.stdout)

    def test_each_run_is_the_run_its_seed_and_settings_give(self):
        out, _ = self.experiment()
        with h5py.File(out, "r") as f:
            levels = [[text.decode() for text in row] for row in f["point_level"][()]]
            keys = [key.decode() for key in f["factor"][()]]
            seeds = f["replication_seed"][()]
            point, replication = 3, 1
            settings = [arg for key, level in zip(keys, levels[point]) for arg in ("--set", f"{key}={level}")]
            single = self.folder / "single.h5"
            done = truckflow("run", "scenarios/tiny/operations.yaml", *settings, "--seed", seeds[replication],
                             "-o", single, "-q")
            self.assertEqual(done.returncode, 0, done.stderr)
            with h5py.File(single, "r") as run:
                for figure in ("tonnes_moved_t", "mean_station_wait_hours"):
                    self.assertEqual(f[f"response_{figure}"][point, replication], run[f"headline_{figure}"][()],
                                     figure)
                queue = run["station_queue_trucks"][()].sum(axis=1).max()
                self.assertEqual(f["response_station_queue_trucks_max"][point, replication], queue)
            # The summaries are the replications'.
            values = f["response_tonnes_moved_t"][()]
            np.testing.assert_allclose(f["response_tonnes_moved_t_mean"][()], values.mean(axis=1))
            np.testing.assert_allclose(f["response_tonnes_moved_t_sd"][()], values.std(axis=1, ddof=1))
            half = f["response_tonnes_moved_t_ci95_high"][()] - f["response_tonnes_moved_t_mean"][()]
            # t(0.975, 2) = 4.302653 for three replications.
            np.testing.assert_allclose(half, 4.302653 * values.std(axis=1, ddof=1) / np.sqrt(3), rtol=1e-6)
            # Replications differ (their own streams), points share them (common random numbers).
            self.assertGreater(len(set(values[0])), 1)

    def test_sequential_replications_stop_at_the_first_narrow_enough_interval(self):
        path = self.folder / "sequential.yaml"
        path.write_text(f"""name: sequential
scenario: {SOURCE}/scenarios/tiny/operations.yaml
factors:
  - {{key: 'stations[quarry_depot].chargers', levels: [1, 4]}}
replications: 2
seed: 3
responses:
  - headline: tonnes_moved_t
sequential: {{response: tonnes_moved_t, relative_half_width: 0.001, max_replications: 30}}
""", encoding="utf-8")
        one, table = self.experiment("--jobs", "1", path=path)
        two, _ = self.experiment("--jobs", "2", path=path)
        self.assertEqual(data_of(one), data_of(two))
        self.assertIn("until the 95% interval of tonnes_moved_t was within 0.1% of its mean", table)
        t975 = {2: 12.7062047, 3: 4.30265273, 4: 3.18244631, 5: 2.77644511, 6: 2.57058184, 7: 2.44691185,
                8: 2.36462425, 9: 2.30600414, 10: 2.26215716}  # t(0.975, n - 1) by n
        with h5py.File(one, "r") as f:
            counts = f["point_replications"][()]
            values = f["response_tonnes_moved_t"][()]
        for point, count in enumerate(counts):
            self.assertTrue(2 <= count <= 10, count)
            self.assertTrue(np.isnan(values[point, count:]).all())
            for n in range(2, count + 1):  # narrow enough first at the count run, not before
                run = values[point, :n]
                narrow = t975[n] * run.std(ddof=1) / np.sqrt(n) <= 0.001 * abs(run.mean())
                self.assertEqual(narrow, n == count, (point, n))

    def test_the_same_results_on_one_rank_two_ranks_and_one_thread(self):
        for experiment in (EXPERIMENT, "scenarios/experiments/tiny_sizing.yaml"):
            one, table = self.experiment("--jobs", "1", path=experiment)
            for ranks in (1, 2):
                out = self.folder / f"ranks{len(list(self.folder.iterdir()))}.h5"
                done = mpirun(ranks, "experiment", experiment, "-o", out, "--quiet")
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertEqual(data_of(one), data_of(out), (experiment, ranks))
                # Rank 0 alone prints the table and writes the file.
                self.assertEqual(done.stdout.count("Experiment: "), 1, done.stdout)
                self.assertEqual("on 2 ranks" in done.stdout, ranks == 2, done.stdout)

    def test_bad_input_on_two_ranks_is_reported_once_with_exit_code_2(self):
        done = mpirun(2, "experiment", self.folder / "missing.yaml")
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertEqual(done.stderr.count("missing.yaml: error: cannot open the file"), 1, done.stderr)

    def test_the_sizing_search_finds_the_fewest_chargers_erlang_c_gives(self):
        # The tiny roadside station: M/M/c with 4 arrivals an hour and half an hour of charging each.
        per_hour, mean_hours, bound = 4.0, 0.5, 10.0
        out, table = self.experiment(path="scenarios/experiments/tiny_sizing.yaml")
        expected = next(c for c in range(1, 13) if erlang_c_p95_minutes(c, per_hour, mean_hours) <= bound)
        self.assertEqual(expected, 5)
        with h5py.File(out, "r") as f:
            self.assertEqual(f["sizing_fewest_servers"][()], expected)
            self.assertEqual(f["sizing_bound_minutes"][()], bound)
            tried = f["point_value"][()][:, 0].astype(int).tolist()
            waits = f["response_roadside_wait_p95_minutes_mean"][()]
            highs = f["response_roadside_wait_p95_minutes_ci95_high"][()]
            meets = f["point_meets_bound"][()].tolist()
        # Bisection over 1..12: the most first, then halves.
        self.assertEqual(tried, [12, 6, 3, 5, 4])
        self.assertIn(f"Fewest servers (stations[roadside].chargers) that keep the mean over the replications of "
                      f"the 95th percentile of the wait at roadside at most 10.0 min: {expected}", table)
        for servers, wait, high, met in zip(tried, waits, highs, meets):
            theory = erlang_c_p95_minutes(servers, per_hour, mean_hours)
            self.assertEqual(met, int(wait <= bound))
            self.assertEqual(met, int(servers >= expected), servers)
            # Within the replications' interval, widened by the minute the percentile is read to.
            self.assertLessEqual(abs(wait - theory), (high - wait) + 1.0, (servers, wait, theory))

    def test_the_sizing_search_finds_the_lines_a_steady_order_stream_needs(self):
        # Worked by hand: 2,000 trucks ordered evenly over 2026, one every 4.38 h, each 10 h on a line, kits
        # always in stock. Three lines start one every 3.33 h: no truck ever waits. Two start one every 5 h:
        # the queue grows all year (about 250 trucks behind at its end). So the fewest lines is 3.
        path = self.folder / "lines.yaml"
        path.write_text(f"""name: lines
scenario: {SOURCE}/scenarios/tiny/two_regions.yaml
overrides:
  - "sites[quarry].deployment=[{{year: 2026, truck_type: truck, trucks: 2000}}]"
  - "factories[plant].inventory={{initial_stock_trucks: 3000, reorder_point_trucks: 0, order_quantity_trucks: 1}}"
sizing: {{factory: plant, from: 1, to: 8, wait: p95, at_most_minutes: 60}}
replications: 2
responses:
  - {{factory: plant, wait: mean}}
""", encoding="utf-8")
        out, table = self.experiment(path=path)
        self.assertIn("Fewest lines (factories[plant].lines) that keep the mean over the replications of the 95th "
                      "percentile of the wait for a line at plant at most 60.0 min: 3", table)
        with h5py.File(out, "r") as f:
            self.assertEqual(f["sizing_fewest_servers"][()], 3)
            self.assertEqual(f["point_value"][()][:, 0].astype(int).tolist(), [8, 4, 2, 3])
            p95 = f["response_plant_line_wait_p95_minutes_mean"][()]
            mean = f["response_plant_line_wait_mean_minutes_mean"][()]
        self.assertEqual([p95[0], p95[1], p95[3]], [0.0, 0.0, 0.0])
        self.assertEqual([mean[0], mean[1], mean[3]], [0.0, 0.0, 0.0])
        self.assertGreater(p95[2], 500 * 60)  # two lines: trucks ordered late wait weeks

    def test_a_station_without_visits_is_said_to_have_none(self):
        path = self.folder / "quiet.yaml"
        path.write_text(f"""name: quiet
scenario: {SOURCE}/scenarios/tiny/other_traffic.yaml
overrides: ["stations[roadside].other_traffic.trucks_per_hour=0.000001"]
sizing: {{station: roadside, from: 1, to: 4, at_most_minutes: 5}}
""", encoding="utf-8")
        out, table = self.experiment(path=path)
        self.assertIn("No level up to 4 servers (stations[roadside].chargers) keeps the mean", table)
        self.assertIn("Some runs had no visit at roadside: they have no wait (NaN)", table)
        with h5py.File(out, "r") as f:
            self.assertEqual(f["sizing_fewest_servers"][()], -1)

    def test_overloaded_other_traffic_is_warned_and_turned_away_in_bounded_time(self):
        # 10,000 trucks an hour for 100,000 kWh each at 100 kW: ten million chargers' worth. Those that
        # would wait over 24 h go elsewhere, so the queue, the memory and the run stay bounded.
        path = self.folder / "busy.yaml"
        path.write_text(f"""extends: {SOURCE}/scenarios/tiny/other_traffic.yaml
simulation: {{horizon_years: 1, start_date: 2026-01-01}}
stations:
  - {{id: roadside, other_traffic: {{trucks_per_hour: 10000, mean_kwh: 100000}}}}
""", encoding="utf-8")
        out = self.folder / "busy.h5"
        done = truckflow("run", path, "-o", out, "-q")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("warning: stations[0].other_traffic: other traffic alone keeps 10000000 chargers busy on "
                      "average", done.stderr)
        with h5py.File(out, "r") as f:
            served = int(f["station_visits"][-1, 0])
            away = int(f["station_turned_away_trucks"][-1, 0])
            wait = f["station_wait_max_hours"][0]
        self.assertGreater(away, 80_000_000)  # about 87.6 million arrive in the year
        self.assertLess(served, 1000)  # 3 chargers, 1,000 h each on average
        self.assertLessEqual(wait, 24.0)

    def test_an_output_folder_that_refuses_files_is_bad_input_before_any_run(self):
        done = truckflow("experiment", "scenarios/experiments/tiny_sizing.yaml", "-o", "/proc/experiment.h5")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("cannot create a file in the folder '/proc'", done.stderr)
        self.assertNotIn("Experiment:", done.stdout)

    def test_a_sizing_search_rejects_what_it_cannot_size(self):
        sizing = "sizing: {station: quary_depot, from: 1, to: 4, at_most_minutes: 5}\n"
        path, stderr = self.bad(sizing)
        self.assertIn(f"{path}:3:9: error: sizing.station: the scenario has no station 'quary_depot' "
                      "(did you mean 'quarry_depot'?)", stderr)
        path, stderr = self.bad(sizing + "factors:\n  - {key: simulation.seed, levels: [1]}\n")
        self.assertIn("factors: a sizing search makes its own levels: give no factors", stderr)
        path, stderr = self.bad("sizing: {station: quarry_depot, from: 4, to: 2, at_most_minutes: 5}\n")
        self.assertIn("sizing.to: expected at least from", stderr)
        path, stderr = self.bad("overrides: ['stations[quarry_depot].expansions=[]', 'stations[quarry_depot].chargers=3']\n"
                                "sizing: {station: quarry_depot, from: 1, to: 4, at_most_minutes: 5}\n")
        self.assertIn("overrides[1]: sets stations[quarry_depot].chargers, which the sizing search varies", stderr)
        path, stderr = self.bad("sizing: {station: quarry_depot, from: 1, to: 4, at_most_minutes: 5}\n")
        self.assertIn("stop it in overrides: 'stations[quarry_depot].expansions=[]'", stderr)

    def bad(self, body, name="bad.yaml"):
        path = self.folder / name
        path.write_text(f"name: bad\nscenario: {SOURCE}/scenarios/tiny/operations.yaml\n{body}", encoding="utf-8")
        done = truckflow("experiment", path)
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        return path, done.stderr

    def test_an_unknown_response_is_located(self):
        path, stderr = self.bad("factors:\n  - {key: simulation.seed, levels: [1]}\nresponses:\n"
                                "  - headline: trucks_delivred\n  - station: quary_depot\n")
        self.assertIn(f"{path}:6:5: error: responses[0].headline: no headline figure is named 'trucks_delivred' "
                      "(docs/output.md) (did you mean 'trucks_delivered'?)", stderr)
        self.assertIn(f"{path}:7:5: error: responses[1].station: no station is named 'quary_depot' in the scenario "
                      "(did you mean 'quarry_depot'?)", stderr)

    def test_a_level_that_breaks_the_scenario_is_located_at_its_factor(self):
        path, stderr = self.bad("factors:\n  - {key: 'stations[quarry_depot].chargers', levels: [1, 0]}\n"
                                "responses:\n  - headline: trucks_delivered\n")
        self.assertIn(f"{path}:4:5: error: ", stderr)
        self.assertIn("at level 0 of stations[quarry_depot].chargers", stderr)

    def test_an_unknown_key_is_located_at_its_factor(self):
        path, stderr = self.bad("factors:\n  - {key: 'stations[nowhere].chargers', levels: [1]}\n"
                                "responses:\n  - headline: trucks_delivered\n")
        self.assertIn(f"{path}:4:5: error: ", stderr)


if __name__ == "__main__":
    TRUCKFLOW, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
    unittest.main(argv=[sys.argv[0], *sys.argv[3:]], verbosity=2)
