#!/usr/bin/env python3
"""`truckflow run`'s table of trucks by site region and year, checked against the run's other
table (the years add up to its totals) and, for the default scenario, against its plan (each year's
orders are exactly that year's plan lines: the first order of a year, placed at midnight on
1 January, belongs to that year and not to the one before).

Usage: years_table.py TRUCKFLOW SOURCE_DIR"""
import collections
import subprocess
import sys
import unittest

import yaml

TRUCKFLOW, SOURCE = sys.argv[1], sys.argv[2]
YEARS_TITLE = "Trucks by site region and year"
TYPES_TITLE = "Trucks by site region and truck type"


def run(*args):
    """The chain only (the table counts trucks ordered, built and delivered; work does not change it)."""
    done = subprocess.run([TRUCKFLOW, "run", *args, "--chain-only", "--quiet"], cwd=SOURCE, capture_output=True,
                          text=True, check=True)
    return done.stdout


def table(stdout, title):
    """The rows of the table whose title starts with `title` (below its two header lines), as lists of cells."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 3:]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


class YearsTable(unittest.TestCase):
    def check_adds_up(self, stdout, years):
        totals = collections.defaultdict(lambda: [0, 0, 0])  # region: ordered, built, delivered
        for row in table(stdout, TYPES_TITLE):
            if row[0] == "total":
                totals["total"] = [int(v) for v in row[1:4]]
            else:
                totals[row[0]] = [a + int(v) for a, v in zip(totals[row[0]], row[2:5])]
        by_region = collections.defaultdict(list)
        for region, year, *counts in table(stdout, YEARS_TITLE):
            by_region[region].append((int(year), [int(v) for v in counts]))
        self.assertEqual(set(by_region), set(totals), "the regions whose sites order trucks, and the total")
        for region, rows in by_region.items():
            self.assertEqual([year for year, _ in rows], years, region)
            sums = [sum(counts[i] for _, counts in rows) for i in range(3)]
            self.assertEqual(sums, totals[region], f"{region}: ordered, built, delivered summed over the years")
            in_service = 0
            for year, (ordered, built, delivered, fleet) in rows:
                in_service += delivered
                self.assertEqual(fleet, in_service, f"{region} {year}: in service is every delivery so far")
        for index, year in enumerate(years):
            regions = [rows[index][1] for region, rows in by_region.items() if region != "total"]
            self.assertEqual(by_region["total"][index][1], [sum(c) for c in zip(*regions)], f"total {year}")
        return by_region

    def planned_orders(self, last_year):
        """{(region, year): trucks} from the deployment plan of scenarios/sichuan.yaml."""
        with open(f"{SOURCE}/scenarios/sichuan.yaml", encoding="utf-8") as f:
            scenario = yaml.safe_load(f)
        self.assertFalse(any("target_fleet" in site for site in scenario["sites"]), "orders follow the plan alone")
        planned = collections.Counter()
        for site in scenario["sites"]:
            for line in site.get("deployment", []):
                if line["year"] <= last_year:
                    planned[(site["region"], line["year"])] += line["trucks"]
        return planned

    def check_orders_follow_the_plan(self, by_region, last_year):
        ordered = {(region, year): counts[0] for region, rows in by_region.items() if region != "total"
                   for year, counts in rows}
        planned = self.planned_orders(last_year)
        self.assertEqual({k: v for k, v in ordered.items() if v}, dict(planned))

    def test_default_scenario(self):
        years = list(range(2026, 2034))
        by_region = self.check_adds_up(run("scenarios/sichuan.yaml"), years)
        self.check_orders_follow_the_plan(by_region, 2033)

    def test_shorter_horizon(self):
        by_region = self.check_adds_up(run("scenarios/sichuan.yaml", "--set", "simulation.horizon_years=3"),
                                       [2026, 2027, 2028])
        self.check_orders_follow_the_plan(by_region, 2028)

    def test_a_run_from_mid_year_has_partial_first_and_last_years(self):
        self.check_adds_up(run("scenarios/sichuan.yaml", "--set", "simulation.start_date=2026-07-01",
                               "--set", "simulation.horizon_years=2"), [2026, 2027, 2028])

    def test_a_mid_year_start_orders_the_part_of_each_year_it_simulates(self):
        # Deployment orders are spread over the whole calendar year: from 1 July 2026 to 1 July 2027
        # a run places the second half of 2026's orders and the first half of 2027's, not all of both.
        by_region = self.check_adds_up(run("scenarios/sichuan.yaml", "--set", "simulation.start_date=2026-07-01",
                                           "--set", "simulation.horizon_years=1"), [2026, 2027])
        with open(f"{SOURCE}/scenarios/sichuan.yaml", encoding="utf-8") as f:
            scenario = yaml.safe_load(f)
        lines = collections.Counter((site["region"], line["year"]) for site in scenario["sites"]
                                    for line in site.get("deployment", []))
        planned = self.planned_orders(2027)
        for region, rows in by_region.items():
            if region == "total":
                continue
            for year, (ordered, *_rest) in rows:
                plan = planned[(region, year)]
                share = (365 - 181) / 365 if year == 2026 else 181 / 365  # days from 1 July; to 1 July
                # Each line's share is whole trucks: within one truck a line.
                self.assertLessEqual(abs(ordered - plan * share), lines[(region, year)],
                                     f"{region} {year}: {ordered} of {plan}")

    def test_what_if_and_tiny_scenarios(self):
        self.check_adds_up(run("scenarios/whatif/battery_plant_stop.yaml"), list(range(2026, 2034)))
        self.check_adds_up(run("scenarios/tiny/upfit.yaml"), [2026])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
