"""truckflow experiment as its users meet it: the same file whatever --jobs, each run the run that
`truckflow run` with its seed and settings gives (common random numbers made visible), the
summaries from the runs, and bad experiment files reported where they are wrong.

Run by CTest: experiment_cli_test.py TRUCKFLOW SOURCE_DIR [TestCase[.test_method]]
"""
import pathlib
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

TRUCKFLOW = SOURCE = None
EXPERIMENT = "scenarios/experiments/tiny_chargers.yaml"


def truckflow(*args):
    return subprocess.run([TRUCKFLOW, *map(str, args)], cwd=SOURCE, capture_output=True, text=True, timeout=900)


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

    def bad(self, body, name="bad.yaml"):
        path = self.folder / name
        path.write_text(f"name: bad\nscenario: {SOURCE}/scenarios/tiny/operations.yaml\n{body}", encoding="utf-8")
        done = truckflow("experiment", path)
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        return path, done.stderr

    def test_an_unknown_response_is_located(self):
        path, stderr = self.bad("factors:\n  - {key: simulation.seed, levels: [1]}\nresponses:\n"
                                "  - headline: trucks_delivred\n")
        self.assertIn(f"{path}:6:5: error: responses[0].headline: no headline figure is named 'trucks_delivred'",
                      stderr)

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
