#!/usr/bin/env bash
# What the release presets build. `make run` builds the `release` build preset: the truckflow command
# and the libraries it links, no test and no benchmark. `make bench` builds the `bench` build preset:
# the benchmark program. The release configure preset has the tests off (they build in ci and debug).
# Configures the release preset into a temporary folder and asks Ninja what each build preset would
# build (a dry run: nothing is compiled).
# Usage: release_preset.sh CMAKE SOURCE_DIR
set -euo pipefail
cmake=$1
cd "$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "$1"; [ -f "$work/out.txt" ] && cat "$work/out.txt"; exit 1; }

make -n run | grep -- "cmake --build --preset release" > /dev/null || fail "make run does not build the release build preset"
make -n bench | grep -- "cmake --build --preset bench" > /dev/null || fail "make bench does not build the bench build preset"

"$cmake" --preset release -B "$work/build" > "$work/configure.txt" 2>&1 || { cat "$work/configure.txt"; exit 1; }
targets() {
  /usr/bin/python3 -c 'import json, sys
presets = {p["name"]: p for p in json.load(open("CMakePresets.json"))["buildPresets"]}
print(" ".join(presets[sys.argv[1]].get("targets", ["all"])))' "$1"
}

# shellcheck disable=SC2046  # one word per target
"$cmake" --build "$work/build" --target $(targets release) -- -n > "$work/out.txt"
grep -q "Linking CXX executable app/truckflow$" "$work/out.txt" || fail "the release build preset does not build truckflow:"
! grep -E "tests/|bench/" "$work/out.txt" || fail "the release build preset builds tests or benchmarks:"

# shellcheck disable=SC2046
"$cmake" --build "$work/build" --target $(targets bench) -- -n > "$work/out.txt"
grep -q "Linking CXX executable bench/truckflow_bench$" "$work/out.txt" || fail "the bench build preset does not build the benchmarks:"

"$cmake" --build "$work/build" --target all -- -n > "$work/out.txt"
! grep -E "tests/" "$work/out.txt" || fail "the release configure preset builds tests:"
echo "make run builds truckflow only; make bench builds the benchmarks; no test in release"
