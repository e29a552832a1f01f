#!/usr/bin/env bash
# The installed engine, used by a project outside truckflow: install only the `engine` component of
# a build tree into a fresh prefix, build outside_project/ against it with the same compiler and
# run it (it checks its own result against a hand computation); then check that asking for a
# component truckflow does not have fails with a clear message. The work folder is removed at exit.
# Usage: outside_project.sh CMAKE BUILD_DIR WORK_DIR CXX_COMPILER GENERATOR [BUILD_TYPE]
set -euo pipefail
cmake=$1 build_dir=$2 work=$3 cxx=$4 generator=$5 build_type=${6:-}
here=$(cd "$(dirname "$0")" && pwd)
prefix=$work/prefix

rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

echo "== install the engine component into $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" --component engine
[[ -f $prefix/include/truckflow/engine.hpp ]] || fail "the engine headers were not installed"
[[ ! -e $prefix/bin ]] || fail "the engine component installed $prefix/bin too"

echo "== configure, build and run the outside project"
"$cmake" -S "$here/outside_project" -B "$work/build" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_PREFIX_PATH="$prefix"
grep -qx "truckflow_DIR:PATH=$prefix/.*" "$work/build/CMakeCache.txt" ||
  fail "find_package found a truckflow other than the one just installed: $(grep truckflow_DIR: "$work/build/CMakeCache.txt")"
"$cmake" --build "$work/build"
output=$("$work/build/swap_station") || fail "swap_station exited $?: $output"
echo "$output"
grep -q "^swap station: 3 swaps, total wait 12.0 min, mean wait 4.0 min, last done at minute 15.0$" <<<"$output" ||
  fail "swap_station printed something else"

echo "== components truckflow does not have"
mkdir -p "$work/unknown"
cat >"$work/unknown/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(unknown_component LANGUAGES NONE)
find_package(truckflow COMPONENTS engine OPTIONAL_COMPONENTS wheels)
if(NOT truckflow_FOUND OR NOT truckflow_engine_FOUND OR NOT TARGET truckflow::engine OR truckflow_wheels_FOUND)
  message(FATAL_ERROR "CHECK FAILED: an optional unknown component should leave truckflow found, engine too")
endif()
find_package(truckflow QUIET COMPONENTS wheels)
if(truckflow_FOUND OR truckflow_wheels_FOUND)
  message(FATAL_ERROR "CHECK FAILED: truckflow was found with the component wheels")
endif()
find_package(truckflow REQUIRED COMPONENTS engine wheels)
message(FATAL_ERROR "CHECK FAILED: find_package(... REQUIRED COMPONENTS engine wheels) succeeded")
CMAKE
if "$cmake" -S "$work/unknown" -B "$work/unknown/build" -G "$generator" -DCMAKE_PREFIX_PATH="$prefix" \
  >"$work/unknown.log" 2>&1; then
  cat "$work/unknown.log"
  fail "configuring with an unknown required component succeeded"
fi
cat "$work/unknown.log"
! grep -q "CHECK FAILED" "$work/unknown.log" || fail "see CHECK FAILED above"
grep -q "truckflow [0-9.]* has no component wheels (components installed: engine)" "$work/unknown.log" ||
  fail "no clear message for the unknown component"
echo "ok"
