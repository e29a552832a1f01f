#!/usr/bin/env python3
"""Writes large or damaged scenario files for the hostile-input tests (tests/app/CMakeLists.txt).

usage: generate_scenario.py KIND OUT [N]
  chain N        N regions in a chain of two-way roads, the factory at one end, the site and the
                 supplier at the other (routes of N-1 legs)
  flow_list N    the factory's truck_types as a one-line flow list of N items
  suppliers N    N suppliers of the kit instead of one
  types N        N truck types instead of one, each built by the factory from the kit
  nul_byte       a raw NUL byte inside the site's operator name
  far_duration   a road whose travel time is 1e15 h
All start from scenarios/tiny/two_regions.yaml, found next to this script.
"""
import pathlib
import sys

TINY = pathlib.Path(__file__).resolve().parents[2] / "scenarios" / "tiny" / "two_regions.yaml"


def chain(text, n):
    head, rest = text.split("regions:\n", 1)
    tail = rest.split("components:\n", 1)[1]
    regions = "".join(
        f"  - {{id: r{i}, name: {{en: Region {i}}}, role: collaborating, latitude_deg: 30, "
        f"longitude_deg: 104, grid_co2_kg_per_kwh: 0.1}}\n" for i in range(n))
    roads = "".join(
        f"  - {{from: r{i}, to: r{i + 1}, distance_km: 10, travel_time_h: 0.5, two_way: true}}\n"
        for i in range(n - 1))
    tail = tail.replace("region: b", f"region: r{n - 1}").replace("region: a", "region: r0")
    return head + "regions:\n" + regions + "roads:\n" + roads + "components:\n" + tail


def main():
    kind, out = sys.argv[1], pathlib.Path(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    text = TINY.read_text(encoding="utf-8")
    if kind == "chain":
        text = chain(text, n)
    elif kind == "flow_list":
        text = text.replace("truck_types: [truck]", "truck_types: [" + ", ".join(["truck"] * n) + "]")
    elif kind == "suppliers":
        head, rest = text.split("suppliers:\n", 1)
        supplier, tail = rest.split("factories:\n", 1)
        text = head + "suppliers:\n" + "".join(
            supplier.replace("id: kit_maker", f"id: kit_maker_{i}") for i in range(n)) + "factories:\n" + tail
    elif kind == "types":
        head, rest = text.split("truck_types:\n", 1)
        truck_type, tail = rest.split("suppliers:\n", 1)
        text = head + "truck_types:\n" + "".join(
            truck_type.replace("id: truck", f"id: truck_{i}") for i in range(n)) + "suppliers:\n" + tail
        text = text.replace("truck_types: [truck]",
                            "truck_types: [" + ", ".join(f"truck_{i}" for i in range(n)) + "]")
        text = text.replace("truck_type: truck,", "truck_type: truck_0,")
    elif kind == "nul_byte":
        text = text.replace("operator: Quarry fleet", "operator: Quarry\0fleet")
    elif kind == "far_duration":
        text = text.replace("travel_time_h: 2", "travel_time_h: 1e15")
    else:
        sys.exit(f"unknown kind {kind!r}")
    out.write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    main()
